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

/*
 * A few names are looked up on every line (the call's name): a small
 * cache per thread in front of the table, found by length and three
 * bytes, answers them without hashing, copying or locking.  Interned
 * strings are never freed, so a cached one stays good.
 */
enum { CACHE_SIZE = 256 };
static __thread struct {
	const char *v;
	size_t n;
} cache[CACHE_SIZE];

static const char *intern_slow(const char *s, size_t n);

const char *
trace_intern_n(const char *s, size_t n)
{
	unsigned h = n == 0 ? 0 : ((unsigned)n * 31u +
	    (unsigned char)s[0] * 7u + (unsigned char)s[n / 2] * 13u +
	    (unsigned char)s[n - 1]) % CACHE_SIZE;

	if (cache[h].v != NULL && cache[h].n == n &&
	    memcmp(cache[h].v, s, n) == 0)
		return cache[h].v;
	const char *v = intern_slow(s, n);
	/* A name with a NUL in it is interned up to the NUL: the cache
	 * holds only names whose bytes are all the interned string's. */
	if (memchr(s, '\0', n) == NULL) {
		cache[h].v = v;
		cache[h].n = n;
	}
	return v;
}

static const char *
intern_slow(const char *s, size_t n)
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
