/*
 * intern.c: one copy of every name the trace module hands out (system
 * calls, errno and signal names, file names), so they compare by pointer
 * and live as long as the process.
 *
 * A GHashTable over a GStringChunk, rather than g_intern_string(): GLib's
 * quark table deliberately leaks its old index array each time the number
 * of quarks passes a multiple of 2048 (gquark.c), which a log with many
 * made-up call names reaches, and which LeakSanitizer then reports.  This
 * table is reachable from a static pointer to the end: nothing is leaked.
 * Memory grows with the distinct names of the input only.
 */
#include <string.h>

#include <glib.h>

#include "trace.h"

static GMutex lock;
static GHashTable *names;	/* string -> itself, both in chunk */
static GStringChunk *chunk;

const char *
trace_intern_n(const char *s, size_t n)
{
	char small[128];
	char *key = n < sizeof(small) ? small : g_malloc(n + 1);
	const char *v;

	memcpy(key, s, n);
	key[n] = '\0';
	g_mutex_lock(&lock);
	if (names == NULL) {
		names = g_hash_table_new(g_str_hash, g_str_equal);
		chunk = g_string_chunk_new(4096);
	}
	v = g_hash_table_lookup(names, key);
	if (v == NULL) {
		v = g_string_chunk_insert_len(chunk, s, n);
		g_hash_table_insert(names, (gpointer)v, (gpointer)v);
	}
	g_mutex_unlock(&lock);
	if (key != small)
		g_free(key);
	return v;
}

const char *
trace_intern(const char *s)
{
	return trace_intern_n(s, strlen(s));
}
