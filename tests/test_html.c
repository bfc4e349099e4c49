/* tests/test_html — the interactive HTML page (render/html) and the gallery (cli/cmd_gallery).
 *
 * Without a browser: the page is one file whose Content-Security-Policy names the SHA-256 of
 * the one script and the one style sheet it holds (computed here independently from the
 * sources in src/render/html/), whose data block is valid JSON that no model string can
 * close, and which names no external resource.
 *
 * In a browser (test_pages_in_chromium): the pages are written into LX_TMP_DIR/browser and
 * tests/browser/check.mjs opens them in Debian's chromium through playwright-core (both
 * installed by scripts/install-deps.sh): zoom, pan, Fit, folding, hover tables with exact
 * counts, heatmap read-outs against `inside --json`, search, themes, no request, a clean
 * console, a hostile model that runs nothing, the gallery's sorting and links. Skipped, with
 * the reason, only when node, chromium or playwright-core is missing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw_support.h"
#include "hostile.h"
#include "util/buf.h"

#define DIR LX_TMP_DIR "/browser"
#define HOSTILE DIR "/hostile.gguf"

/* Markup and script in every string a page shows: the name, the architecture's tensor names. */
#define EVIL_NAME "</script><script>window.__pwned=1;alert(1)</script><img src=x onerror=\"window.__pwned=2\">" \
                  "<!--<script> \xe2\x80\xa8\xe2\x80\xa9 ]]> &amp; {{x}}"
#define EVIL_TENSOR "</script><svg onload=__pwned=3>.weight"

static int setup(void **state)
{
    (void)state;
    return lx_hx_mkdirs(DIR) && lx_hx_write_tiny_llama(HOSTILE, "llama", EVIL_NAME, EVIL_TENSOR, NULL, 0) ? 0 : -1;
}

/* Runs llmxray with args; fails unless it exits 0. */
static void cli_ok(const char *args)
{
    lx_buf err;
    lx_buf_init(&err);
    int rc = lx_test_cli(LX_BINARY, LX_TMP_DIR, "test_html.err", args, NULL, &err);
    if (rc != 0) fail_msg("llmxray %s: exit %d: %s", args, rc, lx_buf_cstr(&err));
    lx_buf_free(&err);
}

static char *read_all(const char *path)
{
    lx_buf b;
    lx_buf_init(&b);
    if (!lx_test_read_file(path, &b)) fail_msg("cannot read %s", path);
    char *s = strdup(lx_buf_cstr(&b));
    lx_buf_free(&b);
    return s;
}

static size_t count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* 'sha256-...' of a source file, computed by openssl and base64 (not by the product). */
static void csp_hash(const char *file, char *out, size_t cap)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "openssl dgst -sha256 -binary '%s/src/render/html/%s' | base64", LX_SOURCE_DIR, file);
    lx_buf b;
    lx_buf_init(&b);
    assert_int_equal(lx_test_run(cmd, &b), 0);
    const char *h = lx_buf_cstr(&b);
    size_t n = strcspn(h, "\n");
    assert_int_equal(n, 44);
    snprintf(out, cap, "'sha256-%.*s'", (int)n, h);
    lx_buf_free(&b);
}

/* The data block: between its start tag and the next "</script". */
static json_t *data_block(const char *html, const char *id)
{
    char tag[96];
    snprintf(tag, sizeof tag, "<script type=\"application/json\" id=\"%s\">", id);
    const char *p = strstr(html, tag);
    assert_non_null(p);
    p += strlen(tag);
    const char *end = strstr(p, "</script");
    assert_non_null(end);
    json_error_t e;
    json_t *j = json_loadb(p, (size_t)(end - p), 0, &e);
    if (!j) fail_msg("data block is not JSON: %s at %d", e.text, e.position);
    return j;
}

static void test_page_csp_and_self_contained(void **state)
{
    (void)state;
    cli_ok("draw llama-3.1-8b -o '" DIR "/llama.html'");
    char *html = read_all(DIR "/llama.html");
    char js[64], css[64], policy[512];
    csp_hash("page.js", js, sizeof js);
    csp_hash("page.css", css, sizeof css);
    snprintf(policy, sizeof policy, "content=\"default-src 'none'; script-src %s; style-src %s; img-src 'none';", js, css);
    if (!strstr(html, policy)) fail_msg("no CSP %s", policy);
    assert_int_equal(count(html, "<script"), 2);  /* the data block and our script */
    assert_int_equal(count(html, "<style"), 1);
    assert_null(strstr(html, " src="));
    assert_null(strstr(html, " href="));
    assert_null(strstr(html, "url(http"));
    assert_null(strstr(html, " style=\""));
    assert_non_null(strstr(html, "<svg id=\"lx-diagram\" xmlns=\"http://www.w3.org/2000/svg\""));
    json_t *d = data_block(html, "lx-data");
    assert_string_equal(json_string_value(json_object_get(d, "title")), "Llama 3.1 8B");
    /* 32 layers of Q: one row [name, shape, type, tensors, params of one, bytes of all, layers] */
    json_t *t = json_object_get(d, "t");
    bool found = false;
    for (size_t i = 0; i < json_array_size(t); i++) {
        json_t *r = json_array_get(t, i);
        if (strcmp(json_string_value(json_array_get(r, 0)), "blk.{L}.attn_q.weight")) continue;
        assert_string_equal(json_string_value(json_array_get(r, 1)), "4096 \xc3\x97 4096");
        assert_string_equal(json_string_value(json_array_get(r, 2)), "BF16");
        assert_int_equal(json_integer_value(json_array_get(r, 3)), 32);
        assert_int_equal(json_integer_value(json_array_get(r, 4)), 16777216);
        assert_int_equal(json_integer_value(json_array_get(r, 5)), 32ull * 16777216 * 2);
        assert_string_equal(json_string_value(json_array_get(r, 6)), "0\xe2\x80\x93" "31");
        found = true;
    }
    assert_true(found);
    /* rows of the whole model: 9 per layer kind (q k v o, 2 norms, gate up down) + embedding,
     * final norm, output = 12 rows for 291 tensors */
    assert_int_equal(json_array_size(t), 12);
    assert_int_equal(json_array_size(json_object_get(json_object_get(d, "boxes"), "block0.attn")), 4);
    json_decref(d);
    free(html);
}

/* The names of the tensor rows behind box id, joined by spaces. */
static void box_rows(const char *model, const char *id, char *out, size_t cap)
{
    char args[1200], path[512];
    snprintf(path, sizeof path, "%s/%s.html", DIR, model);
    snprintf(args, sizeof args, "draw %s -o '%s'", model, path);
    cli_ok(args);
    char *html = read_all(path);
    json_t *d = data_block(html, "lx-data"), *t = json_object_get(d, "t");
    json_t *rows = json_object_get(json_object_get(d, "boxes"), id);
    size_t n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < json_array_size(rows) && n < cap; i++) {
        json_t *r = json_array_get(t, (size_t)json_integer_value(json_array_get(rows, i)));
        n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? " " : "", json_string_value(json_array_get(r, 0)));
    }
    json_decref(d);
    free(html);
}

static void test_boxes_follow_norm_placement_and_tied_head(void **state)
{
    (void)state;
    char rows[512];
    box_rows("gemma-2-9b", "block0.attn_post_norm", rows, sizeof rows); /* sandwich norms */
    assert_string_equal(rows, "blk.{L}.post_attention_norm.weight");
    box_rows("gemma-2-9b", "block0.ffn_norm", rows, sizeof rows);
    assert_string_equal(rows, "blk.{L}.ffn_norm.weight");
    box_rows("llama-3.1-8b", "block0.ffn_norm", rows, sizeof rows); /* pre-norm */
    assert_string_equal(rows, "blk.{L}.ffn_norm.weight");
    box_rows("gpt2", "spine.output", rows, sizeof rows); /* tied: the output layer is the embedding */
    assert_string_equal(rows, "token_embd.weight");
    box_rows("deepseek-v3", "inset.moe.router", rows, sizeof rows);
    assert_string_equal(rows, "blk.{L}.ffn_gate_inp.weight blk.{L}.exp_probs_b.bias");
}

static void test_hostile_page_is_inert(void **state)
{
    (void)state;
    cli_ok("draw '" HOSTILE "' -o '" DIR "/hostile.html'");
    char *html = read_all(DIR "/hostile.html");
    /* only our two script elements open and close; the strings are escaped in the data */
    assert_int_equal(count(html, "<script"), 2);
    assert_int_equal(count(html, "</script"), 2);
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "<svg onload"));
    /* the line separators are harmless in HTML text, but not in the data block */
    const char *data = strstr(html, "id=\"lx-data\">");
    assert_non_null(data);
    assert_true(strstr(data, "\xe2\x80\xa8") == NULL || strstr(data, "\xe2\x80\xa8") > strstr(data, "</script"));
    assert_non_null(strstr(data, "\\u2028\\u2029"));
    assert_non_null(strstr(html, "\\u003c/script\\u003e\\u003cscript\\u003ewindow.__pwned=1"));
    json_t *d = data_block(html, "lx-data");
    assert_string_equal(json_string_value(json_object_get(d, "title")), EVIL_NAME);
    json_decref(d);
    free(html);
}

static void test_poster_page_carries_the_run(void **state)
{
    (void)state;
    cli_ok("inside '" LX_SHARED_DIR "/models/stories260K.gguf' --prompt 'Once upon a time' -o '" DIR "/inside.html'");
    char *html = read_all(DIR "/inside.html");
    json_t *d = data_block(html, "lx-data");
    assert_string_equal(json_string_value(json_object_get(d, "kind")), "poster");
    json_t *h = json_object_get(json_object_get(d, "heat"), "attn.l1.h2.q4");
    assert_non_null(h);
    assert_int_equal(json_integer_value(json_object_get(h, "q")), 4);
    assert_int_equal(json_integer_value(json_object_get(h, "c")), 5);
    assert_int_equal(json_array_size(json_object_get(h, "v")), 5);
    assert_int_equal(json_array_size(json_object_get(h, "cl")), 5);
    json_decref(d);
    free(html);
}

/* Runs llmxray with args; returns the exit code, stderr into err (caller frees). */
static int cli_rc(const char *args, lx_buf *err)
{
    lx_buf_init(err);
    return lx_test_cli(LX_BINARY, LX_TMP_DIR, "test_html.err", args, NULL, err);
}

static bool exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f) fclose(f);
    return f != NULL;
}

static void test_gallery_writes_pages_and_index(void **state)
{
    (void)state;
    lx_test_run("rm -rf '" DIR "/g1'", NULL);
    /* the same file named twice gets two stems; a missing file is reported and left out */
    lx_buf err;
    int rc = cli_rc("gallery llama-3.1-8b mixtral-8x7b '" HOSTILE "' '" HOSTILE "' '" DIR "/missing.gguf' -j 2 -o '" DIR
                    "/g1'", &err);
    assert_int_equal(rc, 3);
    assert_int_equal(count(lx_buf_cstr(&err), "\n"), 1);
    assert_non_null(strstr(lx_buf_cstr(&err), "llmxray: " DIR "/missing.gguf"));
    lx_buf_free(&err);
    static const char *const files[] = {"llama-3.1-8b.svg", "llama-3.1-8b.html", "mixtral-8x7b.svg", "mixtral-8x7b.html",
                                        "hostile.html", "hostile-2.html", "index.html"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/g1/%s", DIR, files[i]);
        if (!exists(path)) fail_msg("gallery did not write %s", files[i]);
    }
    assert_false(exists(DIR "/g1/missing.html"));
    char *html = read_all(DIR "/g1/index.html");
    assert_non_null(strstr(html, "<td data-col=\"params\" data-sort=\"8030261248\" class=\"n\">8,030,261,248</td>"));
    assert_non_null(strstr(html, "<td data-col=\"active\" data-sort=\"12879925248\" class=\"n\">12,879,925,248</td>"));
    assert_non_null(strstr(html, "img-src 'self';"));
    json_t *d = data_block(html, "lx-facts");
    json_t *m = json_object_get(d, "models");
    assert_int_equal(json_array_size(m), 4);
    json_t *mix = json_array_get(m, 1);
    assert_string_equal(json_string_value(json_object_get(mix, "name")), "Mixtral 8x7B");
    assert_string_equal(json_string_value(json_object_get(mix, "ffn")), "MoE \xc2\xb7 8 \xc3\x97 14,336 \xc2\xb7 top 2");
    assert_int_equal(json_integer_value(json_object_get(mix, "kv")), 131072);
    assert_string_equal(json_string_value(json_object_get(mix, "date")), "2023");
    assert_string_equal(json_string_value(json_object_get(json_array_get(m, 2), "name")), EVIL_NAME);
    json_decref(d);
    free(html);
}

static void test_gallery_usage_errors(void **state)
{
    (void)state;
    static const struct { const char *args, *msg; int rc; } cases[] = {
        {"gallery llama-3.1-8b", "gallery: needs -o DIR", 2},
        {"gallery -o '" DIR "/g2'", "gallery: no model given", 2},
        {"gallery --all gpt2 -o '" DIR "/g2'", "gallery: --all or MODEL..., not both", 2},
        {"gallery gpt2 -j 0 -o '" DIR "/g2'", "--jobs", 2},
        {"gallery gpt2 -o '" HOSTILE "'", "gallery: cannot make the folder", 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        lx_buf err;
        int rc = cli_rc(cases[i].args, &err);
        if (rc != cases[i].rc || !strstr(lx_buf_cstr(&err), cases[i].msg) || count(lx_buf_cstr(&err), "\n") != 1)
            fail_msg("%s: exit %d, stderr %s", cases[i].args, rc, lx_buf_cstr(&err));
        lx_buf_free(&err);
    }
}

static void test_pages_in_chromium(void **state)
{
    (void)state;
    const char *chromium = getenv("CHROMIUM") ? getenv("CHROMIUM") : "/usr/bin/chromium";
    char probe[1024];
    snprintf(probe, sizeof probe, "command -v node >/dev/null && test -x '%s' && test -d '%s/tests/browser/node_modules/playwright-core'",
             chromium, LX_SOURCE_DIR);
    if (lx_test_run(probe, NULL) != 0) {
        print_message("test_browser: skipped: needs node, %s and tests/browser/node_modules/playwright-core "
                      "(scripts/install-deps.sh installs them)\n", chromium);
        skip();
    }
    cli_ok("draw llama-3.1-8b -o '" DIR "/llama.html'");
    cli_ok("info --json llama-3.1-8b > '" DIR "/llama.json'");
    cli_ok("inside '" LX_SHARED_DIR "/models/stories260K.gguf' --prompt 'Once upon a time' -o '" DIR "/inside.html'");
    cli_ok("inside '" LX_SHARED_DIR "/models/stories260K.gguf' --prompt 'Once upon a time' -o '" DIR "/inside.json'");
    cli_ok("draw '" HOSTILE "' -o '" DIR "/hostile.html'");
    cli_ok("draw llama-3.1-405b -o '" DIR "/big.html'");
    cli_ok("compare llama-2-7b llama-3.1-8b -o '" DIR "/compare.html'");
    lx_test_run("rm -rf '" DIR "/gallery'", NULL);
    cli_ok("gallery llama-3.1-8b gpt2 mixtral-8x7b '" HOSTILE "' -o '" DIR "/gallery'");
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "cd '%s/tests/browser' && CHROMIUM='%s' node check.mjs '%s' 2>&1", LX_SOURCE_DIR, chromium, DIR);
    lx_buf out;
    lx_buf_init(&out);
    int rc = lx_test_run(cmd, &out);
    for (const char *line = lx_buf_cstr(&out); *line;) { /* one line at a time: print_message's buffer is short */
        size_t len = strcspn(line, "\n");
        print_message("%.*s\n", (int)len, line);
        line += len + (line[len] == '\n');
    }
    if (rc != 0) fail_msg("browser checks failed (exit %d)", rc);
    lx_buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_page_csp_and_self_contained),
        cmocka_unit_test(test_boxes_follow_norm_placement_and_tied_head),
        cmocka_unit_test(test_hostile_page_is_inert),
        cmocka_unit_test(test_poster_page_carries_the_run),
        cmocka_unit_test(test_gallery_writes_pages_and_index),
        cmocka_unit_test(test_gallery_usage_errors),
        cmocka_unit_test(test_pages_in_chromium),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
