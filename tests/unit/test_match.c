/*
 * test_match.c: fingerprints read back from solve's text and XML
 * (mining/match.c), and matched against accesses given here, with the
 * operations, counts and places they must give, and the errors, with
 * their positions, of files solve does not write.
 */
#include <string.h>

#include <CUnit/CUnit.h>
#include <glib.h>

#include "cu_assert.h"
#include "mining/match.h"

static const char text[] =
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

/* "label performed found/total [lines of each access]" per operation. */
static char *
run(const char *data)
{
	GError *err = NULL;
	struct fingerprints *f = fingerprints_parse("fp", data, strlen(data),
	    &err);

	CU_ASSERT_FATAL(f != NULL);
	EQ_INT(fingerprints_count(f), 3);
	struct matcher *m = matcher_new(f);
	const char *t = "t";
	matcher_add(m, "Set Window->parent pParent", 26, t, 3);
	matcher_add(m, "Read other", 10, t, 4);
	matcher_add(m, "Cmp xEvent->type == CreateNotify", 32, t, 5);
	matcher_add(m, "Set Window->parent pParent", 26, t, 9);
	const GPtrArray *ops = matcher_finish(m);
	GString *o = g_string_new(NULL);
	for (unsigned i = 0; i < ops->len; i++) {
		const struct match_op *op = ops->pdata[i];
		g_string_append_printf(o, "%s %s%s %u/%u", op->label,
		    op->performed ? "yes" : "no", op->exact ? "" : "~",
		    op->found, op->accesses->len);
		for (unsigned k = 0; k < op->accesses->len; k++) {
			const struct match_access *a = op->accesses->pdata[k];
			g_string_append(o, " [");
			for (unsigned q = 0; q < a->where->len; q++)
				g_string_append_printf(o, "%s%" G_GUINT64_FORMAT,
				    q ? "," : "", g_array_index(a->where,
				    struct match_where, q).line);
			g_string_append(o, "]");
		}
		g_string_append_c(o, '\n');
	}
	matcher_free(m);
	fingerprints_free(f);
	return g_string_free(o, FALSE);
}

static void
test_both_forms(void)
{
	const char *want = "Create yes 2/2 [5] [3,9]\n"
	    "Destroy no~ 0/1 []\n"
	    "Empty no 0/0\n";
	char *a = run(text), *b = run(xml);

	EQ_STR(a, want);
	EQ_STR(b, want);
	g_free(a);
	g_free(b);
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
}
