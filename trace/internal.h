/*
 * internal.h: helpers shared by the files of the trace module only.
 * Never included from another layer.
 */
#ifndef TRACE_INTERNAL_H
#define TRACE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "trace.h"

/*
 * An arena of values and bytes whose pointers stay valid until it is reset.
 * Reset keeps the memory, so a reader that parses one event at a time
 * allocates nothing once it has seen its largest event.
 */
struct arena {
	GPtrArray *blocks;	/* of struct arena_block */
	unsigned cur;		/* index of the block being filled */
};

void arena_init(struct arena *a);
void arena_reset(struct arena *a);
void arena_clear(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);

/*
 * Parses the arguments text[0..len) into a in the arena; the root is a
 * VALUE_ARRAY.  With max_args not 0, only the first max_args arguments are
 * parsed (the root has at most that many children).  Never fails.
 */
const struct value *values_parse_into(struct arena *a, const char *text,
    size_t len, unsigned max_args);

/*
 * The calls that make processes and threads (forks.c; event_child() is in
 * trace.h).  event_is_clone() says whether ev is a clone or clone3, whose
 * flags clone_flags() finds in its parsed arguments (NULL when there are
 * none).
 */
bool event_is_clone(const struct event *ev);
const struct value *clone_flags(const struct event *ev,
    const struct value *args);

/*
 * g_string_append_len() without the call when s has the room: for the
 * appends made on every event and every path.  n bytes of p (p may be
 * NULL when n is 0).
 */
static inline void
str_append(GString *s, const char *p, size_t n)
{
	if (n == 0)
		return;
	if (s->allocated_len > s->len + n) {
		memcpy(s->str + s->len, p, n);
		s->len += n;
		s->str[s->len] = '\0';
	} else {
		g_string_append_len(s, p, (gssize)n);
	}
}

/* Character classes used by both the line scanner and the value parser. */
static inline bool
is_ident_start(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static inline bool
is_ident(unsigned char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

static inline bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Parses an integer as strace prints one: decimal, -decimal, 0x hex, 0 octal.
 * Returns the number of bytes used (0 when s does not start with a number)
 * and sets *overflow when it does not fit in 64 bits.  Hex and octal are
 * read as unsigned and stored in two's complement, as strace prints
 * addresses and unsigned values.
 */
size_t parse_int(const char *s, size_t n, int64_t *out, bool *overflow);

/*
 * Decodes the C escapes strace prints inside a quoted string, from s up to
 * the closing quote (or, when quote is 0, up to end).  Writes the bytes to
 * out (which has room for end - s bytes) and returns how many; *used is the
 * number of source bytes read, not counting the closing quote.
 */
size_t unescape(const char *s, const char *end, char quote, char *out,
    size_t *used);

/*
 * The length of the fd's own part of a -y decoration's text d[0..len),
 * without its outer '<' and '>' and still escaped: a path ends where the
 * device numbers of -yy begin ("/dev/null<char 1:3>"), since strace
 * escapes a '<' that is part of the path; other decorations are whole.
 */
size_t decoration_own_len(const char *d, size_t len);

/*
 * Scans from s (just after an opening bracket) to its matching closer at
 * depth zero, honouring quoted strings, nested brackets, and fd decorations
 * such as 3</a path with ) in it>.  closers is a set of bytes that end the
 * scan at depth zero (e.g. ")" or ",}").  Returns the position of the closer
 * or NULL when the text ends first.
 */
const char *scan_balanced(const char *s, const char *end, const char *closers);

/*
 * What a call touches inside a file or a socket (content.c), for the
 * normaliser's offsets and payload options.  content_has_offset() and
 * content_has_payload() say whether the call name has an offset (or an
 * lseek position) and moves bytes through its second argument.
 * content_put_offset() appends " @pageN" to out, the 4096-byte page of
 * the offset in args (all the arguments of ev), nothing for a failed
 * call.  content_put_payload() appends " bytes:\"...\"": the first bytes
 * (0: the first token) of what ev moved, escaped, with "..." after the
 * quote when strace did not show all of them; nothing for a failed call.
 * Neither fails.
 */
bool content_has_offset(const char *name);
void content_put_offset(GString *out, const struct event *ev,
    const struct value *args);
bool content_has_payload(const char *name);
void content_put_payload(GString *out, const struct event *ev,
    const struct value *args, size_t bytes);

#endif
