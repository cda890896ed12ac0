/*
 * glob.c: the file-name patterns of policies and AppArmor profiles:
 * '*' any run of characters but '/', '**' any run including '/', '?' one
 * character but '/', '[abc]' and '[^a-z]' one of a set, '{a,b,c}' one of
 * the alternatives (which may hold patterns and nest), '\' the next
 * character as it is.  Matching is by backtracking, bounded: a pattern
 * longer than GLOB_MAX or with alternatives nested deeper than 16 does not
 * match.
 */
#include <string.h>

#include "internal.h"

#define GLOB_MAX 4096

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
	char buf[GLOB_MAX + 1];

	if (n > GLOB_MAX)
		return false;
	memcpy(buf, alt, (size_t)(aend - alt));
	memcpy(buf + (aend - alt), rest, (size_t)(pend - rest));
	return match(buf, buf + n, s, send, depth + 1, budget);
}

static bool
match(const char *p, const char *pend, const char *s, const char *send,
    unsigned depth, unsigned long *budget)
{
	if (depth > 16)
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
