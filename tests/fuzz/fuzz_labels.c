/*
 * fuzz_labels.c: libFuzzer target for the readers of labels files and of
 * resource-access traces, and the solver behind them.  The input is read
 * as a labels file in a folder that holds a few traces (so lines can name
 * existing ones), then, written to a file, as a resource-access trace and
 * through restrace_sniff().  Labels that read are solved, every label,
 * and each equation's algebra is checked against what solve_label()
 * claims.  Last, the input is read as a fingerprints file (what solve
 * writes, in text, TSV, JSON or XML, with the options it records) and
 * matched against itself as a trace.  Built by
 * tests/fuzz/fuzz.mk with clang -fsanitize=fuzzer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "mining/match.h"
#include "mining/solve.h"
#include "trace/labels.h"
#include "trace/restrace.h"

static char *dir, *path;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
setup(void)
{
	static const char *const names[] = { "a", "b.log", "c.trace", "d.1",
	    "d.2" };

	dir = g_strdup_printf("/tmp/fuzz-labels-%d", (int)getpid());
	g_mkdir_with_parents(dir, 0700);
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		char *p = g_build_filename(dir, names[i], NULL);
		g_file_set_contents(p, "Read x\n", -1, NULL);
		g_free(p);
	}
	path = g_build_filename(dir, "input", NULL);
}

static void
solve_all(const struct labels *l)
{
	unsigned nt = labels_n_traces(l), nl = labels_n_labels(l);
	struct solve_matrix *m = solve_matrix_new(nt, nl);
	struct access_set **sets = g_new(struct access_set *, MAX(nt, 1));

	/* Trace i makes one access, its own. */
	for (unsigned i = 0; i < nt; i++) {
		char name[16];
		snprintf(name, sizeof(name), "t%u", i);
		sets[i] = access_set_new();
		access_set_add(sets[i], name, strlen(name), "f", 1);
	}

	for (unsigned i = 0; i < nt; i++)
		for (unsigned j = 0; j < nl; j++)
			if (labels_has(l, i, j))
				solve_matrix_set(m, i, j);
	for (unsigned j = 0; j < nl; j++) {
		struct solve_opts o = { .max_nodes = 1000 };
		struct solve_equation *eq = solve_label(m, j, &o);
		GArray *a = solve_algebra(m, (const guint *)(void *)
		    eq->intersect->data, eq->intersect->len,
		    (const guint *)(void *)eq->subtract->data,
		    eq->subtract->len);
		if (a->len != eq->algebra->len || a->len !=
		    eq->inseparable->len + 1 || (a->len == 1) != eq->exact)
			abort();
		g_array_free(a, TRUE);
		/* The second search, over sets that differ by trace. */
		struct solve_fingerprint *fp;
		struct solve_equation *e2 = solve_label_smallest(m, j,
		    (const struct access_set *const *)sets,
		    SOLVE_ALTERNATIVES, &o, &fp);
		if (solve_equation_size(e2) != solve_equation_size(eq) ||
		    fp->differenced > 1)
			abort();
		/* narrowed, its algebra is the same; by vote with tolerance
		 * 0 the fingerprint is the exact one; the check runs */
		{
			struct solve_fingerprint *f1, *f2;
			guint label = j;
			GArray *rel;

			solve_equation_narrow(e2, m);
			a = solve_algebra(m, (const guint *)(void *)
			    e2->intersect->data, e2->intersect->len,
			    (const guint *)(void *)e2->subtract->data,
			    e2->subtract->len);
			if (a->len != eq->algebra->len)
				abort();
			g_array_free(a, TRUE);
			f1 = solve_fingerprint_new(e2,
			    (const struct access_set *const *)sets);
			f2 = solve_fingerprint_vote(e2, m,
			    (const struct access_set *const *)sets, 0);
			if (f1->differenced != f2->differenced)
				abort();
			solve_fingerprint_free(f2);
			f2 = solve_fingerprint_vote(e2, m,
			    (const struct access_set *const *)sets, 0.34);
			rel = solve_check_labels(m,
			    (const struct access_set *const *)sets, &label,
			    &f2, 1);
			g_array_free(rel, TRUE);
			solve_fingerprint_free(f1);
			solve_fingerprint_free(f2);
		}
		solve_fingerprint_free(fp);
		solve_equation_free(e2);
		solve_equation_free(eq);
	}
	for (unsigned i = 0; i < nt; i++)
		access_set_free(sets[i]);
	g_free(sets);
	solve_matrix_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GError *err = NULL;

	if (dir == NULL)
		setup();
	struct labels *l = labels_parse("input", dir, (const char *)data,
	    size, &err);
	if (l != NULL)
		solve_all(l);
	else if (err == NULL)
		abort();
	g_clear_error(&err);
	labels_free(l);

	FILE *f = fopen(path, "wb");
	if (f == NULL)
		abort();
	fwrite(data, 1, size, f);
	fclose(f);
	bool is;
	if (!restrace_sniff(path, &is, &err))
		abort();
	struct restrace_reader *r = restrace_reader_open(path, &err);
	if (r == NULL)
		abort();
	const struct restrace_access *a;
	while ((a = restrace_reader_next(r, &err)) != NULL)
		if (a->len == 0 || a->text[a->len] != '\0')
			abort();
	g_clear_error(&err);
	restrace_reader_free(r);

	struct fingerprints *fp = fingerprints_parse("input",
	    (const char *)data, size, &err);
	if (fp == NULL && err == NULL)
		abort();
	g_clear_error(&err);
	if (fp != NULL) {
		struct matcher *m = matcher_new(fp, NULL);
		r = restrace_reader_open(path, &err);
		while (r != NULL && (a = restrace_reader_next(r, &err)) != NULL)
			matcher_add(m, a->text, a->len, a->file, a->line);
		g_clear_error(&err);
		restrace_reader_free(r);
		const GPtrArray *ops = matcher_finish(m);
		if (ops->len != fingerprints_count(fp))
			abort();
		for (const char *const *o = fingerprints_options(fp, NULL,
		    NULL); *o != NULL; o++)
			if (**o == '\0')
				abort();
		matcher_free(m);
		fingerprints_free(fp);
	}
	return 0;
}
