/* Tests `llmxray draw` as a user runs it: formats by extension and by -f, stdout, the
 * implicit `llmxray MODEL -o FILE`, options, exit codes with their one-line errors, and
 * atomic output (a failed run leaves an existing file as it was). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "draw_support.h"

/* Runs llmxray with args (stdout captured, stderr into *err_out when given). */
static int run(const char *args, lx_buf *out, lx_buf *err_out)
{
    return lx_test_cli(LX_BINARY, LX_TMP_DIR, "draw_cli.stderr", args, out, err_out);
}

static void tmp_path(char *out, size_t cap, const char *name) { lx_test_tmp_path(out, cap, LX_TMP_DIR, name); }

static void assert_file_starts(const char *path, const void *magic, size_t n)
{
    lx_buf b;
    lx_buf_init(&b);
    assert_true(lx_test_read_file(path, &b));
    assert_true(b.len > n);
    assert_memory_equal(b.data, magic, n);
    lx_buf_free(&b);
}

static void test_formats_by_extension(void **state)
{
    (void)state;
    static const struct { const char *ext; const char *magic; } f[] = {
        {"svg", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg"}, {"png", "\x89PNG\r\n\x1a\n"},
        {"pdf", "%PDF-"}, {"txt", "Llama 3.1 8B\n"}, {"SVG", "<?xml"},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        char path[512], args[700], name[32];
        snprintf(name, sizeof name, "out.%s", f[i].ext);
        tmp_path(path, sizeof path, name);
        snprintf(args, sizeof args, "draw llama-3.1-8b -o '%s'", path);
        lx_buf out, err;
        lx_buf_init(&out);
        lx_buf_init(&err);
        assert_int_equal(run(args, &out, &err), 0);
        assert_int_equal(out.len, 0);
        assert_int_equal(err.len, 0);
        assert_file_starts(path, f[i].magic, strlen(f[i].magic));
        lx_buf_free(&out);
        lx_buf_free(&err);
    }
}

static void test_format_flag_and_stdout(void **state)
{
    (void)state;
    lx_buf out;
    lx_buf_init(&out);
    assert_int_equal(run("draw llama-3.1-8b -f svg -o -", &out, NULL), 0);
    assert_memory_equal(out.data, "<?xml", 5);
    lx_buf_free(&out);
    lx_buf_init(&out);
    assert_int_equal(run("draw llama-3.1-8b", &out, NULL), 0); /* not a terminal: plain text, no colour */
    assert_memory_equal(out.data, "Llama 3.1 8B\n", 13);
    assert_null(memchr(out.data, 0x1b, out.len));
    assert_non_null(strstr(out.data, "Masked grouped-query attention"));
    lx_buf_free(&out);
    lx_buf_init(&out);
    assert_int_equal(run("draw llama-3.1-8b --ascii --width 72", &out, NULL), 0);
    for (size_t i = 0; i < out.len; i++) assert_true((unsigned char)out.data[i] < 0x80);
    for (const char *p = out.data; *p;) {
        size_t n = strcspn(p, "\n");
        assert_true(n <= 72);
        p += n + (p[n] == '\n');
    }
    lx_buf_free(&out);
    char path[512], args[700];
    tmp_path(path, sizeof path, "forced.txt.svg");
    snprintf(args, sizeof args, "draw llama-3.1-8b -f png -o '%s'", path);
    assert_int_equal(run(args, NULL, NULL), 0);
    assert_file_starts(path, "\x89PNG", 4);
}

static void test_implicit_draw_and_options(void **state)
{
    (void)state;
    char path[512], args[700];
    tmp_path(path, sizeof path, "implicit.svg");
    snprintf(args, sizeof args, "llama-3.1-8b -o '%s' --theme dark", path);
    assert_int_equal(run(args, NULL, NULL), 0);
    lx_buf b;
    lx_buf_init(&b);
    assert_true(lx_test_read_file(path, &b));
    assert_non_null(strstr(b.data, "fill=\"#17191E\""));
    lx_buf_free(&b);
    tmp_path(path, sizeof path, "scaled.png");
    snprintf(args, sizeof args, "draw %s/models/stories260K.gguf --scale 0.5 -o '%s'", LX_SHARED_DIR, path);
    assert_int_equal(run(args, NULL, NULL), 0);
    assert_file_starts(path, "\x89PNG", 4);
}

static void expect_error(const char *args, int code, const char *msg)
{
    lx_buf out, err;
    lx_buf_init(&out);
    lx_buf_init(&err);
    int rc = run(args, &out, &err);
    if (rc != code || !strstr(lx_buf_cstr(&err), msg)) fprintf(stderr, "%s -> %d: %s", args, rc, lx_buf_cstr(&err));
    assert_int_equal(rc, code);
    assert_non_null(strstr(lx_buf_cstr(&err), msg));
    assert_memory_equal(err.data, "llmxray: ", 9);
    assert_int_equal(out.len, 0);
    lx_buf_free(&out);
    lx_buf_free(&err);
}

static void test_usage_errors(void **state)
{
    (void)state;
    expect_error("draw", 2, "llmxray: draw: no model given");
    expect_error("draw llama-3.1-8b --bogus", 2, "draw: unknown option '--bogus'");
    expect_error("draw llama-3.1-8b -o x.jpeg", 2, "draw: cannot tell the format of 'x.jpeg'");
    expect_error("draw llama-3.1-8b -f gif -o x.svg", 2, "draw: unknown format 'gif'");
    expect_error("draw llama-3.1-8b --theme blue", 2, "draw: --theme is light or dark (got 'blue')");
    expect_error("draw llama-3.1-8b --scale 100 -o x.png", 2, "draw: --scale needs a number from 0.25 to 8 (got '100')");
    expect_error("draw llama-3.1-8b --width 20", 2, "draw: --width needs a number from 60 to 1000 (got '20')");
    expect_error("draw llama-3.1-8b -o", 2, "draw: -o needs a value");
    expect_error("draw a b", 2, "draw: more than one model given ('a' and 'b')");
}

static void test_model_and_io_errors(void **state)
{
    (void)state;
    char args[1200], path[512];
    expect_error("draw no-such-model-anywhere", 3, "no catalogue model has that name");
    tmp_path(path, sizeof path, "missing.gguf");
    snprintf(args, sizeof args, "draw '%s' -o x.svg", path);
    expect_error(args, 3, "missing.gguf");
    /* a file that is not a model: exit 1 */
    tmp_path(path, sizeof path, "garbage.gguf");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("this is not a GGUF file at all, just text that is long enough to be read", f);
    fclose(f);
    snprintf(args, sizeof args, "draw '%s' -o '%s/out-garbage.svg'", path, LX_TMP_DIR);
    expect_error(args, 1, "garbage.gguf");
    snprintf(args, sizeof args, "draw llama-3.1-8b -o '%s/no/such/dir/x.svg'", LX_TMP_DIR);
    expect_error(args, 3, "cannot create output file");
}

/* A failed run leaves an existing output file exactly as it was. */
/* A model drawn generically (an unknown family) says so on the picture, not only in `info`. */
static void test_warnings_shown_under_the_title(void **state)
{
    (void)state;
    char path[512], args[1200];
    tmp_path(path, sizeof path, "mystery-config.json");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("{\"model_type\":\"mystery\",\"hidden_size\":64,\"num_hidden_layers\":2,\"num_attention_heads\":4,"
          "\"intermediate_size\":128,\"vocab_size\":256}", f);
    fclose(f);
    lx_buf out;
    lx_buf_init(&out);
    snprintf(args, sizeof args, "draw '%s' -f txt -o - --width 200", path);
    assert_int_equal(run(args, &out, NULL), 0);
    assert_non_null(strstr(lx_buf_cstr(&out), "Warning: family 'mystery' is not one llmxray knows"));
    lx_buf_free(&out);
    assert_int_equal(run("draw llama-3.1-8b -f txt -o -", &out, NULL), 0);
    assert_null(strstr(lx_buf_cstr(&out), "Warning:"));
    lx_buf_free(&out);
}

/* Step 3.5 Flash: its head-wise gate (attn_gate rows = the layer's 64 heads) and its 3 MTP
 * modules, as drawn. */
static void test_step35_gate_and_mtp_text(void **state)
{
    (void)state;
    lx_buf out;
    lx_buf_init(&out);
    assert_int_equal(run("draw step-3.5-flash -f txt -o - --width 200", &out, NULL), 0);
    const char *t = lx_buf_cstr(&out);
    assert_non_null(strstr(t, "W_g: 4,096 → 64, one gate value per head, in 45 layers"));
    assert_non_null(strstr(t, "196,956,130,368 without the MTP modules"));
    assert_non_null(strstr(t, "predict 3 more tokens, one each"));
    lx_buf_free(&out);
    assert_int_equal(run("draw qwen3-next-80b-a3b -f txt -o - --width 200", &out, NULL), 0);
    assert_non_null(strstr(lx_buf_cstr(&out), "W_g: 2,048 → 4,096, one gate value per head channel"));
    lx_buf_free(&out);
}

static void test_failed_run_keeps_existing_file(void **state)
{
    (void)state;
    char path[512], args[1200], bad[512];
    tmp_path(path, sizeof path, "keep.svg");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("previous content", f);
    fclose(f);
    tmp_path(bad, sizeof bad, "garbage2.gguf");
    f = fopen(bad, "wb");
    assert_non_null(f);
    fputs("GGUF\x03", f);
    fclose(f);
    snprintf(args, sizeof args, "draw '%s' -o '%s'", bad, path);
    lx_buf err;
    lx_buf_init(&err);
    assert_int_equal(run(args, NULL, &err), 1);
    lx_buf b;
    lx_buf_init(&b);
    assert_true(lx_test_read_file(path, &b));
    assert_string_equal(lx_buf_cstr(&b), "previous content");
    lx_buf_free(&b);
    lx_buf_free(&err);
}

int main(void)
{
    lx_test_draw_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_formats_by_extension),
        cmocka_unit_test(test_format_flag_and_stdout),
        cmocka_unit_test(test_implicit_draw_and_options),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_model_and_io_errors),
        cmocka_unit_test(test_warnings_shown_under_the_title),
        cmocka_unit_test(test_step35_gate_and_mtp_text),
        cmocka_unit_test(test_failed_run_keeps_existing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
