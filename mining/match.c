/*
 * match.c: fingerprints matched against traces, and the answers scored
 * (match.h).  Fingerprint matching in the fingerprints paper is "simple
 * pattern matching"; here an operation is performed by a trace that makes
 * the accesses of its fingerprint (all, or the fraction asked for), found
 * through one hash table from access text to the fingerprints that hold
 * it, so a trace is matched in one pass, in time linear in its length.
 */
#include <string.h>

#include "internal.h"
#include "match.h"

struct matcher {
	GPtrArray *ops;		/* struct match_op, own copies */
	GHashTable *index;	/* access text -> GPtrArray of match_access */
	double min_fraction;
};

struct matcher *
matcher_new(const struct fingerprints *f, const struct matcher_opts *opts)
{
	struct matcher *m = g_new0(struct matcher, 1);

	m->min_fraction = opts != NULL && opts->min_fraction > 0 ?
	    opts->min_fraction : 1;
	m->ops = g_ptr_array_new_with_free_func((GDestroyNotify)match_op_free);
	m->index = g_hash_table_new_full(g_str_hash, g_str_equal, NULL,
	    (GDestroyNotify)g_ptr_array_unref);
	for (unsigned i = 0; i < f->ops->len; i++) {
		const struct match_op *src = f->ops->pdata[i];
		struct match_op *op = g_new0(struct match_op, 1);
		op->label = src->label;
		op->exact = src->exact;
		op->status = src->status;
		op->accesses = g_ptr_array_new_with_free_func(
		    match_access_free);
		for (unsigned k = 0; k < src->accesses->len; k++) {
			const struct match_access *sa = src->accesses->pdata[k];
			struct match_access *a = g_new0(struct match_access, 1);
			a->text = sa->text;
			a->where = g_array_new(FALSE, FALSE,
			    sizeof(struct match_where));
			g_ptr_array_add(op->accesses, a);
			GPtrArray *v = g_hash_table_lookup(m->index, a->text);
			if (v == NULL) {
				v = g_ptr_array_new();
				g_hash_table_insert(m->index, (gpointer)a->text,
				    v);
			}
			g_ptr_array_add(v, a);
		}
		g_ptr_array_add(m->ops, op);
	}
	return m;
}

void
matcher_free(struct matcher *m)
{
	if (m == NULL)
		return;
	g_hash_table_destroy(m->index);
	g_ptr_array_free(m->ops, TRUE);
	g_free(m);
}

void
matcher_add(struct matcher *m, const char *text, size_t len,
    const char *file, uint64_t line)
{
	char small[256];
	char *key = len < sizeof(small) ? small : g_malloc(len + 1);

	memcpy(key, text, len);
	key[len] = '\0';
	GPtrArray *v = g_hash_table_lookup(m->index, key);
	if (key != small)
		g_free(key);
	if (v == NULL)
		return;
	struct match_where w = { .file = file, .line = line };
	for (unsigned i = 0; i < v->len; i++) {
		struct match_access *a = v->pdata[i];
		g_array_append_val(a->where, w);
	}
}

const GPtrArray *
matcher_finish(struct matcher *m)
{
	for (unsigned i = 0; i < m->ops->len; i++) {
		struct match_op *op = m->ops->pdata[i];
		unsigned n = op->accesses->len;
		op->found = 0;
		for (unsigned k = 0; k < n; k++)
			op->found += ((const struct match_access *)
			    op->accesses->pdata[k])->where->len > 0;
		op->fraction = n > 0 ? (double)op->found / n : 0;
		/*
		 * found >= F n, in integers where F n is one (F = 1 is
		 * every access, whatever rounding does to F n).
		 */
		op->performed = op->found > 0 && (op->found == n ||
		    (double)op->found >= m->min_fraction * n - 1e-9);
	}
	return m->ops;
}

struct match_score {
	GPtrArray *labels;	/* struct match_confusion */
	GPtrArray *unscored;	/* const char *, sorted */
	bool listed;		/* unscored is made */
};

static void
confusion_free(struct match_confusion *c)
{
	g_ptr_array_free(c->fp_traces, TRUE);
	g_ptr_array_free(c->fn_traces, TRUE);
	g_free(c);
}

struct match_score *
match_score_new(const struct fingerprints *f)
{
	struct match_score *s = g_new0(struct match_score, 1);

	s->labels = g_ptr_array_new_with_free_func(
	    (GDestroyNotify)confusion_free);
	s->unscored = g_ptr_array_new();
	for (unsigned i = 0; i < f->ops->len; i++) {
		const struct match_op *op = f->ops->pdata[i];
		struct match_confusion *c = g_new0(struct match_confusion, 1);
		c->label = op->label;
		c->fp_traces = g_ptr_array_new();
		c->fn_traces = g_ptr_array_new();
		g_ptr_array_add(s->labels, c);
	}
	return s;
}

void
match_score_free(struct match_score *s)
{
	if (s == NULL)
		return;
	g_ptr_array_free(s->labels, TRUE);
	g_ptr_array_free(s->unscored, TRUE);
	g_free(s);
}

void
match_score_add(struct match_score *s, const GPtrArray *ops,
    const struct labels *lab, unsigned i, const char *name)
{
	g_return_if_fail(ops->len == s->labels->len);
	for (unsigned k = 0; k < ops->len; k++) {
		const struct match_op *op = ops->pdata[k];
		struct match_confusion *c = s->labels->pdata[k];
		int j = labels_find(lab, op->label);
		bool truth = j >= 0 && labels_has(lab, i, (unsigned)j);

		if (op->performed && truth) {
			c->tp++;
		} else if (op->performed) {
			c->fp++;
			g_ptr_array_add(c->fp_traces, (gpointer)name);
		} else if (truth) {
			c->fn++;
			g_ptr_array_add(c->fn_traces, (gpointer)name);
		} else {
			c->tn++;
		}
	}
	/* The labels no fingerprint has, once (labels_label() is sorted). */
	if (!s->listed)
		for (unsigned j = 0; j < labels_n_labels(lab); j++) {
			const char *l = labels_label(lab, j);
			bool have = false;
			for (unsigned k = 0; k < s->labels->len && !have; k++)
				have = strcmp(((const struct match_confusion *)
				    s->labels->pdata[k])->label, l) == 0;
			if (!have)
				g_ptr_array_add(s->unscored, (gpointer)l);
		}
	s->listed = true;
}

const GPtrArray *
match_score_labels(const struct match_score *s)
{
	return s->labels;
}

const GPtrArray *
match_score_unscored(const struct match_score *s)
{
	return s->unscored;
}

void
match_score_total(const struct match_score *s, struct match_confusion *sum)
{
	memset(sum, 0, sizeof(*sum));
	for (unsigned k = 0; k < s->labels->len; k++) {
		const struct match_confusion *c = s->labels->pdata[k];
		sum->tp += c->tp;
		sum->fp += c->fp;
		sum->fn += c->fn;
		sum->tn += c->tn;
	}
}

double
match_precision(const struct match_confusion *c)
{
	return c->tp + c->fp == 0 ? -1 : (double)c->tp / (c->tp + c->fp);
}

double
match_recall(const struct match_confusion *c)
{
	return c->tp + c->fn == 0 ? -1 : (double)c->tp / (c->tp + c->fn);
}
