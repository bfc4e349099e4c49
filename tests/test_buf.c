/* Tests util/buf: escaping of hostile strings, number formatting, atomic writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util/buf.h"

static void test_xml_escapes_markup_and_controls(void **state)
{
    (void)state;
    lx_buf b;
    lx_buf_init(&b);
    lx_buf_put_xml(&b, "<script>alert('x')</script> & \"q\" \x1b[31mred\xe2\x80\xae\xff");
    assert_string_equal(lx_buf_cstr(&b),
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; \\x1B[31mred[U+202E]\\xFF");
    lx_buf_free(&b);
}

static void test_term_strips_escapes_keeps_utf8(void **state)
{
    (void)state;
    lx_buf b;
    lx_buf_init(&b);
    lx_buf_put_term(&b, "caf\xc3\xa9 \x1b]0;title\x07 \xe2\x81\xa6x\xc0\xaf");
    assert_string_equal(lx_buf_cstr(&b), "caf\xc3\xa9 \\x1B]0;title\\x07 [U+2066]x\\xC0\\xAF");
    lx_buf_free(&b);
}

static void test_json_string(void **state)
{
    (void)state;
    lx_buf b;
    lx_buf_init(&b);
    lx_buf_put_json(&b, "a\"b\\c\n\x01");
    assert_string_equal(lx_buf_cstr(&b), "\"a\\\"b\\\\c\\u000a\\u0001\"");
    lx_buf_free(&b);
}

static void test_number_formats(void **state)
{
    (void)state;
    char s[64];
    lx_fmt_thousands(s, sizeof s, 8030261248ULL);
    assert_string_equal(s, "8,030,261,248");
    lx_fmt_thousands(s, sizeof s, 999);
    assert_string_equal(s, "999");
    lx_fmt_thousands(s, sizeof s, 1000);
    assert_string_equal(s, "1,000");
    lx_fmt_short(s, sizeof s, 525336576ULL);
    assert_string_equal(s, "525.3 M");
    lx_fmt_short(s, sizeof s, 8030261248ULL);
    assert_string_equal(s, "8.03 B");
    lx_fmt_bytes(s, sizeof s, 16060522496ULL);
    assert_string_equal(s, "16.06 GB");
}

static void test_atomic_write_keeps_old_file_on_failure(void **state)
{
    (void)state;
    const char *path = LX_TMP_DIR "/buf_atomic.txt";
    lx_buf b;
    lx_buf_init(&b);
    lx_buf_puts(&b, "first");
    char err[256];
    assert_true(lx_buf_write_file(&b, path, err, sizeof err));
    lx_buf_free(&b);
    /* a path in a folder that does not exist fails and names the path */
    lx_buf_puts(&b, "second");
    assert_false(lx_buf_write_file(&b, LX_TMP_DIR "/no/such/dir/x.txt", err, sizeof err));
    assert_non_null(strstr(err, "no/such/dir/x.txt"));
    lx_buf_free(&b);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char got[16] = {0};
    assert_int_equal(fread(got, 1, sizeof got - 1, f), 5);
    fclose(f);
    assert_string_equal(got, "first");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xml_escapes_markup_and_controls),
        cmocka_unit_test(test_term_strips_escapes_keeps_utf8),
        cmocka_unit_test(test_json_string),
        cmocka_unit_test(test_number_formats),
        cmocka_unit_test(test_atomic_write_keeps_old_file_on_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
