/*
 * test_value.c: the argument parser, on argument texts copied from real
 * strace 6.1 output, with the expected trees written out by hand.
 */
#include <string.h>

#include <CUnit/CUnit.h>

#include "trace/trace.h"

static const struct value *
parse(struct values **vs, const char *text)
{
	*vs = values_parse(text, strlen(text));
	return values_root(*vs);
}

static bool
bytes_are(const struct value *v, const char *s)
{
	return v != NULL && v->len == strlen(s) && memcmp(v->bytes, s, v->len) == 0;
}

static bool
text_is(const struct value *v, const char *s)
{
	return v != NULL && v->text_len == strlen(s) &&
	    memcmp(v->text, s, v->text_len) == 0;
}

static void
test_openat(void)
{
	struct values *vs;
	const struct value *r = parse(&vs,
	    "AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC");

	CU_ASSERT_EQUAL(r->kind, VALUE_ARRAY);
	CU_ASSERT_EQUAL(r->nchild, 3);
	CU_ASSERT_EQUAL(value_child(r, 0)->kind, VALUE_NAME);
	CU_ASSERT(bytes_are(value_child(r, 0), "AT_FDCWD"));
	CU_ASSERT_EQUAL(value_child(r, 1)->kind, VALUE_STR);
	CU_ASSERT(bytes_are(value_child(r, 1), "/etc/ld.so.cache"));
	const struct value *f = value_child(r, 2);
	CU_ASSERT_EQUAL(f->kind, VALUE_FLAGS);
	CU_ASSERT_EQUAL(f->nchild, 2);
	CU_ASSERT(value_has_flag(f, "O_CLOEXEC"));
	CU_ASSERT(!value_has_flag(f, "O_WRONLY"));
	CU_ASSERT(text_is(f, "O_RDONLY|O_CLOEXEC"));
	values_free(vs);
}

static void
test_wait4_expression(void)
{
	struct values *vs;
	const struct value *r = parse(&vs,
	    "-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL");

	CU_ASSERT_EQUAL(r->nchild, 4);
	CU_ASSERT_EQUAL(value_child(r, 0)->kind, VALUE_INT);
	CU_ASSERT_EQUAL(value_child(r, 0)->num, -1);
	const struct value *a = value_child(r, 1);
	CU_ASSERT_EQUAL(a->kind, VALUE_ARRAY);
	CU_ASSERT_EQUAL(a->nchild, 1);
	const struct value *s = value_child(a, 0);
	CU_ASSERT_EQUAL(s->kind, VALUE_STRUCT);
	CU_ASSERT_EQUAL(s->nchild, 1);
	CU_ASSERT_EQUAL(value_child(s, 0)->kind, VALUE_RAW);
	CU_ASSERT(text_is(value_child(s, 0),
	    "WIFEXITED(s) && WEXITSTATUS(s) == 0"));
	CU_ASSERT_EQUAL(value_child(r, 2)->num, 0);
	CU_ASSERT(bytes_are(value_child(r, 3), "NULL"));
	values_free(vs);
}

static void
test_fd_decoration(void)
{
	struct values *vs;
	/* -yy of a file named a>b) = 3,]<x"y<TAB>z, as strace 6.1 prints it */
	const struct value *r = parse(&vs,
	    "3</tmp/stx/d/a\\76b) = 3,]\\74x\\\"y\\tz>, \"x\", 1");

	CU_ASSERT_EQUAL(r->nchild, 3);
	const struct value *fd = value_child(r, 0);
	CU_ASSERT_EQUAL(fd->kind, VALUE_FD);
	CU_ASSERT_EQUAL(fd->num, 3);
	CU_ASSERT(bytes_are(fd, "/tmp/stx/d/a>b) = 3,]<x\"y\tz"));
	CU_ASSERT(bytes_are(value_child(r, 1), "x"));
	CU_ASSERT_EQUAL(value_child(r, 2)->num, 1);
	values_free(vs);
}

static void
test_cwd_decoration(void)
{
	struct values *vs;
	const struct value *r = parse(&vs,
	    "AT_FDCWD</tmp/stx>, \"d/nonutf\", O_RDONLY");
	const struct value *d = value_child(r, 0);

	CU_ASSERT_EQUAL(d->kind, VALUE_FD);
	CU_ASSERT_EQUAL(d->num, -100);
	CU_ASSERT(bytes_are(d, "/tmp/stx"));
	CU_ASSERT(text_is(d, "AT_FDCWD</tmp/stx>"));
	values_free(vs);
}

static void
test_truncated_and_escapes(void)
{
	struct values *vs;
	const struct value *r = parse(&vs,
	    "3, \"\\177ELF\\2\\1\\1\\3\\0\"..., 832");
	const struct value *s = value_child(r, 1);

	CU_ASSERT_EQUAL(s->kind, VALUE_STR);
	CU_ASSERT(s->truncated);
	/* \177 E L F \2 \1 \1 \3 \0: nine bytes, the last a NUL. */
	CU_ASSERT_EQUAL(s->len, 9);
	CU_ASSERT(s->len == 9 && memcmp(s->bytes, "\177ELF\2\1\1\3\0", 9) == 0);
	CU_ASSERT_EQUAL(value_child(r, 2)->num, 832);
	values_free(vs);

	/* An octal escape is one byte: \476 is \47 then '6'. */
	r = parse(&vs, "\"\\476\\377\"");
	s = value_child(r, 0);
	CU_ASSERT(s->len == 3 && memcmp(s->bytes, "'6\377", 3) == 0);
	values_free(vs);
}

static void
test_clone3_inout(void)
{
	struct values *vs;
	const struct value *r = parse(&vs,
	    "{flags=CLONE_VM|CLONE_THREAD, exit_signal=0, stack=0x7f8d78b9a000}"
	    " => {parent_tid=[2483]}, 88");
	const struct value *s = value_child(r, 0);

	CU_ASSERT_EQUAL(r->nchild, 2);
	CU_ASSERT_EQUAL(s->kind, VALUE_STRUCT);
	CU_ASSERT(value_has_flag(value_field(s, "flags"), "CLONE_THREAD"));
	CU_ASSERT_EQUAL(value_field(s, "stack")->num, INT64_C(0x7f8d78b9a000));
	CU_ASSERT_PTR_NOT_NULL_FATAL(s->changed);
	const struct value *tid = value_field(s->changed, "parent_tid");
	CU_ASSERT_EQUAL(value_child(tid, 0)->num, 2483);
	CU_ASSERT_EQUAL(value_child(r, 1)->num, 88);
	values_free(vs);
}

static void
test_sigset_and_comment(void)
{
	struct values *vs;
	const struct value *r = parse(&vs,
	    "SIG_BLOCK, ~[RTMIN RT_1], 0x3001 /* ARCH_??? */, 8");
	const struct value *set = value_child(r, 1);

	CU_ASSERT_EQUAL(r->nchild, 4);
	CU_ASSERT_EQUAL(set->kind, VALUE_ARRAY);
	CU_ASSERT(set->negated);
	CU_ASSERT_EQUAL(set->nchild, 2);
	CU_ASSERT(bytes_are(value_child(set, 1), "RT_1"));
	CU_ASSERT_EQUAL(value_child(r, 2)->num, 0x3001);
	CU_ASSERT_EQUAL(value_child(r, 3)->num, 8);
	values_free(vs);
}

static void
test_overflow_and_depth(void)
{
	struct values *vs;
	const struct value *r = parse(&vs,
	    "99999999999999999999999, -5, 99999999999999999999999</etc/x>");

	/* Too big for 64 bits: raw text, never a number taken as 0. */
	CU_ASSERT_EQUAL(value_child(r, 0)->kind, VALUE_RAW);
	CU_ASSERT(value_child(r, 0)->overflow);
	CU_ASSERT_EQUAL(value_child(r, 0)->text_len, 23);
	CU_ASSERT_EQUAL(value_child(r, 1)->num, -5);
	/* A decorated fd keeps its path; its number is unknown (-1). */
	CU_ASSERT_EQUAL(value_child(r, 2)->kind, VALUE_FD);
	CU_ASSERT_EQUAL(value_child(r, 2)->num, -1);
	CU_ASSERT_EQUAL(value_child(r, 2)->len, 6);
	values_free(vs);

	/*
	 * 200 nested arrays: the top level is depth 1, so arrays are built
	 * at depths 1 to 63 and what is inside the 63rd, 137 open and 137
	 * closing brackets, is kept as one raw value.
	 */
	char deep[400];
	memset(deep, '[', 200);
	memset(deep + 200, ']', 200);
	vs = values_parse(deep, sizeof(deep));
	r = values_root(vs);
	CU_ASSERT_EQUAL(r->nchild, 1);
	const struct value *v = value_child(r, 0);
	int arrays = 0;
	while (v != NULL && v->kind == VALUE_ARRAY) {
		CU_ASSERT_EQUAL(v->nchild, 1);
		arrays++;
		v = value_child(v, 0);
	}
	CU_ASSERT_EQUAL(arrays, 63);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	CU_ASSERT_EQUAL(v->kind, VALUE_RAW);
	CU_ASSERT_EQUAL(v->text_len, 274);
	values_free(vs);
}

void cu_register(void);

void
cu_register(void)
{
	CU_pSuite s = CU_add_suite("value", NULL, NULL);

	CU_add_test(s, "openat arguments", test_openat);
	CU_add_test(s, "wait4 status expression", test_wait4_expression);
	CU_add_test(s, "-yy path with , ) ] > < quote tab", test_fd_decoration);
	CU_add_test(s, "AT_FDCWD with -y", test_cwd_decoration);
	CU_add_test(s, "truncated string, octal escapes", test_truncated_and_escapes);
	CU_add_test(s, "clone3 in/out argument", test_clone3_inout);
	CU_add_test(s, "signal set and comment", test_sigset_and_comment);
	CU_add_test(s, "overflow and deep nesting", test_overflow_and_depth);
}
