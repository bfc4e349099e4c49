/* keeps the test-support library non-empty */
typedef int lx_test_support_empty;
