/*
 * test_labels.c: the readers of labels files (trace/labels.c) and of
 * resource-access traces (trace/restrace.c), on inputs written here, with
 * the exact accesses, labels and error positions they must give.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "cu_assert.h"
#include "trace/labels.h"
#include "trace/restrace.h"
#include "trace/trace.h"

static char *dir;

static char *
put(const char *name, const char *text)
{
	char *p = g_build_filename(dir, name, NULL);

	g_assert(g_file_set_contents(p, text, -1, NULL));
	return p;
}

/* "text|function|line" of every access, one per line, or the error. */
static char *
read_all(const char *text)
{
	char *p = put("t.trace", text);
	GError *err = NULL;
	struct restrace_reader *r = restrace_reader_open(p, &err);
	GString *o = g_string_new(NULL);
	const struct restrace_access *a;

	g_assert(r != NULL);
	while ((a = restrace_reader_next(r, &err)) != NULL)
		g_string_append_printf(o, "%s|%s|%" G_GUINT64_FORMAT "\n",
		    a->text, a->function ? a->function : "-", a->line);
	if (err != NULL) {
		/* The message without the directory. */
		const char *m = strstr(err->message, "t.trace:");
		g_string_append_printf(o, "error %s", m ? m : err->message);
		g_error_free(err);
	}
	restrace_reader_free(r);
	g_free(p);
	return g_string_free(o, FALSE);
}

static void
test_restrace(void)
{
	char *s = read_all("# the X server\n"
	    "\n"
	    "Read Window->firstChild\n"
	    "@ MapWindow\n"
	    "  Set   Window->mapped\tto  True  \r\n"
	    "Set xEvent->type MapNotify\n"
	    "@MapSubWindows\n"
	    "Cmp Window \xe2\x89\xa0 0\n"
	    "   # indented comment\n"
	    "Cmp xEvent->type == KeyPress\n"
	    "Call MapSubWindows");
	EQ_STR(s, "Read Window->firstChild|-|3\n"
	    "Set Window->mapped True|MapWindow|5\n"
	    "Set xEvent->type MapNotify|MapWindow|6\n"
	    "Cmp Window != 0|MapSubWindows|8\n"
	    "Cmp xEvent->type == KeyPress|MapSubWindows|10\n"
	    "Call MapSubWindows|MapSubWindows|11\n");
	g_free(s);
}

static void
test_restrace_errors(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "Frob x\n", "error t.trace:1:1: expected Read, Set, Cmp, "
		    "Call, '@' or '#', found 'Frob'" },
		{ "Read a\nRead\n", "a|-|1\nerror t.trace:2:5: expected a "
		    "resource, found end of line" },
		{ "Read a b\n", "error t.trace:1:8: expected end of line, "
		    "found 'b'" },
		{ "Set a\n", "error t.trace:1:6: expected a value, found end "
		    "of line" },
		{ "Set a to b c\n", "error t.trace:1:12: expected end of line, "
		    "found 'c'" },
		{ "Cmp a ~ b\n", "error t.trace:1:7: expected an operator (==, "
		    "!=, <, <=, >, >=), found '~'" },
		{ "Cmp a ==\n", "error t.trace:1:9: expected an operand, found "
		    "end of line" },
		{ "Read a\x01\n", "error t.trace:1:7: expected a printable "
		    "character or a blank, found '\\x01'" },
		{ "Read \xc3\xa9\n", "error t.trace:1:6: expected a printable "
		    "character or a blank, found '\\xc3'" },
		{ "@\n", "error t.trace:1:2: expected a function name, found "
		    "end of line" },
		{ "Cmp a b\xe2\x89\xa0 c\n", "error t.trace:1:8: expected a "
		    "printable character or a blank, found '\\xe2'" },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *s = read_all(cases[i].in);
		/* The first access of case 2 prints as "Read a|-|1". */
		if (strncmp(cases[i].want, "a|", 2) == 0) {
			char *w = g_strconcat("Read ", cases[i].want, NULL);
			EQ_STR(s, w);
			g_free(w);
		} else {
			EQ_STR(s, cases[i].want);
		}
		g_free(s);
	}
}

static void
test_sniff(void)
{
	static const struct {
		const char *in;
		bool is;
	} cases[] = {
		{ "openat(AT_FDCWD, \"/a\", O_RDONLY) = 3\n", false },
		{ "1234 read(3, \"\", 1) = 0\n", false },
		{ "Reader(3) = 0\n", false },
		{ "", false },
		{ "\n\n", false },
		{ "# a comment\n", true },
		{ "\n  \nRead x\n", true },
		{ "@ f\n", true },
		{ "Set\tx y\n", true },
	};

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *p = put("s", cases[i].in);
		bool is = !cases[i].is;
		CU_ASSERT(restrace_sniff(p, &is, NULL));
		EQ_INT(is, cases[i].is);
		g_free(p);
	}
	char *p = g_build_filename(dir, "nothere", NULL);
	GError *err = NULL;
	bool is;
	CU_ASSERT(!restrace_sniff(p, &is, &err));
	CU_ASSERT(err != NULL && err->domain == TRACE_ERROR);
	g_clear_error(&err);
	g_free(p);
}

static void
test_labels(void)
{
	char *a = put("open_xterm.trace", "Read a\n");
	char *b = put("open_browser.trace.gz", "");
	char *c = put("x.log", "");
	char *sub = g_build_filename(dir, "sub", NULL);
	g_mkdir(sub, 0700);
	char *d = put("sub/x.log", "");
	char *e = put("odd:name.log", "");
	const char *text = "# runs\n"
	    "open_xterm.trace: Create Map\n"
	    "\n"
	    "open_browser.trace.gz:\tMap Create\tDestroy # and Unmap, "
	    "unlabelled\n"
	    "x.log:\n"
	    "sub/x.log: Map\r\n"
	    "odd:name.log: Map";
	GError *err = NULL;
	struct labels *l = labels_parse("L", dir, text, strlen(text), &err);

	CU_ASSERT_FATAL(l != NULL);
	EQ_INT(labels_n_traces(l), 5);
	EQ_INT(labels_n_labels(l), 3);
	EQ_STR(labels_label(l, 0), "Create");
	EQ_STR(labels_label(l, 1), "Destroy");
	EQ_STR(labels_label(l, 2), "Map");
	EQ_INT(labels_find(l, "Map"), 2);
	EQ_INT(labels_find(l, "Unmap"), -1);
	EQ_STR(labels_trace_name(l, 0), "open_xterm");
	EQ_STR(labels_trace_name(l, 1), "open_browser");
	/* Two traces named "x": both by their paths as written. */
	EQ_STR(labels_trace_name(l, 2), "x.log");
	EQ_STR(labels_trace_name(l, 3), "sub/x.log");
	EQ_STR(labels_trace_name(l, 4), "odd:name");
	EQ_STR(labels_trace_path(l, 0), a);
	EQ_STR(labels_trace_path(l, 3), d);
	EQ_STR(labels_trace_files(l, 1)[0], b);
	EQ_INT(labels_trace_line(l, 0), 2);
	EQ_INT(labels_trace_line(l, 4), 7);
	CU_ASSERT(labels_has(l, 0, 0) && !labels_has(l, 0, 1) &&
	    labels_has(l, 0, 2));
	CU_ASSERT(labels_has(l, 1, 0) && labels_has(l, 1, 1) &&
	    labels_has(l, 1, 2));
	CU_ASSERT(!labels_has(l, 2, 0) && !labels_has(l, 2, 1) &&
	    !labels_has(l, 2, 2));
	labels_free(l);

	/*
	 * x.log and sub/x.log both shorten to "x", so take their paths; then
	 * x.log.trace's short name, "x.log", is x.log's: it takes its path
	 * too.
	 */
	char *g = put("x.log.trace", "");
	const char *t2 = "x.log: A\nsub/x.log: A\nx.log.trace: A\n";
	l = labels_parse("L", dir, t2, strlen(t2), &err);
	CU_ASSERT_FATAL(l != NULL);
	EQ_STR(labels_trace_name(l, 0), "x.log");
	EQ_STR(labels_trace_name(l, 1), "sub/x.log");
	EQ_STR(labels_trace_name(l, 2), "x.log.trace");
	labels_free(l);
	g_free(g);

	/* An -ff prefix. */
	char *f1 = put("run.100", ""), *f2 = put("run.7", "");
	l = labels_parse("L", dir, "run: A\n", 7, &err);
	CU_ASSERT_FATAL(l != NULL);
	char **files = labels_trace_files(l, 0);
	EQ_STR(files[0], f2);
	EQ_STR(files[1], f1);
	CU_ASSERT(files[2] == NULL);
	labels_free(l);
	g_free(f1);
	g_free(f2);
	g_free(a);
	g_free(b);
	g_free(c);
	g_free(d);
	g_free(e);
	g_free(sub);
}

/* One file named three times, a part each, and once whole. */
static void
test_labels_parts(void)
{
	char *x = put("srv.log", "");
	const char *t = "srv.log: Map --window=2.5:7\n"
	    "srv.log: --window=7:9 Unmap # the second\n"
	    "srv.log:\t--marker=a\\040b\\tc Create --window=0:1\n"
	    "srv.log: Map Unmap Create\n"
	    "run:2 --window=1:2.log: Map\n";
	char *y = put("run:2 --window=1:2.log", "");
	GError *err = NULL;
	struct labels *l = labels_parse("L", dir, t, strlen(t), &err);

	CU_ASSERT_FATAL(l != NULL);
	EQ_INT(labels_n_traces(l), 5);
	CU_ASSERT(labels_have_parts(l));
	const struct labels_part *p = labels_trace_part(l, 0);
	CU_ASSERT_FATAL(p != NULL);
	EQ_STR(p->window, "2.5:7");
	CU_ASSERT(p->from_ns == 2500000000 && p->to_ns == 7000000000);
	CU_ASSERT(p->marker == NULL);
	EQ_STR(p->text, "--window=2.5:7");
	EQ_STR(labels_trace_name(l, 0), "srv[--window=2.5:7]");
	p = labels_trace_part(l, 1);
	CU_ASSERT_FATAL(p != NULL);
	CU_ASSERT(p->from_ns == 7000000000 && p->to_ns == 9000000000);
	EQ_STR(labels_trace_name(l, 1), "srv[--window=7:9]");
	CU_ASSERT(labels_has(l, 1, (unsigned)labels_find(l, "Unmap")));
	CU_ASSERT(!labels_has(l, 1, (unsigned)labels_find(l, "Map")));
	p = labels_trace_part(l, 2);
	CU_ASSERT_FATAL(p != NULL);
	EQ_STR(p->marker, "a b\tc");
	EQ_STR(p->text, "--window=0:1 --marker=a\\040b\\tc");
	CU_ASSERT(labels_trace_part(l, 3) == NULL);
	EQ_STR(labels_trace_name(l, 3), "srv");
	/* A path that looks like a part is a path: before the colon. */
	CU_ASSERT(labels_trace_part(l, 4) == NULL);
	EQ_STR(labels_trace_path(l, 4) + strlen(dir) + 1,
	    "run:2 --window=1:2.log");
	labels_free(l);

	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "srv.log: A --window=7:2\n", "L:1:21: expected FROM:TO, "
		    "seconds with FROM below TO, found '7:2'" },
		{ "srv.log: A --window=\n", "L:1:21: expected FROM:TO, "
		    "seconds with FROM below TO, found ''" },
		{ "srv.log: --frob=1 A\n", "L:1:10: expected a label, "
		    "--window=FROM:TO or --marker=BYTES, found '--frob'" },
		{ "srv.log: A --window=1:2 --window=2:3\n", "L:1:25: expected "
		    "one --window per trace, found a second" },
		{ "srv.log: A --marker=\n", "L:1:21: expected bytes (\\ooo "
		    "for a blank), found none" },
		{ "srv.log: A --window=1:2\nsrv.log: B --window=1:2\n",
		    "L:2:1: expected a trace not labelled before, found "
		    "'srv.log' --window=1:2 again (first on line 1)" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		l = labels_parse("L", dir, cases[i].in, strlen(cases[i].in),
		    &err);
		CU_ASSERT(l == NULL);
		CU_ASSERT_FATAL(err != NULL);
		EQ_STR(err->message, cases[i].want);
		g_clear_error(&err);
	}
	/* A label that merely begins with "--" is still a label. */
	l = labels_parse("L", dir, "srv.log: --x\n", 13, &err);
	CU_ASSERT_FATAL(l != NULL);
	EQ_STR(labels_label(l, 0), "--x");
	CU_ASSERT(!labels_have_parts(l));
	labels_free(l);
	g_free(x);
	g_free(y);
}

static void
test_labels_errors(void)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "x.log Map\n", "L:1:10: expected ':' after the trace, found "
		    "end of line" },
		{ "x.log:Map\n", "L:1:10: expected ':' after the trace, found "
		    "end of line" },
		{ "  : Map\n", "L:1:3: expected a trace, found ':'" },
		{ "x.log: M@p\n", "L:1:9: expected a label (letters, digits, "
		    "'_', '-', '.'), found '@'" },
		{ "x.log: A B A\n", "L:1:12: expected a label not given "
		    "before, found 'A' again" },
		{ "x.log: A\n\n./x.log: B\n", "L:3:1: expected a trace not "
		    "labelled before, found './x.log' again (first on line 1)" },
		{ "nope.log: A\n", "L:1:1: expected an existing trace, found "
		    "'nope.log'" },
		{ "-: A\n", "L:1:1: expected an existing trace, found '-'" },
		{ "", "L:1:1: expected a labelled trace, found end of file" },
		{ "# c\n\n", "L:3:1: expected a labelled trace, found end of "
		    "file" },
		{ "x\0y: A\n", "L:1:2: expected a character of a path, found "
		    "'\\0'" },
	};
	char *x = put("x.log", "");

	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		GError *err = NULL;
		size_t len = strlen(cases[i].in);
		if (i == G_N_ELEMENTS(cases) - 1)
			len = 7;
		struct labels *l = labels_parse("L", dir, cases[i].in, len,
		    &err);
		CU_ASSERT(l == NULL);
		CU_ASSERT_FATAL(err != NULL);
		EQ_STR(err->message, cases[i].want);
		EQ_INT(err->code, TRACE_ERROR_SYNTAX);
		g_error_free(err);
	}
	GError *err = NULL;
	char *p = g_build_filename(dir, "none.labels", NULL);
	CU_ASSERT(labels_read(p, &err) == NULL);
	CU_ASSERT(err != NULL && err->code == TRACE_ERROR_IO);
	g_clear_error(&err);
	g_free(p);
	g_free(x);
}

static int
setup(void)
{
	dir = g_dir_make_tmp("test-labels-XXXXXX", NULL);
	return dir == NULL;
}

static void
rm_rf(const char *path)
{
	GDir *d = g_dir_open(path, 0, NULL);
	const char *n;

	if (d != NULL) {
		while ((n = g_dir_read_name(d)) != NULL) {
			char *p = g_build_filename(path, n, NULL);
			rm_rf(p);
			g_free(p);
		}
		g_dir_close(d);
	}
	g_remove(path);
}

static int
teardown(void)
{
	rm_rf(dir);
	g_free(dir);
	return 0;
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("labels", setup, teardown);

	CU_add_test(s, "resource-access traces", test_restrace);
	CU_add_test(s, "resource-access trace errors", test_restrace_errors);
	CU_add_test(s, "telling the two kinds of trace apart", test_sniff);
	CU_add_test(s, "labels files", test_labels);
	CU_add_test(s, "parts of traces in labels files", test_labels_parts);
	CU_add_test(s, "labels file errors", test_labels_errors);
}
