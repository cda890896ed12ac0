/*
 * fuzz_policy.c: libFuzzer target for the policy, platform interface and
 * AppArmor profile parsers (verify/parse.c, verify/lex.c,
 * verify/apparmor.c).  The input is parsed as a policy against the
 * built-in platform, as a platform file added to it, and as an AppArmor
 * profile (includes from corpora/policies/apparmor); a failure must be a
 * POLICY_ERROR, and the policy a profile becomes must always parse; the
 * rules' automata are walked through their accessors, as efsa-show does.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "verify/internal.h"
#include "verify/policy.h"

static void
check_error(GError *err)
{
	if (err == NULL || err->domain != POLICY_ERROR ||
	    strncmp(err->message, "in:", 3) != 0)
		abort();
	g_error_free(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct platform *pf;
	GError *err = NULL;
	struct policy *p;

	if (pf == NULL && (pf = platform_new(NULL, NULL)) == NULL)
		abort();
	p = policy_parse("in", (const char *)data, size, pf, &err);
	if (p == NULL)
		check_error(err);
	else {
		unsigned r, q, k, dst;

		for (r = 0; r < policy_rules(p); r++) {
			unsigned n = policy_rule_states(p, r);

			if (n == 0 || policy_rule_start(p, r) >= n)
				abort();
			/* every move prints, and leads to a state */
			for (q = 0; q < n; q++)
				for (k = 0; k < policy_rule_moves(p, r, q);
				    k++) {
					char *l = policy_rule_move(p, r, q, k,
					    &dst);

					if (l == NULL || *l == '\0' || dst >= n)
						abort();
					g_free(l);
				}
		}
		policy_free(p);
	}
	/* as a platform file, after the built-in one */
	{
		char path[] = "/tmp/fuzz-platform-XXXXXX";
		int fd = g_mkstemp(path);
		const char *paths[] = { path, NULL };
		struct platform *q;

		if (fd < 0)
			abort();
		if (write(fd, data, size) != (ssize_t)size)
			abort();
		close(fd);
		err = NULL;
		q = platform_new(paths, &err);
		if (q == NULL) {
			if (err == NULL || err->domain != POLICY_ERROR)
				abort();
			g_error_free(err);
		}
		platform_free(q);
		/* as an AppArmor profile */
		{
			const char *dirs[] = {
			    "corpora/policies/apparmor/etc/apparmor.d", NULL };
			char *text;

			err = NULL;
			text = apparmor_to_policy(path, dirs, &err);
			if (text == NULL) {
				if (err == NULL || err->domain != POLICY_ERROR)
					abort();
				g_error_free(err);
			} else {
				struct policy *ap = policy_parse("aa", text,
				    strlen(text), pf, &err);

				if (ap == NULL) {
					fprintf(stderr, "%s\n%s\n", text,
					    err->message);
					abort();
				}
				policy_free(ap);
				g_free(text);
			}
		}
		unlink(path);
	}
	return 0;
}
