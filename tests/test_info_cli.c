/* Tests `llmxray info` as a user runs it: exit codes, the one-line error format, the JSON
 * contract of docs/json.md on the real stories260K model and on config-only input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "draw_support.h"

typedef struct run_result {
    int code;
    lx_buf out, err;
} run_result;

/* Runs llmxray with a shell-quoted argument string; captures stdout, stderr and the exit code. */
static void run(const char *args, run_result *r)
{
    lx_buf_free(&r->out);
    lx_buf_free(&r->err);
    r->code = lx_test_cli(LX_BINARY, LX_TMP_DIR, "info_cli.stderr", args, &r->out, &r->err);
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

static json_t *run_json(const char *model)
{
    static run_result r;
    char args[1024];
    snprintf(args, sizeof args, "info --json '%s'", model);
    run(args, &r);
    assert_int_equal(r.code, 0);
    assert_string_equal(lx_buf_cstr(&r.err), "");
    json_error_t e;
    json_t *j = json_loads(lx_buf_cstr(&r.out), 0, &e);
    if (!j) fail_msg("invalid JSON at %d:%d: %s", e.line, e.column, e.text);
    return j;
}

static json_int_t geti(json_t *o, const char *path)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *cur = o;
    for (char *tok = strtok(buf, "."); tok; tok = strtok(NULL, ".")) {
        cur = json_object_get(cur, tok);
        if (!cur) fail_msg("missing key %s", path);
    }
    if (!json_is_integer(cur)) fail_msg("%s is not an integer", path);
    return json_integer_value(cur);
}

static const char *gets_(json_t *o, const char *k1, const char *k2)
{
    json_t *v = json_object_get(o, k1);
    if (k2) v = json_object_get(v, k2);
    if (!json_is_string(v)) fail_msg("%s.%s is not a string", k1, k2 ? k2 : "");
    return json_string_value(v);
}

static void test_json_stories260k(void **state)
{
    (void)state;
    json_t *j = run_json(LX_SHARED_DIR "/models/stories260K.gguf");
    assert_string_equal(gets_(j, "family", NULL), "llama");
    assert_string_equal(gets_(j, "format", NULL), "gguf");
    assert_int_equal(geti(j, "n_layers"), 5);
    assert_int_equal(geti(j, "d_model"), 64);
    assert_int_equal(geti(j, "n_heads"), 8);
    assert_int_equal(geti(j, "n_kv_heads"), 4);
    assert_int_equal(geti(j, "head_dim"), 8);
    assert_int_equal(geti(j, "d_ff"), 172);
    assert_int_equal(geti(j, "vocab_size"), 512);
    assert_true(json_is_false(json_object_get(j, "tied_embeddings")));
    assert_string_equal(gets_(j, "attention", "kind"), "GQA");
    assert_true(json_is_null(json_object_get(json_object_get(j, "attention"), "sliding_window")));
    assert_true(json_is_false(json_object_get(json_object_get(j, "attention"), "qk_norm")));
    assert_string_equal(gets_(j, "position", "kind"), "rope");
    assert_true(json_is_number(json_object_get(json_object_get(j, "position"), "rope_theta")));
    assert_string_equal(gets_(j, "norm", "kind"), "rmsnorm");
    assert_string_equal(gets_(j, "norm", "placement"), "pre");
    assert_string_equal(gets_(j, "ffn", "kind"), "glu");
    assert_string_equal(gets_(j, "ffn", "activation"), "silu");
    assert_true(json_is_null(json_object_get(json_object_get(j, "ffn"), "n_experts")));
    json_t *groups = json_object_get(j, "layer_groups");
    assert_int_equal(json_array_size(groups), 1);
    assert_int_equal(geti(json_array_get(groups, 0), "first"), 0);
    assert_int_equal(geti(json_array_get(groups, 0), "last"), 4);
    assert_int_equal(geti(j, "params.total"), 292800);
    assert_int_equal(geti(j, "params.active"), 292800);
    json_int_t sum = 0;
    const char *k;
    json_t *v;
    json_object_foreach(json_object_get(json_object_get(j, "params"), "by_component"), k, v) sum += json_integer_value(v);
    assert_int_equal(sum, 292800);
    assert_int_equal(geti(j, "params.by_component.embedding"), 32768);
    assert_int_equal(geti(j, "params.by_component.output"), 32768);
    assert_int_equal(geti(j, "params.by_component.norm"), 704);
    assert_int_equal(geti(j, "bytes.total"), 1171200);
    assert_int_equal(geti(j, "bytes.by_type.F32"), 1171200);
    assert_int_equal(geti(j, "bytes.file_size"), 1185376);
    assert_true(json_is_array(json_object_get(j, "warnings")));
    json_decref(j);
}

static void test_json_config_moe(void **state)
{
    (void)state;
    json_t *j = run_json(LX_SHARED_DIR "/configs/Mixtral-8x7B-v0.1/config.json");
    assert_string_equal(gets_(j, "format", NULL), "config");
    assert_string_equal(gets_(j, "ffn", "kind"), "moe");
    assert_int_equal(geti(j, "ffn.n_experts"), 8);
    assert_int_equal(geti(j, "ffn.n_experts_used"), 2);
    assert_int_equal(geti(j, "ffn.d_expert"), 14336);
    assert_int_equal(geti(j, "params.total"), 46702792704LL);
    assert_int_equal(geti(j, "params.active"), 12879925248LL);
    assert_int_equal(geti(j, "params.by_component.ffn"), 45097156608LL + 32LL * 8 * 4096);
    json_decref(j);
}

static void test_text_summary(void **state)
{
    (void)state;
    static run_result r;
    run("info llama-3.1-8b", &r);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(lx_buf_cstr(&r.out), "8,030,261,248 parameters"));
    assert_non_null(strstr(lx_buf_cstr(&r.out), "grouped-query (GQA) · 32 query heads share 8 KV heads"));
    assert_non_null(strstr(lx_buf_cstr(&r.out), "RoPE · theta 500,000"));
    assert_non_null(strstr(lx_buf_cstr(&r.out), "layers   0-31   32 x"));
    assert_non_null(strstr(lx_buf_cstr(&r.out), "Feed-forward                 5,637,144,576"));
    assert_non_null(strstr(lx_buf_cstr(&r.out), "131,072 bytes (128.0 KiB) per token"));
}

static void test_exit_codes_and_messages(void **state)
{
    (void)state;
    static run_result r;
    run("info /nonexistent/x.gguf", &r);
    assert_int_equal(r.code, 3);
    assert_int_equal(count_lines(lx_buf_cstr(&r.err)), 1);
    assert_non_null(strstr(lx_buf_cstr(&r.err), "llmxray: /nonexistent/x.gguf: cannot open"));
    assert_string_equal(lx_buf_cstr(&r.out), "");

    run("info", &r);
    assert_int_equal(r.code, 2);
    run("info --bogus llama-3.1-8b", &r);
    assert_int_equal(r.code, 2);
    assert_non_null(strstr(lx_buf_cstr(&r.err), "unknown option '--bogus'"));
    run("frobnicate --x", &r);
    assert_int_equal(r.code, 2);

    /* a file that is not a model: exit 1, one line naming the file and what was expected */
    run("info " LX_SOURCE_DIR "/README.md", &r);
    assert_int_equal(r.code, 1);
    assert_int_equal(count_lines(lx_buf_cstr(&r.err)), 1);
    assert_non_null(strstr(lx_buf_cstr(&r.err), "README.md"));
    assert_non_null(strstr(lx_buf_cstr(&r.err), "expected"));
    assert_string_equal(lx_buf_cstr(&r.out), "");
}

static void test_truncated_gguf_is_model_error(void **state)
{
    (void)state;
    char buf[4096];
    FILE *in = fopen(LX_SHARED_DIR "/models/stories260K.gguf", "rb");
    assert_non_null(in);
    size_t n = fread(buf, 1, 200, in); /* cut inside the metadata */
    fclose(in);
    FILE *out = fopen(LX_TMP_DIR "/truncated.gguf", "wb");
    fwrite(buf, 1, n, out);
    fclose(out);
    static run_result r;
    run("info " LX_TMP_DIR "/truncated.gguf", &r);
    assert_int_equal(r.code, 1);
    assert_int_equal(count_lines(lx_buf_cstr(&r.err)), 1);
    assert_non_null(strstr(lx_buf_cstr(&r.err), "llmxray: " LX_TMP_DIR "/truncated.gguf: offset "));
}

/* `info` opens no drawing library (layout/gfx_dl opens pango and cairo on first use): the
 * dynamic loader's own trace of a run lists none of them, while a drawing run does load them
 * (so the trace is real). */
static void test_info_loads_no_drawing_library(void **state)
{
    (void)state;
    static const char *const RUNS[] = {"info", "draw"};
    lx_buf trace[2] = {{0}, {0}};
    for (int k = 0; k < 2; k++) {
        char cmd[2048], file[600];
        snprintf(file, sizeof file, "%s/loads-%s.trace", LX_TMP_DIR, RUNS[k]);
        snprintf(cmd, sizeof cmd, "LD_DEBUG=files LD_DEBUG_OUTPUT='%s' '%s' %s '%s/models/stories260K.gguf' %s >/dev/null",
                 file, LX_BINARY, RUNS[k], LX_SHARED_DIR, k ? "-o " LX_TMP_DIR "/loads.svg" : "");
        assert_int_equal(lx_test_run(cmd, NULL), 0);
        /* the loader appends ".PID" to LD_DEBUG_OUTPUT */
        snprintf(cmd, sizeof cmd, "cat '%s'.* && rm -f '%s'.*", file, file);
        assert_int_equal(lx_test_run(cmd, &trace[k]), 0);
    }
    const char *info = lx_buf_cstr(&trace[0]), *draw = lx_buf_cstr(&trace[1]);
    assert_non_null(strstr(info, "libjansson"));
    assert_null(strstr(info, "libpango"));
    assert_null(strstr(info, "libcairo"));
    assert_null(strstr(info, "libfontconfig"));
    assert_non_null(strstr(draw, "libpangocairo-1.0.so.0"));
    lx_buf_free(&trace[0]);
    lx_buf_free(&trace[1]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_stories260k),
        cmocka_unit_test(test_json_config_moe),
        cmocka_unit_test(test_text_summary),
        cmocka_unit_test(test_exit_codes_and_messages),
        cmocka_unit_test(test_truncated_gguf_is_model_error),
        cmocka_unit_test(test_info_loads_no_drawing_library),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
