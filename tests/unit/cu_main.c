/*
 * cu_main.c: the main of every CUnit test binary.  Each test file defines
 * cu_register(), which adds its suites.  The exit status comes from the
 * number of failures (CU_get_number_of_failures() and the count of failed
 * tests), not from CU_basic_run_tests(), which reports only framework
 * errors: 0 all passed, 1 some failed, 99 the harness broke.
 */
#include <stdio.h>
#include <stdlib.h>

#include <CUnit/Basic.h>

void cu_register(void);

int
main(void)
{
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 99;
	cu_register();
	if (CU_get_error() != CUE_SUCCESS) {
		fprintf(stderr, "%s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 99;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	if (CU_basic_run_tests() != CUE_SUCCESS) {
		CU_cleanup_registry();
		return 99;
	}
	unsigned failures = CU_get_number_of_failures();
	unsigned failed_tests = CU_get_number_of_tests_failed();
	unsigned run = CU_get_number_of_tests_run();
	CU_cleanup_registry();
	if (run == 0) {
		fprintf(stderr, "no test was run\n");
		return 99;
	}
	return failures == 0 && failed_tests == 0 ? 0 : 1;
}
