/*
 * fuzz_model.c: libFuzzer target for the model file reader and writer and
 * the automaton operations.  The input is parsed as a model file; when it
 * is one:
 *   - it is written back and the result must read back (a model we wrote
 *     must be a model), and writing that again must give the same bytes;
 *   - each model is copied (merged into an empty EFSA), and the copy must
 *     write as the original did;
 *   - every state's shortest path must be a path from an initial state to
 *     it, and agree with efsa_reach();
 *   - the copy is trimmed and minimised, its paths checked again, and the
 *     result must still write and read back.
 * Everything is freed, so LeakSanitizer checks the error paths too.
 * Built by tests/fuzz/fuzz.mk with clang -fsanitize=fuzzer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "automata/efsa.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg,
    gpointer data)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)data;
}

static void
fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_model: %s%s%s\n", what,
	    detail != NULL ? ": " : "", detail != NULL ? detail : "");
	abort();
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	xmlInitParser();
	xmlSetGenericErrorFunc(NULL, quiet);
	/* g_return_if_fail() and friends: a critical is a bug; make it
	 * fatal so it shows, but do not print the ordinary messages */
	g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR |
	    G_LOG_LEVEL_WARNING);
	g_log_set_handler(NULL, G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO |
	    G_LOG_LEVEL_MESSAGE, quiet_log, NULL);
	return 0;
}

/* Shortest paths: each must run from an initial state to its state, by
 * transitions that follow one another, and exist iff efsa_reach() saw
 * the state. */
static void
check_paths(const struct efsa *a)
{
	bool *seen = NULL;
	guint *pred = efsa_reach(a, &seen);
	guint s, i;

	for (s = 0; s < a->states->len; s++) {
		const struct efsa_state *st = g_ptr_array_index(a->states, s);
		GArray *p = efsa_path(a, s);
		guint cur;

		if (st->id != s)
			fail("state id is not its index", NULL);
		if (p == NULL) {
			if (seen[s])
				fail("efsa_path: no path to a reached state",
				    NULL);
			continue;
		}
		if (!seen[s])
			fail("efsa_path: a path to an unreached state", NULL);
		if (p->len == 0) {
			if (!st->initial)
				fail("efsa_path: empty path to a state that "
				    "is not initial", NULL);
			if (pred[s] != 0)
				fail("efsa_reach: a predecessor for an "
				    "initial state", NULL);
		} else {
			const struct efsa_trans *t = g_ptr_array_index(a->trans,
			    g_array_index(p, guint, 0));

			if (!((const struct efsa_state *)g_ptr_array_index(
			    a->states, t->src))->initial)
				fail("efsa_path: does not start at an initial "
				    "state", NULL);
			cur = t->src;
			for (i = 0; i < p->len; i++) {
				guint tid = g_array_index(p, guint, i);

				if (tid >= a->trans->len)
					fail("efsa_path: no such transition",
					    NULL);
				t = g_ptr_array_index(a->trans, tid);
				if (t->src != cur)
					fail("efsa_path: transitions do not "
					    "follow one another", NULL);
				cur = t->dst;
			}
			if (cur != s)
				fail("efsa_path: does not end at its state",
				    NULL);
		}
		g_array_free(p, TRUE);
	}
	g_free(pred);
	g_free(seen);
}

/* A model's XML on its own (in a set with the given header). */
static char *
model_xml(const struct efsa_set *hdr, struct efsa *a, size_t *len)
{
	struct efsa_set one = *hdr;
	GPtrArray *v = g_ptr_array_new();
	char *xml;

	g_ptr_array_add(v, a);
	one.models = v;
	xml = efsa_set_to_xml(&one, len, NULL);
	g_ptr_array_free(v, TRUE);
	return xml;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GError *err = NULL;
	struct efsa_set *s, *s2, *ops;
	char *x1, *x2;
	size_t l1, l2;
	guint i;

	s = efsa_set_parse("fuzz.xml", (const char *)data, size, &err);
	if (s == NULL) {
		if (err == NULL)
			fail("efsa_set_parse failed with no error", NULL);
		if (err->domain != EFSA_ERROR)
			fail("efsa_set_parse: an error of another domain",
			    err->message);
		g_error_free(err);
		return 0;
	}
	if (err != NULL)
		fail("efsa_set_parse succeeded and set an error",
		    err->message);

	/* write, read back, write again: the same bytes */
	x1 = efsa_set_to_xml(s, &l1, NULL);
	if (x1 == NULL || strlen(x1) != l1)
		fail("efsa_set_to_xml: bad length", NULL);
	s2 = efsa_set_parse("written.xml", x1, l1, &err);
	if (s2 == NULL) {
		fprintf(stderr, "%s\n", x1);
		fail("a model we wrote does not read back", err->message);
	}
	x2 = efsa_set_to_xml(s2, &l2, NULL);
	if (l1 != l2 || memcmp(x1, x2, l1) != 0) {
		fprintf(stderr, "first:\n%s\nsecond:\n%s\n", x1, x2);
		fail("writing what we read back gives other bytes", NULL);
	}
	g_free(x2);
	efsa_set_free(s2);

	/* operations, on copies */
	ops = efsa_set_new();
	ops->states = g_strdup(s->states);
	ops->k = s->k;
	ops->threshold = s->threshold;
	ops->runs = s->runs;
	for (i = 0; i < s->models->len; i++) {
		struct efsa *a = g_ptr_array_index(s->models, i);
		struct efsa *c = efsa_new(a->program);
		char *ya, *yc;
		size_t la, lc;
		unsigned before, removed;

		check_paths(a);
		efsa_merge(c, a);
		ya = model_xml(s, a, &la);
		yc = model_xml(s, c, &lc);
		if (la != lc || memcmp(ya, yc, la) != 0) {
			fprintf(stderr, "model:\n%s\ncopy:\n%s\n", ya, yc);
			fail("efsa_merge into an empty EFSA is not a copy",
			    NULL);
		}
		g_free(ya);
		g_free(yc);

		before = c->states->len;
		removed = efsa_trim(c);
		if (removed != before - c->states->len)
			fail("efsa_trim: wrong count of states removed", NULL);
		check_paths(c);
		before = c->states->len;
		removed = efsa_minimize(c);
		if (removed != before - c->states->len)
			fail("efsa_minimize: wrong count of states removed",
			    NULL);
		check_paths(c);
		if (!efsa_set_add(ops, c))
			fail("two models of one program", c->program);
	}

	/* what the operations made must be a model too */
	x2 = efsa_set_to_xml(ops, &l2, NULL);
	s2 = efsa_set_parse("ops.xml", x2, l2, &err);
	if (s2 == NULL) {
		fprintf(stderr, "input:\n%s\nafter trim and minimise:\n%s\n",
		    x1, x2);
		fail("a trimmed and minimised model does not read back",
		    err->message);
	}
	efsa_set_free(s2);
	g_free(x2);
	efsa_set_free(ops);
	g_free(x1);
	efsa_set_free(s);
	return 0;
}
