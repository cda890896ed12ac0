/*
 * test_match.c: fingerprints read back from solve's text, XML, TSV and
 * JSON (mining/fingerprints.c) with the options they record, matched
 * against accesses given here (mining/match.c), all or a fraction of each
 * fingerprint, with the operations, counts and places they must give;
 * answers scored against labels whose truth is written here; and the
 * errors, with their positions, of files solve does not write.
 */
#include <string.h>

#include <CUnit/CUnit.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "cu_assert.h"
#include "mining/match.h"
#include "trace/labels.h"

static const char text[] =
    "# options: --drop=execve --generalize=/a\\040b=X\n"
    "# any other comment\n"
    "Create = open_xterm - move_xterm\n"
    "  labels Create\n"
    "  traces 2, the fewest\n"
    "\tCmp xEvent->type == CreateNotify\topen_xterm.trace:7\n"
    "\tSet Window->parent pParent\topen_xterm.trace:6\n"
    "\n"
    "Destroy ~ open_browser - open_xterm\n"
    "  inseparable Unmap: in the same traces as Destroy\n"
    "\tSet xEvent->type DestroyNotify\topen_browser.trace:17\n"
    "\n"
    "Empty = a & b\n";

static const char xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<fingerprints file=\"x.labels\">\n"
    "  <option>--drop=execve</option>\n"
    "  <option>--generalize=/a\\040b=X</option>\n"
    "  <operation label=\"Create\" exact=\"true\" minimal=\"true\">\n"
    "    <equation>Create = open_xterm - move_xterm</equation>\n"
    "    <access count=\"1\" file=\"f\" line=\"7\">Cmp xEvent-&gt;type "
    "== CreateNotify</access>\n"
    "    <access count=\"1\" file=\"f\" line=\"6\">Set Window-&gt;parent "
    "pParent</access>\n"
    "  </operation>\n"
    "  <operation label=\"Destroy\" exact=\"false\">\n"
    "    <access>Set xEvent-&gt;type DestroyNotify</access>\n"
    "  </operation>\n"
    "  <operation label=\"Empty\" exact=\"true\"/>\n"
    "</fingerprints>\n";

/* As solve -f tsv writes them, with a column more, rows out of order. */
static const char tsv[] =
    "# options: --drop=execve --generalize=/a\\040b=X\n"
    "label\texact\tminimal\ttraces\tequation\traw\tintersected\t"
    "differenced\tverdict\taccess\tfile\tline\n"
    "Create\tyes\tyes\t2\tCreate = a - b\t8\t6\t2\texact\t"
    "Cmp xEvent->type == CreateNotify\tf\t7\n"
    "Destroy\tno\tno\t2\tDestroy ~ a - b\t8\t6\t1\tinseparable\t"
    "Set xEvent->type DestroyNotify\tf\t17\n"
    "Create\tyes\tyes\t2\tCreate = a - b\t8\t6\t2\texact\t"
    "Set Window->parent pParent\tf\t6\n"
    "Empty\tyes\tyes\t2\tEmpty = a & b\t8\t0\t0\tempty\t\t\t\n";

static const char json[] =
    "{\n"
    "  \"file\" : \"x.labels\",\n"
    "  \"options\" : [\"--drop=execve\", \"--generalize=/a\\\\040b=X\"],\n"
    "  \"operations\" : [\n"
    "    {\"label\" : \"Create\", \"exact\" : true, \"fingerprint\" : [\n"
    "      {\"access\" : \"Cmp xEvent->type == CreateNotify\", "
    "\"line\" : 7},\n"
    "      {\"access\" : \"Set Window->parent pParent\"}]},\n"
    "    {\"label\" : \"Destroy\", \"exact\" : false, \"fingerprint\" : "
    "[{\"access\" : \"Set xEvent->type DestroyNotify\"}]},\n"
    "    {\"label\" : \"Empty\", \"fingerprint\" : []}\n"
    "  ]\n"
    "}\n";

/* "label performed found/total [lines of each access]" per operation. */
static char *
run(const char *data)
{
	GError *err = NULL;
	struct fingerprints *f = fingerprints_parse("fp", data, strlen(data),
	    &err);

	CU_ASSERT_FATAL(f != NULL);
	EQ_INT(fingerprints_count(f), 3);
	/* The options, unescaped, whatever the form. */
	const char *const *o = fingerprints_options(f, NULL, NULL);
	CU_ASSERT_FATAL(o[0] != NULL && o[1] != NULL);
	EQ_STR(o[0], "--drop=execve");
	EQ_STR(o[1], "--generalize=/a b=X");
	CU_ASSERT(o[2] == NULL);
	struct matcher *m = matcher_new(f, NULL);
	const char *t = "t";
	matcher_add(m, "Set Window->parent pParent", 26, t, 3);
	matcher_add(m, "Read other", 10, t, 4);
	matcher_add(m, "Cmp xEvent->type == CreateNotify", 32, t, 5);
	matcher_add(m, "Set Window->parent pParent", 26, t, 9);
	const GPtrArray *ops = matcher_finish(m);
	GString *out = g_string_new(NULL);
	for (unsigned i = 0; i < ops->len; i++) {
		const struct match_op *op = ops->pdata[i];
		g_string_append_printf(out, "%s %s%s %u/%u", op->label,
		    op->performed ? "yes" : "no", op->exact ? "" : "~",
		    op->found, op->accesses->len);
		for (unsigned k = 0; k < op->accesses->len; k++) {
			const struct match_access *a = op->accesses->pdata[k];
			g_string_append(out, " [");
			for (unsigned q = 0; q < a->where->len; q++)
				g_string_append_printf(out, "%s%" G_GUINT64_FORMAT,
				    q ? "," : "", g_array_index(a->where,
				    struct match_where, q).line);
			g_string_append(out, "]");
		}
		g_string_append_c(out, '\n');
	}
	matcher_free(m);
	fingerprints_free(f);
	return g_string_free(out, FALSE);
}

static void
test_both_forms(void)
{
	const char *want = "Create yes 2/2 [5] [3,9]\n"
	    "Destroy no~ 0/1 []\n"
	    "Empty no 0/0\n";
	const char *forms[] = { text, xml, tsv, json };

	for (size_t i = 0; i < G_N_ELEMENTS(forms); i++) {
		char *a = run(forms[i]);
		EQ_STR(a, want);
		g_free(a);
	}
}

/* A fingerprint of 4 accesses, 3 of which occur: performed from 0.75. */
static void
test_fraction(void)
{
	static const char fp[] = "A = x - y\n\ta 1\tf:1\n\ta 2\tf:2\n"
	    "\ta 3\tf:3\n\ta 4\tf:4\nB = x\n\tb\tf:1\n";
	static const struct {
		double min;
		bool a;
	} cases[] = { { 0, false }, { 1, false }, { 0.76, false },
	    { 0.75, true }, { 0.5, true }, { 0.01, true } };
	GError *err = NULL;
	struct fingerprints *f = fingerprints_parse("fp", fp, strlen(fp),
	    &err);

	CU_ASSERT_FATAL(f != NULL);
	CU_ASSERT(fingerprints_options(f, NULL, NULL)[0] == NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct matcher_opts o = { .min_fraction = cases[i].min };
		struct matcher *m = matcher_new(f, &o);
		matcher_add(m, "a 1", 3, "t", 1);
		matcher_add(m, "a 3", 3, "t", 2);
		matcher_add(m, "a 4", 3, "t", 3);
		matcher_add(m, "a 4", 3, "t", 4);
		const GPtrArray *ops = matcher_finish(m);
		const struct match_op *a = ops->pdata[0], *b = ops->pdata[1];
		EQ_INT(a->found, 3);
		CU_ASSERT(a->fraction == 0.75);
		EQ_INT(a->performed, cases[i].a);
		/* none of B's accesses: never performed, at any fraction */
		CU_ASSERT(!b->performed && b->fraction == 0);
		matcher_free(m);
	}
	fingerprints_free(f);
}

/*
 * Three traces labelled here, two operations: the counts of each label,
 * worked out by hand.  t0 (A): A and B performed: A tp, B fp.  t1 (A B):
 * only B: A fn, B tp.  t2 (C): nothing: A tn, B tn; C has no fingerprint.
 */
static void
test_score(void)
{
	static const char fp[] = "A = x\n\ta\tf:1\nB = y\n\tb\tf:1\n";
	char *dir = g_dir_make_tmp("test-match-XXXXXX", NULL);
	const char *names[] = { "t0", "t1", "t2" };
	GError *err = NULL;

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		char *p = g_build_filename(dir, names[i], NULL);
		g_file_set_contents(p, "Read x\n", -1, NULL);
		g_free(p);
	}
	static const char lt[] = "t0: A\nt1: A B\nt2: C\n";
	struct labels *lab = labels_parse("L", dir, lt, strlen(lt), &err);
	CU_ASSERT_FATAL(lab != NULL);
	struct fingerprints *f = fingerprints_parse("fp", fp, strlen(fp),
	    &err);
	CU_ASSERT_FATAL(f != NULL);
	struct match_score *s = match_score_new(f);
	const char *seen[] = { "a b", "b", "" };
	for (unsigned i = 0; i < 3; i++) {
		struct matcher *m = matcher_new(f, NULL);
		char **w = g_strsplit(seen[i], " ", -1);
		for (char **x = w; *x != NULL; x++)
			if (**x != '\0')
				matcher_add(m, *x, strlen(*x), "t", 1);
		g_strfreev(w);
		match_score_add(s, matcher_finish(m), lab, i, names[i]);
		matcher_free(m);
	}
	const GPtrArray *ls = match_score_labels(s);
	EQ_INT(ls->len, 2);
	const struct match_confusion *a = ls->pdata[0], *b = ls->pdata[1];
	EQ_STR(a->label, "A");
	CU_ASSERT(a->tp == 1 && a->fp == 0 && a->fn == 1 && a->tn == 1);
	EQ_STR(a->fn_traces->pdata[0], "t1");
	CU_ASSERT(b->tp == 1 && b->fp == 1 && b->fn == 0 && b->tn == 1);
	EQ_STR(b->fp_traces->pdata[0], "t0");
	CU_ASSERT(match_precision(a) == 1 && match_recall(a) == 0.5);
	CU_ASSERT(match_precision(b) == 0.5 && match_recall(b) == 1);
	struct match_confusion sum;
	match_score_total(s, &sum);
	CU_ASSERT(sum.tp == 2 && sum.fp == 1 && sum.fn == 1 && sum.tn == 2);
	const GPtrArray *un = match_score_unscored(s);
	EQ_INT(un->len, 1);
	EQ_STR(un->pdata[0], "C");
	struct match_confusion none = { 0 };
	CU_ASSERT(match_precision(&none) < 0 && match_recall(&none) < 0);
	match_score_free(s);
	fingerprints_free(f);
	labels_free(lab);
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++) {
		char *p = g_build_filename(dir, names[i], NULL);
		g_remove(p);
		g_free(p);
	}
	g_rmdir(dir);
	g_free(dir);
}

static void
test_errors(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "\tRead a\tf:1\n", "fp:1:1: expected an equation line "
		    "before the accesses, found an access" },
		{ "A = x\n\tRead a\n", "fp:2:8: expected a tab and where the "
		    "access occurred, found end of line" },
		{ "A is x\n", "fp:1:3: expected 'LABEL = EQUATION' or 'LABEL ~ "
		    "EQUATION', found something else" },
		{ "Create\n", "fp:1:7: expected 'LABEL = EQUATION' or 'LABEL ~ "
		    "EQUATION', found end of line" },
		{ "A/b = x\n", "fp:1:2: expected a label (letters, digits, "
		    "'_', '-', '.'), found '/'" },
		{ "A = x\n\tRead \x1b[2J\tf:1\n", "fp:2:7: expected an access "
		    "of printable ASCII, found '\\x1b'" },
		{ "A = x\n\t Read a\tf:1\n", "fp:2:2: expected an access "
		    "(words joined by one blank), found a blank at its start" },
		{ "A = x\n\tRead a\tf\n", "fp:2:9: expected where the access "
		    "occurred (FILE:LINE), found no line number" },
		{ "", "fp:1:1: expected an equation line 'LABEL = EQUATION' (a "
		    "fingerprints file as solve writes it), found end of file" },
		{ "<fingerprints>\n</fingerprints>\n", "fp:1:1: expected an "
		    "<operation> in <fingerprints>, found none" },
		{ "<accesses/>", "fp:1:1: expected a <fingerprints> document, "
		    "found <accesses>" },
		{ "<fingerprints>\n<operation/>\n</fingerprints>",
		    "fp:2:1: expected an <operation> with a label, found none" },
		/* the options */
		{ "# options: --a=b\n# options: --c\nA = x\n", "fp:2:1: "
		    "expected one '# options:' line, found a second (the "
		    "first on line 1)" },
		{ "# options:  --a\nA = x\n", "fp:1:12: expected an option "
		    "word, found nothing" },
		{ "# options: --a=\\000\nA = x\n", "fp:1:16: expected an "
		    "option word, found a NUL byte" },
		{ "# options: --a=\\\nA = x\n", "fp:1:16: expected an option "
		    "word, found a lone '\\' at its end" },
		{ "<fingerprints><option>a b</option></fingerprints>", "fp:1:2: "
		    "expected an option word, found a blank (written \\040 in "
		    "a word)" },
		/* TSV */
		{ "label\texact\n", "fp:1:12: expected a header with the "
		    "columns label and access, found no access column" },
		{ "label\taccess\n", "fp:2:1: expected a row of an operation, "
		    "found end of file" },
		{ "label\taccess\nA\tRead a\tmore\n", "fp:2:10: expected 2 "
		    "fields as in the header, found 3" },
		{ "label\taccess\nA\n", "fp:2:2: expected 2 fields as in the "
		    "header, found 1" },
		{ "label\taccess\nA/b\tRead a\n", "fp:2:2: expected a label "
		    "(letters, digits, '_', '-', '.'), found '/'" },
		{ "label\taccess\nA\t Read a\n", "fp:2:3: expected an access "
		    "(words joined by one blank), found a blank at its start" },
		{ "label\texact\taccess\nA\tmaybe\tRead a\n", "fp:2:3: "
		    "expected yes or no in the column exact, found something "
		    "else" },
		{ "label\taccess\nA\tRead \x1b\n", "fp:2:8: expected a field "
		    "in printable ASCII, found '\\x1b'" },
		/* JSON */
		{ "{\"operations\": []}", "fp:1:17: expected an operation in "
		    "\"operations\", found none" },
		{ "{\"file\": \"x\"}", "fp:1:1: expected a member "
		    "\"operations\" (an array of objects), found none" },
		{ "{\n\"operations\": [\n{\"label\": 3}]}", "fp:3:11: expected "
		    "\"label\" to be a string, found Integer" },
		{ "{\"operations\": [{\"label\": \"A\", \"fingerprint\": "
		    "[{\"access\": \"\\u001b\"}]}]}", "fp:1:66: expected an "
		    "access of printable ASCII, found '\\x1b'" },
		{ "{\"operations\": [{\"label\": \"A\"}]}", "fp:1:1: expected "
		    "a member \"fingerprint\" (an array of objects), found "
		    "none" },
		{ "[1]", "fp:1:1: expected a JSON object, found JsonArray" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		GError *err = NULL;
		size_t len = strlen(cases[i].in);
		struct fingerprints *f = fingerprints_parse("fp", cases[i].in,
		    len, &err);
		CU_ASSERT(f == NULL);
		CU_ASSERT_FATAL(err != NULL);
		EQ_STR(err->message, cases[i].want);
		g_error_free(err);
	}
	/* A NUL byte is no more an equation than any other control byte. */
	static const char nul[] = "Create = \0\xff nonsense\n";
	GError *err = NULL;
	CU_ASSERT(fingerprints_parse("fp", nul, sizeof(nul) - 1, &err) ==
	    NULL);
	CU_ASSERT_FATAL(err != NULL);
	EQ_STR(err->message, "fp:1:10: expected an equation in printable "
	    "ASCII, found '\\x00'");
	g_clear_error(&err);
	/* Malformed XML: libxml2's message, at its line. */
	const char *bad = "<fingerprints>\n<operation label=\"A\">\n";
	CU_ASSERT(fingerprints_parse("fp", bad, strlen(bad), &err) == NULL);
	CU_ASSERT_FATAL(err != NULL);
	CU_ASSERT(g_str_has_prefix(err->message, "fp:3:"));
	g_error_free(err);
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("match", NULL, NULL);

	CU_add_test(s, "text and XML fingerprints, matched", test_both_forms);
	CU_add_test(s, "fingerprints files solve does not write", test_errors);
	CU_add_test(s, "a fraction of a fingerprint", test_fraction);
	CU_add_test(s, "answers scored against labels", test_score);
}
