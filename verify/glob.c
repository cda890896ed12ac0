/*
 * glob.c: the file-name patterns of policies and AppArmor profiles:
 * '*' any run of characters but '/', '**' any run including '/', '?' one
 * character but '/', '[abc]' and '[^a-z]' one of a set, '{a,b,c}' one of
 * the alternatives (which may hold patterns and nest), '\' the next
 * character as it is.  Matching is by backtracking, bounded: a pattern
 * longer than GLOB_MAX or with more than GLOB_MAX_GROUPS alternative
 * groups does not match, and glob_check() rejects those, and sets or
 * groups left open, where a policy or a profile gives a pattern, so that
 * none is silently taken for a pattern that matches nothing.
 */
#include <string.h>

#include "internal.h"

/* The buffer of an alternative is on the stack up to this size. */
#define GLOB_STACK_BUF 256

/* The end of the alternative group that begins at p ('{'), or NULL. */
static const char *
group_end(const char *p, const char *end)
{
	int depth = 0;

	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == '{')
			depth++;
		else if (*p == '}' && --depth == 0)
			return p;
	}
	return NULL;
}

static bool match(const char *p, const char *pend, const char *s,
    const char *send, unsigned depth, unsigned long *budget);

/* One alternative of a group, then the rest of the pattern. */
static bool
match_alt(const char *alt, const char *aend, const char *rest,
    const char *pend, const char *s, const char *send, unsigned depth,
    unsigned long *budget)
{
	size_t n = (size_t)(aend - alt) + (size_t)(pend - rest);
	char stack[GLOB_STACK_BUF], *buf = stack;
	bool ok;

	if (n > GLOB_MAX)
		return false;
	if (n > sizeof(stack))
		buf = g_malloc(n);
	memcpy(buf, alt, (size_t)(aend - alt));
	memcpy(buf + (aend - alt), rest, (size_t)(pend - rest));
	ok = match(buf, buf + n, s, send, depth + 1, budget);
	if (buf != stack)
		g_free(buf);
	return ok;
}

static bool
match(const char *p, const char *pend, const char *s, const char *send,
    unsigned depth, unsigned long *budget)
{
	/* each group met on the way is one level: a checked pattern has
	 * no more levels than groups */
	if (depth > GLOB_MAX_GROUPS)
		return false;
	while (p < pend) {
		if ((*budget)-- == 0)
			return false;
		switch (*p) {
		case '*':
			if (p + 1 < pend && p[1] == '*') {
				/* '**': any run, '/' included */
				while (p < pend && *p == '*')
					p++;
				for (;; s++) {
					if (match(p, pend, s, send, depth,
					    budget))
						return true;
					if (s >= send)
						return false;
				}
			}
			p++;
			for (;; s++) {
				if (match(p, pend, s, send, depth, budget))
					return true;
				if (s >= send || *s == '/')
					return false;
			}
		case '?':
			if (s >= send || *s == '/')
				return false;
			p++;
			s++;
			break;
		case '[': {
			const char *q = p + 1;
			bool neg = false, hit = false;

			if (q < pend && (*q == '^' || *q == '!')) {
				neg = true;
				q++;
			}
			if (s >= send)
				return false;
			for (; q < pend && (*q != ']' || q == p + 1 + neg); q++) {
				if (q + 2 < pend && q[1] == '-' && q[2] != ']') {
					hit |= *s >= q[0] && *s <= q[2];
					q += 2;
				} else {
					hit |= *s == *q;
				}
			}
			if (q >= pend)
				return false;	/* no ']': no match */
			if (hit == neg)
				return false;
			p = q + 1;
			s++;
			break;
		}
		case '{': {
			const char *e = group_end(p, pend), *a, *q;
			int d = 0;

			if (e == NULL)
				return false;
			for (a = q = p + 1; q <= e; q++) {
				if (*q == '\\' && q + 1 < e) {
					q++;
					continue;
				}
				if (*q == '{')
					d++;
				else if (*q == '}' && d > 0 && q != e)
					d--;
				else if ((*q == ',' && d == 0) || q == e) {
					if (match_alt(a, q, e + 1, pend, s, send,
					    depth, budget))
						return true;
					a = q + 1;
				}
			}
			return false;
		}
		case '\\':
			if (p + 1 < pend)
				p++;
			/* FALLTHROUGH */
		default:
			if (s >= send || *s != *p)
				return false;
			p++;
			s++;
			break;
		}
	}
	return s == send;
}

bool
glob_match(const char *pattern, const char *s)
{
	unsigned long budget = 1000000;

	/* a pattern from a log is not checked: bound its recursion */
	if (strlen(pattern) > GLOB_MAX)
		return false;
	return match(pattern, pattern + strlen(pattern), s, s + strlen(s), 0,
	    &budget);
}

size_t
glob_fixed_prefix(const char *pattern, bool *rest_is_all)
{
	size_t n = strcspn(pattern, "*?[{\\");

	*rest_is_all = strcmp(pattern + n, "**") == 0;
	return n;
}

/* The end of the set that begins at p ('['), as match() reads it. */
static const char *
set_end(const char *p, const char *end)
{
	const char *q = p + 1;

	if (q < end && (*q == '^' || *q == '!'))
		q++;
	if (q < end && *q == ']')
		q++;	/* a ']' first is in the set */
	while (q < end && *q != ']')
		q++;
	return q < end ? q : NULL;
}

char *
glob_check(const char *pattern, size_t *at)
{
	size_t n = strlen(pattern), groups = 0;
	const char *p, *end = pattern + n;
	GArray *open = g_array_new(FALSE, FALSE, sizeof(size_t));
	char *why = NULL;

	*at = 0;
	if (n > GLOB_MAX) {
		g_array_free(open, TRUE);
		return g_strdup_printf("expected a pattern of at most %d bytes, "
		    "found %zu", GLOB_MAX, n);
	}
	for (p = pattern; p < end && why == NULL; p++) {
		const char *q;

		switch (*p) {
		case '\\':
			if (p + 1 < end)
				p++;
			break;
		case '[':
			if ((q = set_end(p, end)) == NULL) {
				*at = (size_t)(p - pattern);
				why = g_strdup_printf("expected ']' to close the "
				    "set '%.*s', found the end of the pattern",
				    (int)MIN(end - p, 40), p);
			} else {
				p = q;
			}
			break;
		case '{': {
			size_t off = (size_t)(p - pattern);

			if (++groups > GLOB_MAX_GROUPS) {
				*at = off;
				why = g_strdup_printf("expected at most %d "
				    "groups of alternatives '{...}', found "
				    "more", GLOB_MAX_GROUPS);
			}
			g_array_append_val(open, off);
			break;
		}
		case '}':
			if (open->len > 0)
				g_array_set_size(open, open->len - 1);
			break;
		}
	}
	if (why == NULL && open->len > 0) {
		*at = g_array_index(open, size_t, open->len - 1);
		why = g_strdup_printf("expected '}' to close the alternatives "
		    "'%.*s', found the end of the pattern",
		    (int)MIN(n - *at, 40), pattern + *at);
	}
	g_array_free(open, TRUE);
	return why;
}
