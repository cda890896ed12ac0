/*
 * fuzz_value.c: libFuzzer target for the argument parser alone, on any
 * bytes: the tree must be built and walked without a fault, and every
 * value's text must lie inside the input.  A -y decoration of a path must
 * end at its first '>' that strace did not escape (path_swallows()), so no
 * '>' after a '-' can take the rest of a call into a name.  Every struct
 * is also decoded as a socket address (trace/sockaddr.c).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trace/sockaddr.h"
#include "trace/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Whether a decoration that is a path as strace prints one ("N</...")
 * has a '>' inside its path part: strace escapes every '>' of a path
 * (\76), so the first '>' not after a backslash closes the decoration,
 * unless a '<' opened -yy's device numbers first.  Only the raw text is
 * looked at, not what the decoder made of it.
 */
static bool
path_swallows(const struct value *v)
{
	const char *end = v->text + v->text_len;
	const char *p = memchr(v->text, '<', v->text_len);

	if (p == NULL || p + 1 >= end || p[1] != '/')
		return false;
	for (p++; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '<')
			return false;
		else if (*p == '>')
			return p != end - 1;
	}
	return false;
}

/*
 * Every struct goes through the sockaddr decoder: what it gives must be
 * in range and print (trace/sockaddr.c).
 */
static void
check_sockaddr(const struct value *v)
{
	struct sockaddr_info sa;
	char ip[SOCKADDR_IP_TEXT];
	GString *s;

	if (!sockaddr_decode(v, &sa))
		return;
	if (sa.family == NULL || sa.port < -1 || sa.port > 65535)
		abort();
	if (sa.has_ip && !sockaddr_ip_text(&sa, ip))
		abort();
	s = g_string_new(NULL);
	sockaddr_text(s, &sa);
	g_string_free(s, TRUE);
}

static void
walk(const struct value *v, const char *lo, const char *hi, int depth)
{
	for (; v != NULL; v = v->next) {
		if (v->text < lo || v->text + v->text_len > hi)
			abort();
		if (depth > 200)
			abort();
		if (v->kind == VALUE_FD && path_swallows(v))
			abort();
		if (v->kind == VALUE_STRUCT)
			check_sockaddr(v);
		walk(v->child, lo, hi, depth + 1);
		if (v->changed != NULL)
			walk(v->changed, lo, hi, depth + 1);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct values *vs = values_parse((const char *)data, size);
	const struct value *root = values_root(vs);

	/* values_parse() copies the input; check against its copy. */
	walk(root->child, root->text, root->text + root->text_len, 0);
	values_free(vs);
	return 0;
}
