/*
 * test_glob.c: glob_prefix_decide() against a brute-force oracle.
 * Thousands of seeded random (pattern, prefix) pairs over a small
 * alphabet: the oracle enumerates every name the prefix stands for
 * (efsa_prefix_accepts(), the model's own reading) up to a length bound
 * and asks glob_match() (the monitor's reading) of each.  ALL and NONE
 * from the decision must hold for every enumerated name; SOME must be
 * shown by two names, found by the enumeration (further when the first
 * bound does not find them).
 */
#include <string.h>

#include "cu_assert.h"
#include "automata/efsa.h"
#include "verify/internal.h"

static const char pat_chars[] = "ab/.*?[]{},^-\\";
static const char pre_chars[] = "ab/.";
/* names are made of the pattern's bytes, "ab/." and 'x', which stands
 * for every byte the pattern never names */
static char name_chars[32];

struct oracle {
	bool yes, no;
};

static void
enumerate(const char *prefix, char *buf, size_t at, size_t room,
    const char *pattern, struct oracle *o)
{
	size_t i;

	buf[at] = '\0';
	if (efsa_prefix_accepts(prefix, buf)) {
		if (glob_match(pattern, buf))
			o->yes = true;
		else
			o->no = true;
	}
	if (o->yes && o->no)
		return;
	if (at == room)
		return;
	for (i = 0; name_chars[i] != '\0'; i++) {
		buf[at] = name_chars[i];
		enumerate(prefix, buf, at + 1, room, pattern, o);
	}
}

static enum glob_decision
oracle(const char *pattern, const char *prefix, size_t bound)
{
	char buf[64];
	struct oracle o = { false, false };
	size_t n = strlen(prefix);
	const char *q;

	memcpy(buf, prefix, n);
	strcpy(name_chars, "ab/.x");
	for (q = pattern; *q != '\0'; q++)
		if (strchr(name_chars, *q) == NULL)
			strncat(name_chars, q, 1);
	enumerate(prefix, buf, n, n + bound, pattern, &o);
	return o.yes && o.no ? GLOB_SOME : o.yes ? GLOB_ALL : GLOB_NONE;
}

static void
random_string(GRand *r, const char *chars, unsigned maxlen, char *out)
{
	unsigned n = (unsigned)g_rand_int_range(r, 0, (gint32)maxlen + 1), i;

	for (i = 0; i < n; i++)
		out[i] = chars[g_rand_int_range(r, 0, (gint32)strlen(chars))];
	out[n] = '\0';
}

static void
test_decide_oracle(void)
{
	GRand *r = g_rand_new_with_seed(20261204);
	unsigned i, counts[3] = { 0, 0, 0 }, bad = 0;

	for (i = 0; i < 4000; i++) {
		char pat[16], pre[8];
		enum glob_decision d, o;

		random_string(r, pat_chars, 6, pat);
		if (i % 4 == 1) {
			/* directory patterns, the kind policies write */
			random_string(r, pre_chars, 3, pat);
			strcat(pat, "**");
			random_string(r, pat_chars, 1, pat + strlen(pat));
		} else if (i % 4 == 2) {
			/* dots: a ".." component is never under a prefix */
			random_string(r, "./*a", 6, pat);
		}
		/* half the prefixes absolute, as most learned ones are */
		random_string(r, pre_chars, 4, pre);
		if (i % 2 == 0 && pre[0] != '/') {
			memmove(pre + 1, pre, strlen(pre) + 1);
			pre[0] = '/';
		}
		d = glob_prefix_decide(pat, pre);
		o = oracle(pat, pre, 4);
		if (d == GLOB_SOME && o != GLOB_SOME)
			o = oracle(pat, pre, 7);	/* a longer witness */
		counts[d]++;
		if (d != o) {
			if (bad++ < 10) {
				char *m = g_strdup_printf("pattern \"%s\" "
				    "prefix \"%s\": decided %d, oracle %d",
				    pat, pre, d, o);

				CU_assertImplementation(CU_FALSE, __LINE__, m,
				    __FILE__, "", CU_FALSE);
				g_free(m);
			}
		}
	}
	EQ_INT(bad, 0);
	/* the sample exercises every answer */
	CU_ASSERT(counts[GLOB_NONE] > 100);
	CU_ASSERT(counts[GLOB_SOME] > 100);
	CU_ASSERT(counts[GLOB_ALL] > 20);
	g_rand_free(r);
}

/* Cases worked out by hand, on the corpus's kind of names. */
static void
test_decide_hand(void)
{
	EQ_INT(glob_prefix_decide("/tmp/**", "/tmp/runs/"), GLOB_ALL);
	EQ_INT(glob_prefix_decide("/tmp/**", "/var/tmp/"), GLOB_NONE);
	EQ_INT(glob_prefix_decide("/tmp/**", "/"), GLOB_SOME);
	EQ_INT(glob_prefix_decide("/tmp/*", "/tmp/"), GLOB_SOME);
	EQ_INT(glob_prefix_decide("**", ""), GLOB_ALL);
	/* "" stands for relative names only */
	EQ_INT(glob_prefix_decide("/**", ""), GLOB_NONE);
	EQ_INT(glob_prefix_decide("{/tmp/**,/var/**}", "/var/tmp/"),
	    GLOB_ALL);
	EQ_INT(glob_prefix_decide("/tmp/**.gz", "/tmp/out/"), GLOB_SOME);
	/* no ".." after a prefix: "/tmp/x/../etc" is not under "/tmp/x/" */
	EQ_INT(glob_prefix_decide("!**/../**", "/tmp/x/"), GLOB_NONE);
	EQ_INT(glob_prefix_decide("/tmp/[", "/tmp/"), GLOB_NONE);
	EQ_INT(glob_prefix_decide("..", ""), GLOB_NONE);
	EQ_INT(glob_prefix_decide("a/**", "a/.."), GLOB_ALL);
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("glob", NULL, NULL);

	CU_add_test(s, "prefix decisions against an oracle",
	    test_decide_oracle);
	CU_add_test(s, "prefix decisions by hand", test_decide_hand);
}
