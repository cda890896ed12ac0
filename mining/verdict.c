/*
 * verdict.c: the status of a solved label (verdict.h).  The equation's
 * algebra decides inseparable; an empty fingerprint is then diagnosed over
 * every trace of the matrix: the accesses the label's traces share are
 * counted in one pass, those that a trace with no label makes, or that
 * every other trace makes, are the baseline, and the rest (R) is what the
 * operation does.  A label each of whose traces (without the label) makes
 * all of R does the same things: the two are indistinguishable.  Otherwise
 * the labels whose traces make some of R are the ones it is not separated
 * from.  The cost is |R| lookups per trace, after one pass over the
 * label's own traces.
 */
#include <string.h>

#include "verdict.h"

static const char *const status_names[] = {
	[SOLVE_EXACT] = "exact",
	[SOLVE_INSEPARABLE] = "inseparable",
	[SOLVE_INDISTINGUISHABLE] = "indistinguishable",
	[SOLVE_EMPTY] = "empty",
	[SOLVE_INPUT_ONLY] = "input-only",
};

const char *
solve_status_name(enum solve_status s)
{
	g_return_val_if_fail((unsigned)s < G_N_ELEMENTS(status_names), "?");
	return status_names[s];
}

bool
solve_access_is_input(const char *text, size_t len)
{
	static const char *const calls[] = { "execve ", "execveat " };

	for (size_t i = 0; i < G_N_ELEMENTS(calls); i++) {
		size_t n = strlen(calls[i]);

		if (len > n && memcmp(text, calls[i], n) == 0) {
			/* argv[0] alone names the program, not the input:
			 * only an argument after it is the experiment's. */
			const char *b = memchr(text + n, '[', len - n);
			return b != NULL && g_strstr_len(b, text + len - b,
			    "\", \"") != NULL;
		}
	}
	return false;
}

struct count_ctx {
	GHashTable *counts;	/* access text (borrowed) -> count */
};

static void
count_one(const struct access *a, void *ctx)
{
	struct count_ctx *c = ctx;
	gpointer old = g_hash_table_lookup(c->counts, a->text);

	g_hash_table_insert(c->counts, (gpointer)a->text,
	    GUINT_TO_POINTER(GPOINTER_TO_UINT(old) + 1));
}

static void
input_one(const struct access *a, void *ctx)
{
	bool *all = ctx;

	*all &= solve_access_is_input(a->text, a->len);
}

static bool
has_any_label(const struct solve_matrix *m, unsigned t)
{
	for (unsigned l = 0; l < solve_matrix_labels(m); l++)
		if (solve_matrix_has(m, t, l))
			return true;
	return false;
}

static int
cmp_text(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * What the traces of label share beyond the baseline (R, above), sorted
 * (the texts are borrowed from sets); *shared is set to the number they
 * share.
 */
static GPtrArray *
beyond_baseline(const struct solve_matrix *m, unsigned label,
    const struct access_set *const *sets, double tol, uint64_t *shared)
{
	unsigned nt = solve_matrix_traces(m), with = 0;
	struct count_ctx c = { g_hash_table_new(g_str_hash, g_str_equal) };
	GPtrArray *r = g_ptr_array_new();
	GHashTableIter it;
	gpointer key, val;

	for (unsigned t = 0; t < nt; t++)
		if (solve_matrix_has(m, t, label)) {
			access_set_foreach(sets[t], count_one, &c);
			with++;
		}
	double want = (1 - tol) * with;
	unsigned need = (unsigned)want;

	if (need + 1e-9 < want)
		need++;
	if (need < 1)
		need = 1;
	*shared = 0;
	g_hash_table_iter_init(&it, c.counts);
	while (g_hash_table_iter_next(&it, &key, &val)) {
		const char *text = key;
		bool baseline = false, everywhere = true;

		if (GPOINTER_TO_UINT(val) < need)
			continue;
		++*shared;
		for (unsigned t = 0; t < nt && !baseline; t++) {
			if (solve_matrix_has(m, t, label))
				continue;
			if (!access_set_lookup(sets[t], text,
			    strlen(text), NULL))
				everywhere = false;
			else if (!has_any_label(m, t))
				baseline = true;
		}
		if (!baseline && !everywhere)
			g_ptr_array_add(r, (gpointer)text);
	}
	g_hash_table_destroy(c.counts);
	g_ptr_array_sort(r, cmp_text);
	return r;
}

/* Whether trace t makes every access of r. */
static bool
makes_all(const struct access_set *s, const GPtrArray *r)
{
	for (unsigned i = 0; i < r->len; i++) {
		const char *text = r->pdata[i];

		if (!access_set_lookup(s, text, strlen(text), NULL))
			return false;
	}
	return true;
}

static bool
makes_some(const struct access_set *s, const GPtrArray *r)
{
	for (unsigned i = 0; i < r->len; i++) {
		const char *text = r->pdata[i];

		if (access_set_lookup(s, text, strlen(text), NULL))
			return true;
	}
	return false;
}

/* Diagnoses an empty fingerprint of label into v. */
static void
diagnose_empty(struct solve_verdict *v, const struct solve_matrix *m,
    unsigned label, const struct access_set *const *sets, double tol)
{
	unsigned nt = solve_matrix_traces(m), nl = solve_matrix_labels(m);
	GPtrArray *r = beyond_baseline(m, label, sets, tol, &v->shared);

	v->beyond = r->len;
	v->status = SOLVE_EMPTY;
	if (r->len == 0)
		goto out;
	for (unsigned l = 0; l < nl; l++) {
		unsigned n = 0;
		bool all = true;

		if (l == label)
			continue;
		for (unsigned t = 0; t < nt && all; t++) {
			if (!solve_matrix_has(m, t, l) ||
			    solve_matrix_has(m, t, label))
				continue;
			n++;
			all = makes_all(sets[t], r);
		}
		if (n > 0 && all)
			g_array_append_val(v->labels, l);
	}
	if (v->labels->len > 0) {
		v->status = SOLVE_INDISTINGUISHABLE;
		goto out;
	}
	for (unsigned l = 0; l < nl; l++) {
		bool some = false;

		if (l == label)
			continue;
		for (unsigned t = 0; t < nt && !some; t++)
			some = solve_matrix_has(m, t, l) &&
			    !solve_matrix_has(m, t, label) &&
			    makes_some(sets[t], r);
		if (some)
			g_array_append_val(v->labels, l);
	}
out:
	g_ptr_array_free(r, TRUE);
}

struct solve_verdict *
solve_verdict_new(const struct solve_matrix *m,
    const struct solve_equation *eq, const struct solve_fingerprint *fp,
    const struct access_set *const *sets, double tol)
{
	struct solve_verdict *v = g_new0(struct solve_verdict, 1);

	v->labels = g_array_new(FALSE, FALSE, sizeof(guint));
	if (!eq->exact) {
		v->status = SOLVE_INSEPARABLE;
		g_array_append_vals(v->labels, eq->inseparable->data,
		    eq->inseparable->len);
		return v;
	}
	if (access_set_size(fp->accesses) == 0) {
		diagnose_empty(v, m, eq->label, sets, tol);
		return v;
	}
	bool all_input = true;

	access_set_foreach(fp->accesses, input_one, &all_input);
	v->status = all_input ? SOLVE_INPUT_ONLY : SOLVE_EXACT;
	return v;
}

void
solve_verdict_free(struct solve_verdict *v)
{
	if (v == NULL)
		return;
	g_array_free(v->labels, TRUE);
	g_free(v);
}
