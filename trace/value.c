/*
 * value.c: the argument tree, parsed from the text strace prints.
 *
 * A recursive-descent parser over one call's argument text.  The grammar is
 * strace's printing conventions (src/util.c, src/print_fields.h in strace):
 * comma-separated elements, each an optional "field=" and an expression of
 * terms joined by "|"; a term is a quoted string (maybe followed by "..." when
 * strace truncated it), a number, a name, a call "name(...)", a struct
 * "{...}", an array "[...]" or "~[...]", or "..."; a number or name may carry
 * a -y decoration "<path>".  Comments are skipped.  An element with anything
 * after its expression (WIFEXITED(s) && WEXITSTATUS(s) == 0, 4 => 4) is kept
 * whole as raw text.  The parser never fails and never recurses deeper than
 * MAX_DEPTH: deeper text is raw.
 *
 * Values live in an arena: blocks that are reset, not freed, between events.
 */
#include <string.h>

#include <glib.h>

#include "internal.h"

#define MAX_DEPTH	64
#define BLOCK_SIZE	(64 * 1024)

struct arena_block {
	size_t size, used;
	char data[];
};

void
arena_init(struct arena *a)
{
	a->blocks = g_ptr_array_new_with_free_func(g_free);
	a->cur = 0;
}

void
arena_reset(struct arena *a)
{
	for (unsigned i = 0; i <= a->cur && i < a->blocks->len; i++)
		((struct arena_block *)a->blocks->pdata[i])->used = 0;
	/* Keep one block of the largest size seen; drop huge ones. */
	while (a->blocks->len > 4) {
		struct arena_block *b = g_ptr_array_index(a->blocks,
		    a->blocks->len - 1);
		if (b->size <= BLOCK_SIZE)
			break;
		g_ptr_array_remove_index(a->blocks, a->blocks->len - 1);
	}
	a->cur = 0;
}

void
arena_clear(struct arena *a)
{
	if (a->blocks != NULL)
		g_ptr_array_free(a->blocks, TRUE);
	a->blocks = NULL;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b;

	n = (n + 15) & ~(size_t)15;
	while (a->cur < a->blocks->len) {
		b = g_ptr_array_index(a->blocks, a->cur);
		if (b->size - b->used >= n) {
			void *p = b->data + b->used;
			b->used += n;
			return p;
		}
		a->cur++;
		if (a->cur < a->blocks->len)
			((struct arena_block *)a->blocks->pdata[a->cur])->used = 0;
	}
	size_t size = n > BLOCK_SIZE ? n : BLOCK_SIZE;
	b = g_malloc(sizeof(*b) + size);
	b->size = size;
	b->used = n;
	g_ptr_array_add(a->blocks, b);
	a->cur = a->blocks->len - 1;
	return b->data;
}

size_t
parse_int(const char *s, size_t n, int64_t *out, bool *overflow)
{
	size_t i = 0;
	bool neg = false;
	uint64_t v = 0;
	unsigned base = 10;

	*overflow = false;
	*out = 0;
	if (i < n && s[i] == '-') {
		neg = true;
		i++;
	}
	if (i >= n || !is_digit(s[i]))
		return 0;
	if (s[i] == '0' && i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X') &&
	    i + 2 < n && g_ascii_isxdigit(s[i + 2])) {
		base = 16;
		i += 2;
	} else if (s[i] == '0' && i + 1 < n && is_digit(s[i + 1])) {
		base = 8;
		i++;
	}
	for (; i < n; i++) {
		unsigned d;
		unsigned char c = s[i];
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && g_ascii_isxdigit(c))
			d = g_ascii_xdigit_value(c);
		else
			break;
		if (d >= base)
			break;
		/* v * base + d past 64 bits, without a division per digit. */
		uint64_t w;
		if (__builtin_mul_overflow(v, (uint64_t)base, &w) ||
		    __builtin_add_overflow(w, (uint64_t)d, &w))
			*overflow = true;
		v = v * base + d;
	}
	if (base == 10 && !*overflow) {
		if (neg ? v > (uint64_t)INT64_MAX + 1 : v > (uint64_t)INT64_MAX)
			*overflow = true;
	}
	if (*overflow)
		*out = 0;
	else if (neg)
		*out = (int64_t)(0 - v);
	else
		*out = (int64_t)v;
	return i;
}

size_t
trace_unescape(const char *s, size_t n, char *out)
{
	size_t used;

	return unescape(s, s + n, 0, out, &used);
}

size_t
unescape(const char *s, const char *end, char quote, char *out, size_t *used)
{
	const char *p = s;
	size_t n = 0;

	while (p < end) {
		/* Copy the run up to the next backslash or quote at once. */
		const char *q = memchr(p, '\\', end - p);
		const char *stop = q != NULL ? q : end;
		if (quote != 0) {
			const char *e = memchr(p, quote, stop - p);
			if (e != NULL) {
				memcpy(out + n, p, e - p);
				n += e - p;
				p = e;
				break;
			}
		}
		memcpy(out + n, p, stop - p);
		n += stop - p;
		p = stop;
		if (p >= end)
			break;
		if (p + 1 >= end) {
			out[n++] = *p++;
			break;
		}
		p++;
		switch (*p) {
		case 'n': out[n++] = '\n'; p++; break;
		case 't': out[n++] = '\t'; p++; break;
		case 'r': out[n++] = '\r'; p++; break;
		case 'v': out[n++] = '\v'; p++; break;
		case 'f': out[n++] = '\f'; p++; break;
		case 'a': out[n++] = '\a'; p++; break;
		case 'b': out[n++] = '\b'; p++; break;
		case 'e': out[n++] = 033; p++; break;
		case 'x': {
			unsigned v = 0, k = 0;
			p++;
			while (k < 2 && p < end && g_ascii_isxdigit(*p)) {
				v = v * 16 + g_ascii_xdigit_value(*p++);
				k++;
			}
			out[n++] = k ? (char)v : 'x';
			break;
		}
		default:
			if (*p >= '0' && *p <= '7') {
				unsigned v = 0, k = 0;
				/* A byte: \476 is \47 and '6', not 0476. */
				while (k < 3 && p < end && *p >= '0' &&
				    *p <= '7' && v * 8 + (*p - '0') <= 0377) {
					v = v * 8 + (*p++ - '0');
					k++;
				}
				out[n++] = (char)v;
			} else {
				out[n++] = *p++;
			}
		}
	}
	*used = p - s;
	return n;
}

/* Byte classes for scan_balanced(). */
enum { C_PLAIN, C_QUOTE, C_OPEN, C_CLOSE, C_LT };

static const unsigned char cls[256] = {
	['"'] = C_QUOTE,
	['('] = C_OPEN, ['['] = C_OPEN, ['{'] = C_OPEN,
	[')'] = C_CLOSE, [']'] = C_CLOSE, ['}'] = C_CLOSE,
	['<'] = C_LT,
};

static const char *skip_string(const char *p, const char *end);

/*
 * From just after a '<' that opens a -y decoration to just after its '>'.
 * strace escapes '<' and '>' inside a path (\74, \76), so there a '<'
 * opens a nested decoration (-yy's "/dev/pts/0<char 136:0>") and a '>'
 * closes one, even right after a '-' ("3</etc/passwd->" is the file
 * /etc/passwd-).  Only a socket's details, between the brackets of
 * "TCP:[1.2.3.4:5->6.7.8.9:10]" or "UNIX-STREAM:[1->2,\"/x\"]", hold an
 * arrow and a quoted path that strace does not escape: inside brackets of
 * a decoration that is not a path, neither closes anything.  Brackets that
 * never close are read again as if they were plain bytes.
 */
/* What skip_decoration() stops at: in any decoration, and in a socket's. */
enum { D_ANY = 1, D_SOCKET = 2 };
static const unsigned char dstop[256] = {
	['\\'] = D_ANY, ['<'] = D_ANY, ['>'] = D_ANY,
	['['] = D_SOCKET, [']'] = D_SOCKET, ['"'] = D_SOCKET,
};

static const char *
skip_decoration(const char *p, const char *end)
{
	const char *start = p;
	unsigned mask = p < end && *p != '/' ? D_ANY | D_SOCKET : D_ANY;
	int depth = 1, brackets = 0;

	if (mask == D_ANY && p < end) {
		/* A path, most often with no escape and no nested
		 * decoration: its end is the first '>', found by memchr. */
		const char *gt = memchr(p, '>', (size_t)(end - p));
		if (gt != NULL && memchr(p, '<', (size_t)(gt - p)) == NULL &&
		    memchr(p, '\\', (size_t)(gt - p)) == NULL)
			return gt + 1;
	}

	for (;;) {
		while (p < end && !(dstop[(unsigned char)*p] & mask))
			p++;
		if (p >= end)
			break;
		char c = *p++;
		if (c == '\\') {
			if (p < end)
				p++;
		} else if (c == '[') {
			brackets++;
		} else if (brackets > 0) {
			if (c == ']')
				brackets--;
			else if (c == '"')
				p = skip_string(p, end);
		} else if (c == '<') {
			depth++;
		} else if (c == '>' && --depth == 0) {
			return p;
		}
	}
	if (mask & D_SOCKET) {
		/* Unbalanced brackets: no socket; every '>' counts. */
		for (p = start, depth = 1; p < end; ) {
			char c = *p++;
			if (c == '\\' && p < end)
				p++;
			else if (c == '<')
				depth++;
			else if (c == '>' && --depth == 0)
				return p;
		}
	}
	return end;
}

/* From just after an opening '"' to just after the closing one. */
static const char *
skip_string(const char *p, const char *end)
{
	while (p < end) {
		const char *q = memchr(p, '"', end - p);
		if (q == NULL)
			return end;
		/* Count the backslashes before the quote. */
		const char *b = q;
		while (b > p && b[-1] == '\\')
			b--;
		if (((q - b) & 1) == 0)
			return q + 1;
		p = q + 1;
	}
	return end;
}

static bool
opens_decoration(const char *p, const char *start, const char *end)
{
	/* "3</x>", "AT_FDCWD</x>", or "<... resuming interrupted read ...>". */
	if (p > start && is_ident((unsigned char)p[-1]))
		return true;
	return end - p >= 4 && memcmp(p, "<...", 4) == 0;
}

const char *
scan_balanced(const char *s, const char *end, const char *closers)
{
	const char *p = s;
	int depth = 0;

	while (p < end) {
		unsigned char c = *p;
		switch (cls[c]) {
		case C_PLAIN:
			p++;
			continue;
		case C_QUOTE:
			p = skip_string(p + 1, end);
			continue;
		case C_OPEN:
			if (depth == 0 && strchr(closers, c) != NULL)
				return p;
			depth++;
			p++;
			continue;
		case C_CLOSE:
			if (depth == 0) {
				if (strchr(closers, c) != NULL)
					return p;
			} else {
				depth--;
			}
			p++;
			continue;
		case C_LT:
			if (opens_decoration(p, s, end))
				p = skip_decoration(p + 1, end);
			else
				p++;
			continue;
		}
	}
	return NULL;
}

/* The parser proper. */
struct parser {
	struct arena *a;
	const char *p, *end;
	unsigned max_args;	/* top-level arguments to parse; 0: all */
};

static struct value *
new_value(struct parser *ps, enum value_kind kind, const char *from)
{
	struct value *v = arena_alloc(ps->a, sizeof(*v));

	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->text = from;
	return v;
}

static void skip_space_slow(struct parser *ps);

/* Called before and after every term: most often there is nothing to
 * skip, which one test tells. */
static inline void
skip_space(struct parser *ps)
{
	if (ps->p < ps->end && *ps->p != ' ' && *ps->p != '\t' &&
	    *ps->p != '/')
		return;
	skip_space_slow(ps);
}

static void
skip_space_slow(struct parser *ps)
{
	for (;;) {
		while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t'))
			ps->p++;
		if (ps->end - ps->p >= 2 && ps->p[0] == '/' && ps->p[1] == '*') {
			const char *q = ps->p + 2;
			while (q + 1 < ps->end && !(q[0] == '*' && q[1] == '/'))
				q++;
			ps->p = q + 1 < ps->end ? q + 2 : ps->end;
			continue;
		}
		return;
	}
}

static struct value *parse_expr(struct parser *ps, int depth);
static void parse_list(struct parser *ps, struct value *parent, char closer,
    int depth);

static const char *
decode(struct parser *ps, const char *from, const char *to, char quote,
    size_t *len, size_t *used)
{
	char *out = arena_alloc(ps->a, (to - from) + 1);

	*len = unescape(from, to, quote, out, used);
	out[*len] = '\0';
	return out;
}

size_t
decoration_own_len(const char *d, size_t len)
{
	const char *p = d, *end = d + len, *lt;

	if (len == 0 || d[0] != '/')
		return len;
	while ((lt = memchr(p, '<', end - p)) != NULL) {
		/* Escaped by an odd number of backslashes: part of the path. */
		const char *b = lt;
		while (b > d && b[-1] == '\\')
			b--;
		if (((lt - b) & 1) == 0)
			return lt - d;
		p = lt + 1;
	}
	return len;
}

/* A -y decoration after a number or a name: fd and path. */
static void
parse_decoration(struct parser *ps, struct value *v)
{
	const char *from = ps->p + 1;
	const char *q = skip_decoration(from, ps->end);
	const char *to = q > from && q[-1] == '>' ? q - 1 : q;
	size_t used;

	to = from + decoration_own_len(from, to - from);

	v->kind = VALUE_FD;
	v->bytes = decode(ps, from, to, 0, &v->len, &used);
	ps->p = q;
}

static struct value *
parse_term(struct parser *ps, int depth)
{
	const char *from = ps->p;
	struct value *v;
	unsigned char c;

	if (ps->p >= ps->end)
		return NULL;
	c = *ps->p;
	if (c == '"' || (c == '@' && ps->end - ps->p > 1 && ps->p[1] == '"')) {
		size_t used;
		const char *body = ps->p + (c == '@' ? 2 : 1);
		v = new_value(ps, VALUE_STR, from);
		v->bytes = decode(ps, body, ps->end, '"', &v->len, &used);
		ps->p = body + used;
		if (ps->p < ps->end)
			ps->p++;	/* closing quote */
		if (ps->end - ps->p >= 3 && memcmp(ps->p, "...", 3) == 0) {
			v->truncated = true;
			ps->p += 3;
		}
	} else if (c == '{' || c == '[' || (c == '~' && ps->end - ps->p > 1 &&
	    ps->p[1] == '[')) {
		bool neg = c == '~';
		if (neg)
			ps->p++;
		char open = *ps->p++;
		v = new_value(ps, open == '{' ? VALUE_STRUCT : VALUE_ARRAY, from);
		v->negated = neg;
		if (depth >= MAX_DEPTH)
			return NULL;
		parse_list(ps, v, open == '{' ? '}' : ']', depth + 1);
	} else if (is_digit(c) || (c == '-' && ps->end - ps->p > 1 &&
	    is_digit((unsigned char)ps->p[1]))) {
		v = new_value(ps, VALUE_INT, from);
		ps->p += parse_int(ps->p, ps->end - ps->p, &v->num, &v->overflow);
		if (ps->p < ps->end && *ps->p == '<') {
			bool big = v->overflow;
			parse_decoration(ps, v);
			/* No fd has that number: the path alone is known. */
			if (big)
				v->num = -1;
		} else if (v->overflow) {
			/*
			 * No argument strace prints is that big: a number
			 * taken as 0 would be an fd, a size, a pid of its
			 * own.  Raw text, as anything else not understood.
			 */
			v->kind = VALUE_RAW;
		}
	} else if (is_ident_start(c) || c == '&') {
		const char *q = ps->p + 1;
		while (q < ps->end && is_ident((unsigned char)*q))
			q++;
		if (q < ps->end && *q == '(') {
			v = new_value(ps, VALUE_CALL, from);
			v->bytes = from;
			v->len = q - from;
			ps->p = q + 1;
			if (depth >= MAX_DEPTH)
				return NULL;
			parse_list(ps, v, ')', depth + 1);
		} else {
			v = new_value(ps, VALUE_NAME, from);
			v->bytes = from;
			v->len = q - from;
			ps->p = q;
			if (ps->p < ps->end && *ps->p == '<') {
				bool cwd = q - from == 8 &&
				    memcmp(from, "AT_FDCWD", 8) == 0;
				parse_decoration(ps, v);
				v->num = cwd ? -100 : -1;
			}
		}
	} else if (ps->end - ps->p >= 3 && memcmp(ps->p, "...", 3) == 0) {
		v = new_value(ps, VALUE_ELLIPSIS, from);
		ps->p += 3;
	} else {
		return NULL;
	}
	v->text_len = ps->p - from;
	return v;
}

static struct value *
parse_expr(struct parser *ps, int depth)
{
	const char *from = ps->p;
	struct value *first, *v, *last;

	first = parse_term(ps, depth);
	if (first == NULL)
		return NULL;
	skip_space(ps);
	if (ps->p >= ps->end || *ps->p != '|' ||
	    (ps->end - ps->p > 1 && ps->p[1] == '|'))
		return first;
	v = new_value(ps, VALUE_FLAGS, from);
	v->child = first;
	v->nchild = 1;
	last = first;
	while (ps->p < ps->end && *ps->p == '|') {
		ps->p++;
		skip_space(ps);
		struct value *t = parse_term(ps, depth);
		if (t == NULL)
			return NULL;
		last->next = t;
		last = t;
		v->nchild++;
		skip_space(ps);
	}
	v->text_len = last->text + last->text_len - from;
	return v;
}

/* Whether the field name at p is followed by '=' (not "==" or "=>"). */
static const char *
field_name_end(const char *p, const char *end)
{
	const char *q = p;

	if (q >= end || !is_ident_start((unsigned char)*q))
		return NULL;
	while (q < end && is_ident((unsigned char)*q))
		q++;
	/* strace prints sub-fields as a.b=; accept dots and brackets. */
	while (q < end && (*q == '.' || *q == '[' || *q == ']' ||
	    is_ident((unsigned char)*q)))
		q++;
	if (q + 1 <= end && *q == '=' && (q + 1 == end ||
	    (q[1] != '=' && q[1] != '>')))
		return q;
	return NULL;
}

static void
parse_list(struct parser *ps, struct value *parent, char closer, int depth)
{
	struct value *last = NULL;
	char closers[3] = { ',', closer, '\0' };
	bool in_array = closer == ']';

	for (;;) {
		skip_space(ps);
		if (ps->p >= ps->end)
			break;
		if (*ps->p == closer) {
			ps->p++;
			break;
		}
		/* The caller wants only the first arguments: stop. */
		if (depth == 1 && ps->max_args != 0 &&
		    parent->nchild >= ps->max_args) {
			ps->p = ps->end;
			break;
		}
		const char *field = NULL;
		size_t field_len = 0;
		const char *fe = field_name_end(ps->p, ps->end);
		if (fe != NULL) {
			field = ps->p;
			field_len = fe - ps->p;
			ps->p = fe + 1;
			skip_space(ps);
		}
		const char *vstart = ps->p;
		struct value *v = parse_expr(ps, depth);
		skip_space(ps);
		/* In/out arguments: "{...} => {...}", "[16 => 28]". */
		if (v != NULL && ps->end - ps->p >= 2 && ps->p[0] == '=' &&
		    ps->p[1] == '>') {
			ps->p += 2;
			skip_space(ps);
			v->changed = parse_expr(ps, depth);
			if (v->changed == NULL)
				v = NULL;
			skip_space(ps);
		}
		bool ok = v != NULL && (ps->p >= ps->end || *ps->p == ',' ||
		    *ps->p == closer);
		/* Signal sets print their members separated by spaces. */
		if (!ok && v != NULL && in_array && ps->p > vstart &&
		    ps->p[-1] == ' ' && (is_ident_start((unsigned char)*ps->p) ||
		    is_digit((unsigned char)*ps->p)))
			ok = true;
		if (!ok) {
			/*
			 * Raw text to the next comma or closer.  With unmatched
			 * brackets the scan from vstart can end before where the
			 * parse already got; scanning on from there instead keeps
			 * the parse moving forward (else nested levels re-parse
			 * the same text, exponentially: found by fuzzing).
			 */
			const char *q = scan_balanced(vstart, ps->end, closers);
			if (q != NULL && q < ps->p)
				q = scan_balanced(ps->p, ps->end, closers);
			if (q == NULL)
				q = ps->end;
			const char *t = q;
			while (t > vstart && (t[-1] == ' ' || t[-1] == '\t'))
				t--;
			v = new_value(ps, VALUE_RAW, vstart);
			v->text_len = t - vstart;
			v->bytes = vstart;
			v->len = v->text_len;
			ps->p = q;
		}
		v->field = field;
		v->field_len = field_len;
		if (last == NULL)
			parent->child = v;
		else
			last->next = v;
		last = v;
		parent->nchild++;
		skip_space(ps);
		if (ps->p < ps->end && *ps->p == ',')
			ps->p++;
	}
	parent->text_len = ps->p - parent->text;
}

const struct value *
values_parse_into(struct arena *a, const char *text, size_t len,
    unsigned max_args)
{
	if (text == NULL) {
		text = "";
		len = 0;
	}
	struct parser ps = { .a = a, .p = text,
	    .end = text + len, .max_args = max_args };
	struct value *root = new_value(&ps, VALUE_ARRAY, text);

	/*
	 * The top level is a list closed by the end of the text; a stray ')'
	 * or ']' there is kept as raw text by parse_list's fallback.
	 */
	while (ps.p < ps.end) {
		const char *before = ps.p;
		parse_list(&ps, root, '\0', 1);
		if (ps.p == before)
			break;
	}
	root->text_len = len;
	return root;
}

struct values {
	struct arena a;
	const struct value *root;
	char *copy;
};

struct values *
values_parse(const char *text, size_t len)
{
	struct values *vs = g_new0(struct values, 1);

	arena_init(&vs->a);
	vs->copy = g_malloc(len + 1);
	memcpy(vs->copy, text, len);
	vs->copy[len] = '\0';
	vs->root = values_parse_into(&vs->a, vs->copy, len, 0);
	return vs;
}

const struct value *
values_root(const struct values *vs)
{
	return vs->root;
}

void
values_free(struct values *vs)
{
	if (vs == NULL)
		return;
	arena_clear(&vs->a);
	g_free(vs->copy);
	g_free(vs);
}

const struct value *
value_child(const struct value *v, unsigned n)
{
	const struct value *c;

	if (v == NULL)
		return NULL;
	for (c = v->child; c != NULL && n > 0; c = c->next)
		n--;
	return c;
}

const struct value *
value_field(const struct value *v, const char *name)
{
	size_t n = strlen(name);

	if (v == NULL)
		return NULL;
	for (const struct value *c = v->child; c != NULL; c = c->next)
		if (c->field != NULL && c->field_len == n &&
		    memcmp(c->field, name, n) == 0)
			return c;
	return NULL;
}

bool
value_has_flag(const struct value *v, const char *name)
{
	size_t n = strlen(name);

	if (v == NULL)
		return false;
	if (v->kind == VALUE_NAME)
		return v->len == n && memcmp(v->bytes, name, n) == 0;
	if (v->kind == VALUE_FLAGS)
		for (const struct value *c = v->child; c != NULL; c = c->next)
			if (value_has_flag(c, name))
				return true;
	return false;
}

/*
 * Bytes trace_escape_bytes() copies as they are: printable ASCII but '"'
 * (0x22) and '\\' (0x5c).  A table, as this runs on every byte printed.
 */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/*
 * The one escaping: bytes that are not printable ASCII as the C escapes
 * strace prints; quote_marks adds \\ and \" (inside quotes, where they
 * would end or start an escape).
 */
static void
escape(GString *out, const char *b, size_t n, bool quote_marks)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;

	/* Most names are plain throughout: copied in one go, without
	 * g_string_append_len()'s call when the string has the room. */
	while (i < n && plain[(unsigned char)b[i]])
		i++;
	if (i == n) {
		str_append(out, b, n);
		return;
	}
	i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && (plain[(unsigned char)b[j]] || (!quote_marks &&
		    (b[j] == '"' || b[j] == '\\'))))
			j++;
		if (j > i)
			str_append(out, b + i, j - i);
		if (j >= n)
			break;
		unsigned char c = b[j];
		switch (c) {
		case '\n': g_string_append(out, "\\n"); break;
		case '\t': g_string_append(out, "\\t"); break;
		case '\r': g_string_append(out, "\\r"); break;
		case '\v': g_string_append(out, "\\v"); break;
		case '\f': g_string_append(out, "\\f"); break;
		case '\\': g_string_append(out, "\\\\"); break;
		case '"': g_string_append(out, "\\\""); break;
		default: {
			char e[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
			g_string_append_len(out, e, 4);
		}
		}
		i = j + 1;
	}
}

void
trace_escape_bytes(GString *out, const char *b, size_t n)
{
	escape(out, b, n, true);
}

void
trace_escape_message(GString *out, const char *b, size_t n)
{
	escape(out, b, n, false);
}
