/*
 * fuzz_value.c: libFuzzer target for the argument parser alone, on any
 * bytes: the tree must be built and walked without a fault, and every
 * value's text must lie inside the input.  A -y decoration of a path must
 * end at its first '>' that strace did not escape: its decoded path holds
 * a '>' only where the text has an escape for one (\76, \076, \x3e, or
 * "\>", which strace never prints but the decoder reads as '>'), so
 * no '>' after a '-' can take the rest of a call into a name.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trace/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A decoration that is a path as strace prints one: "N</...". */
static bool
is_path(const struct value *v)
{
	const char *lt = memchr(v->text, '<', v->text_len);

	return lt != NULL && lt + 1 < v->text + v->text_len && lt[1] == '/';
}

static void
walk(const struct value *v, const char *lo, const char *hi, int depth)
{
	for (; v != NULL; v = v->next) {
		if (v->text < lo || v->text + v->text_len > hi)
			abort();
		if (depth > 200)
			abort();
		if (v->kind == VALUE_FD && is_path(v) &&
		    memchr(v->bytes, '>', v->len) != NULL &&
		    memmem(v->text, v->text_len, "\\76", 3) == NULL &&
		    memmem(v->text, v->text_len, "\\x3e", 4) == NULL &&
		    memmem(v->text, v->text_len, "\\x3E", 4) == NULL &&
		    memmem(v->text, v->text_len, "\\>", 2) == NULL)
			abort();
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
