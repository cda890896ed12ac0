/*
 * cu_assert.h: CUnit assertions that say what they got, shared by the unit
 * tests (CU_ASSERT_EQUAL only says that two expressions differ).
 */
#ifndef TESTS_CU_ASSERT_H
#define TESTS_CU_ASSERT_H

#include <stdbool.h>
#include <string.h>

#include <CUnit/CUnit.h>
#include <glib.h>

/* a == e as integers. */
#define EQ_INT(a, e) do {						\
	long long a_ = (long long)(a), e_ = (long long)(e);		\
	char *m_ = g_strdup_printf("%s == %s (got %lld, expected %lld)",	\
	    #a, #e, a_, e_);						\
	CU_assertImplementation(a_ == e_, __LINE__, m_, __FILE__, "",	\
	    CU_FALSE);							\
	g_free(m_);							\
} while (0)

/* a and e equal as C strings, or both NULL. */
#define EQ_STR(a, e) do {						\
	const char *a_ = (a), *e_ = (e);				\
	bool ok_ = (a_ == NULL && e_ == NULL) || (a_ != NULL &&		\
	    e_ != NULL && strcmp(a_, e_) == 0);				\
	char *m_ = g_strdup_printf("%s == %s (got \"%s\", expected \"%s\")", \
	    #a, #e, a_ ? a_ : "(null)", e_ ? e_ : "(null)");		\
	CU_assertImplementation(ok_, __LINE__, m_, __FILE__, "", CU_FALSE); \
	g_free(m_);							\
} while (0)

#endif
