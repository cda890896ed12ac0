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

/*
 * Deciding a pattern over every name under a learned prefix.
 *
 * The names a model's prefix P stands for (efsa_prefix_accepts()) are
 * P.w, w any bytes but NUL with no ".." component (components of w
 * counted from its start), not beginning with '/' when P is "".  That set
 * is regular: a four-state automaton over w (at a component's start,
 * after ".", after "..", inside a component).  The pattern is read as a
 * nondeterministic automaton: its groups of alternatives are expanded the
 * way match() expands them (an alternative joined to the text after the
 * group, read again from the group on), which leaves sequences of tokens
 * (a byte, '?', '*', '**', a set, or "fails"), one automaton state per
 * position.  The pattern's states are run over P, then the subset
 * construction over the product with w's automaton (bytes in classes
 * that no token tells apart) visits every set of states some w reaches:
 * all names match when every reachable accepting w-state meets an
 * accepting pattern state, none when none does (Hopcroft, Motwani and
 * Ullman, ch. 2 and 4: the subset construction, emptiness and
 * universality).  Past DECIDE_MAX sets, or for a pattern match() would
 * give up on, the answer is GLOB_SOME, which the verifier reads as "not
 * decided".
 */
#define DECIDE_MAX 20000
#define EXPAND_MAX 256

enum gtok { GT_BYTE, GT_ONE, GT_STAR, GT_ALL, GT_SET, GT_FAIL };

struct gtoken {
	enum gtok kind;
	unsigned char c;
	guint8 set[32];		/* GT_SET: bytes, as bits */
};

struct expand {
	GPtrArray *seqs;	/* of GArray of struct gtoken */
	bool overflow;
};

static bool
set_has(const guint8 *set, unsigned b)
{
	return (set[b >> 3] >> (b & 7)) & 1;
}

/* A set '[' at p as match() reads it; false: the pattern fails there. */
static bool
read_set(const char *p, const char *pend, struct gtoken *t,
    const char **next)
{
	const char *q = p + 1;
	bool neg = false;
	unsigned b;

	memset(t->set, 0, sizeof(t->set));
	if (q < pend && (*q == '^' || *q == '!')) {
		neg = true;
		q++;
	}
	for (; q < pend && (*q != ']' || q == p + 1 + neg); q++) {
		for (b = 1; b < 256; b++) {
			char s = (char)b;
			bool hit = q + 2 < pend && q[1] == '-' && q[2] != ']' ?
			    s >= q[0] && s <= q[2] : s == *q;

			if (hit)
				t->set[b >> 3] |= (guint8)(1u << (b & 7));
		}
		if (q + 2 < pend && q[1] == '-' && q[2] != ']')
			q += 2;
	}
	if (q >= pend)
		return false;
	if (neg)
		for (b = 0; b < 32; b++)
			t->set[b] = (guint8)~t->set[b];
	t->set[0] &= (guint8)~1u;	/* never NUL */
	t->kind = GT_SET;
	*next = q + 1;
	return true;
}

static void
expand(struct expand *x, GArray *pre, const char *p, const char *pend,
    unsigned depth)
{
	GArray *seq = g_array_new(FALSE, FALSE, sizeof(struct gtoken));
	struct gtoken t;

	if (pre != NULL)
		g_array_append_vals(seq, pre->data, pre->len);
	if (depth > GLOB_MAX_GROUPS)
		goto fail;
	while (p < pend) {
		memset(&t, 0, sizeof(t));
		switch (*p) {
		case '*':
			if (p + 1 < pend && p[1] == '*') {
				while (p < pend && *p == '*')
					p++;
				t.kind = GT_ALL;
			} else {
				p++;
				t.kind = GT_STAR;
			}
			break;
		case '?':
			t.kind = GT_ONE;
			p++;
			break;
		case '[':
			if (!read_set(p, pend, &t, &p))
				goto fail;
			break;
		case '{': {
			const char *e = group_end(p, pend), *a, *q;
			int d = 0;

			if (e == NULL)
				goto fail;
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
					size_t n = (size_t)(q - a) +
					    (size_t)(pend - (e + 1));
					char *buf;

					if (x->seqs->len >= EXPAND_MAX) {
						x->overflow = true;
						break;
					}
					if (n <= GLOB_MAX) {
						buf = g_malloc(n + 1);
						memcpy(buf, a, (size_t)(q - a));
						memcpy(buf + (q - a), e + 1,
						    (size_t)(pend - (e + 1)));
						expand(x, seq, buf, buf + n,
						    depth + 1);
						g_free(buf);
					}
					a = q + 1;
				}
			}
			g_array_free(seq, TRUE);
			return;
		}
		case '\\':
			if (p + 1 < pend)
				p++;
			/* FALLTHROUGH */
		default:
			t.kind = GT_BYTE;
			t.c = (unsigned char)*p++;
			break;
		}
		g_array_append_val(seq, t);
	}
	g_ptr_array_add(x->seqs, seq);
	return;
fail:
	memset(&t, 0, sizeof(t));
	t.kind = GT_FAIL;
	g_array_append_val(seq, t);
	g_ptr_array_add(x->seqs, seq);
}

/* The pattern's automaton: state i of sequence k is base[k] + i. */
struct gnfa {
	GPtrArray *seqs;
	guint *base;
	guint n;		/* states */
	guint words;		/* of a state set */
};

static bool
tok_takes(const struct gtoken *t, unsigned b)
{
	switch (t->kind) {
	case GT_BYTE:
		return t->c == b;
	case GT_ONE:
	case GT_STAR:
		return b != '/';
	case GT_ALL:
		return true;
	case GT_SET:
		return set_has(t->set, b);
	default:
		return false;
	}
}

/* Adds state (k, i) and what '*' and '**' reach from it with no byte. */
static void
nfa_add(const struct gnfa *g, guint64 *set, guint k, guint i)
{
	const GArray *seq = g->seqs->pdata[k];

	for (;; i++) {
		guint s = g->base[k] + i;

		set[s >> 6] |= G_GUINT64_CONSTANT(1) << (s & 63);
		if (i >= seq->len)
			return;
		if (g_array_index(seq, struct gtoken, i).kind != GT_STAR &&
		    g_array_index(seq, struct gtoken, i).kind != GT_ALL)
			return;
	}
}

static void
nfa_step(const struct gnfa *g, const guint64 *from, unsigned b, guint64 *to)
{
	guint k, i;

	memset(to, 0, g->words * sizeof(guint64));
	for (k = 0; k < g->seqs->len; k++) {
		const GArray *seq = g->seqs->pdata[k];

		for (i = 0; i < seq->len; i++) {
			guint s = g->base[k] + i;
			const struct gtoken *t;

			if (!((from[s >> 6] >> (s & 63)) & 1))
				continue;
			t = &g_array_index(seq, struct gtoken, i);
			if (!tok_takes(t, b))
				continue;
			nfa_add(g, to, k, t->kind == GT_STAR ||
			    t->kind == GT_ALL ? i : i + 1);
		}
	}
}

static bool
nfa_accepts(const struct gnfa *g, const guint64 *set)
{
	guint k;

	for (k = 0; k < g->seqs->len; k++) {
		guint s = g->base[k] + ((const GArray *)g->seqs->pdata[k])->len;

		if ((set[s >> 6] >> (s & 63)) & 1)
			return true;
	}
	return false;
}

/* The names' automaton over w: W_START0 at the start of w when the prefix
 * is "" (no '/' first), W_COMP at a component's start, W_DOT after ".",
 * W_DOTDOT after "..", W_IN inside a component, W_DEAD. */
enum { W_START0, W_COMP, W_DOT, W_DOTDOT, W_IN, W_DEAD };

static unsigned
w_step(unsigned w, unsigned b)
{
	switch (w) {
	case W_START0:
		return b == '/' ? W_DEAD : w_step(W_COMP, b);
	case W_COMP:
		return b == '/' ? W_COMP : b == '.' ? W_DOT : W_IN;
	case W_DOT:
		return b == '/' ? W_COMP : b == '.' ? W_DOTDOT : W_IN;
	case W_DOTDOT:
		return b == '/' ? W_DEAD : W_IN;
	case W_IN:
		return b == '/' ? W_COMP : W_IN;
	default:
		return W_DEAD;
	}
}

static bool
w_accepting(unsigned w)
{
	return w != W_DOTDOT && w != W_DEAD;
}

enum glob_decision
glob_prefix_decide(const char *pattern, const char *prefix)
{
	struct expand x = { g_ptr_array_new_with_free_func(
	    (GDestroyNotify)g_array_unref), false };
	struct gnfa g = { x.seqs, NULL, 0, 0 };
	guint64 *cur, *next;
	GHashTable *seen;
	GPtrArray *todo;
	unsigned ncls = 0, reps[256], b, c;
	guint k, i;
	bool some = false, all = true;
	size_t len = strlen(pattern), key;
	const char *s;

	if (len > GLOB_MAX) {
		g_ptr_array_free(x.seqs, TRUE);
		return GLOB_NONE;	/* glob_match() matches nothing */
	}
	expand(&x, NULL, pattern, pattern + len, 0);
	if (x.overflow) {
		g_ptr_array_free(x.seqs, TRUE);
		return GLOB_SOME;
	}
	g.base = g_new(guint, x.seqs->len + 1);
	for (k = 0; k < x.seqs->len; k++) {
		g.base[k] = g.n;
		g.n += ((GArray *)x.seqs->pdata[k])->len + 1;
	}
	g.words = (g.n + 63) / 64;
	/* bytes no token and no names' state tells apart share a class */
	for (b = 1; b < 256; b++) {
		for (c = 0; c < ncls; c++) {
			unsigned r = reps[c];
			bool same = (b == '/') == (r == '/') &&
			    (b == '.') == (r == '.');

			for (k = 0; same && k < x.seqs->len; k++) {
				const GArray *seq = x.seqs->pdata[k];

				for (i = 0; same && i < seq->len; i++)
					same = tok_takes(&g_array_index(seq,
					    struct gtoken, i), b) ==
					    tok_takes(&g_array_index(seq,
					    struct gtoken, i), r);
			}
			if (same)
				break;
		}
		if (c == ncls)
			reps[ncls++] = b;
	}
	/* the pattern's states after the prefix */
	key = g.words * sizeof(guint64) + 1;
	cur = g_malloc0(key);
	next = g_malloc0(key);
	for (k = 0; k < x.seqs->len; k++)
		nfa_add(&g, cur, k, 0);
	for (s = prefix; *s != '\0'; s++) {
		nfa_step(&g, cur, (unsigned char)*s, next);
		memcpy(cur, next, g.words * sizeof(guint64));
	}
	((guint8 *)cur)[key - 1] = prefix[0] == '\0' ? W_START0 : W_COMP;
	seen = g_hash_table_new_full(g_bytes_hash, g_bytes_equal,
	    (GDestroyNotify)g_bytes_unref, NULL);
	todo = g_ptr_array_new();
	{
		GBytes *first = g_bytes_new(cur, key);

		g_hash_table_add(seen, first);
		g_ptr_array_add(todo, first);
	}
	while (todo->len > 0 && (some == false || all == true)) {
		GBytes *at = g_ptr_array_steal_index_fast(todo, todo->len - 1);
		const guint8 *d = g_bytes_get_data(at, NULL);
		unsigned w = d[key - 1];

		if (w_accepting(w)) {
			if (nfa_accepts(&g, (const guint64 *)(const void *)d))
				some = true;
			else
				all = false;
		}
		if (g_hash_table_size(seen) > DECIDE_MAX) {
			some = true;
			all = false;
			break;
		}
		for (c = 0; c < ncls; c++) {
			unsigned nw = w_step(w, reps[c]);
			GBytes *nb;

			if (nw == W_DEAD)
				continue;
			memcpy(cur, d, key);
			nfa_step(&g, cur, reps[c], next);
			((guint8 *)next)[key - 1] = (guint8)nw;
			nb = g_bytes_new(next, key);
			if (g_hash_table_contains(seen, nb)) {
				g_bytes_unref(nb);
				continue;
			}
			g_hash_table_add(seen, nb);
			g_ptr_array_add(todo, nb);
		}
	}
	g_ptr_array_free(todo, TRUE);
	g_hash_table_destroy(seen);
	g_free(cur);
	g_free(next);
	g_free(g.base);
	g_ptr_array_free(x.seqs, TRUE);
	return all ? GLOB_ALL : some ? GLOB_SOME : GLOB_NONE;
}
