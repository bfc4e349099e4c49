/* Inert output (issue 5): strings from a model file — its name, URLs, description, a tensor
 * name, even its architecture and the file's own name — carrying markup and script, quotes
 * and ampersands, terminal escapes, bidirectional controls and invalid UTF-8, must reach no
 * output raw. Drawn to SVG (which must also be well-formed XML: xmllint --noout), drawn as a
 * text diagram, printed by `info` and `info --json`; and an error message naming a hostile
 * file name. Nothing raw means: no ESC or other C0 control but newline, no raw bidi control
 * (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), valid UTF-8 throughout; in SVG
 * also no "<script" and no link other than plain http(s). The hostile text must still be
 * visible, escaped. In terminal text and JSON, markup is not active, so "<script>" there is
 * the model's name shown faithfully (and asserted to be).
 *
 * Config folders too: a config's title comes from its folder's name (or a hub cache's
 * repository), escaped like the rest, cut at a character boundary, never the commit of a
 * cache folder without "--NAME"; a quantization method's text likewise.
 *
 * Also: a failed `draw` leaves an existing output file untouched and no temporary file
 * behind, and creates no file when there was none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "draw_support.h"
#include "fixture_gguf.h"
#include "hostile.h"

#define HX_DIR LX_TMP_DIR "/hostile_output"
#define MODEL HX_DIR "/hostile_name.gguf"
#define ARCH_MODEL HX_DIR "/hostile_arch.gguf"
#define EVIL_FILE HX_DIR "/evil\x1b[2J\xe2\x80\xae.gguf"

/* Every hostile ingredient at once. */
#define EVIL "<script>alert(1)</script> & \"q\" 'a' \x1b[2J\x1b]0;pwn\x07 \xe2\x80\xae" "dlrow \xe2\x81\xa6x\xe2\x81\xa9 \xff\xfe\xc0\xaf end"
#define EVIL_TENSOR "<script>\x1b[31m\xe2\x80\xae.weight" /* 27 bytes: a legal tensor name */


/* ------------------------------------------------------------------ the hostile model */

/* A one-layer Llama (width 32, 4 heads, FFN 64, vocabulary 16) with hostile strings. */
static bool write_model(const char *path, const char *arch)
{
    static const char *const kv[][2] = {{"general.url", "javascript:alert(1)//\x1b[2J"},
                                        {"general.source.url", "https://example.com/\"><script>alert(1)</script>"},
                                        {"general.description", EVIL}};
    return lx_hx_write_tiny_llama(path, arch, EVIL, EVIL_TENSOR, kv, sizeof kv / sizeof kv[0]);
}

static int setup(void **state)
{
    (void)state;
    if (!lx_hx_mkdirs(HX_DIR) || !write_model(MODEL, "llama") ||
        !write_model(ARCH_MODEL, "<b>llama</b>\x1b[2J\xe2\x80\xae") || !write_model(EVIL_FILE, "llama"))
        return -1;
    return 0;
}

/* ------------------------------------------------------------------ what "inert" means */

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t k = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (!k || k > n) return 0;
    uint32_t c = s[0] & (0x7F >> k);
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    static const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
    return c < min[k] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) ? 0 : k;
}

static bool is_bidi(uint32_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
}

static uint32_t decode(const unsigned char *s, size_t k)
{
    uint32_t c = k == 1 ? s[0] : s[0] & (0x7F >> k);
    for (size_t i = 1; i < k; i++) c = (c << 6) | (s[i] & 0x3F);
    return c;
}

/* Fails unless out (n bytes) is valid UTF-8 without controls (but \n) or bidi controls, and,
 * when markup, without "<script" (any case). */
static void expect_inert(const char *out, size_t n, const char *what, bool markup)
{
    const unsigned char *s = (const unsigned char *)out;
    for (size_t i = 0; i < n;) {
        size_t k = utf8_len(s + i, n - i);
        if (!k) fail_msg("%s: invalid UTF-8 at byte %zu (0x%02X)", what, i, s[i]);
        uint32_t c = decode(s + i, k);
        if ((c < 0x20 && c != '\n') || c == 0x7F || (c >= 0x80 && c < 0xA0))
            fail_msg("%s: control character U+%04X at byte %zu", what, (unsigned)c, i);
        if (is_bidi(c)) fail_msg("%s: raw bidi control U+%04X at byte %zu", what, (unsigned)c, i);
        if (markup && c == '<' && strncasecmp(out + i, "<script", 7) == 0) fail_msg("%s: raw \"<script\" at byte %zu", what, i);
        i += k;
    }
}

static void expect_contains(const char *out, const char *needle, const char *what)
{
    if (!strstr(out, needle)) fail_msg("%s lacks \"%s\"", what, needle);
}

/* Runs argv (NULL-terminated); asserts exit code `code` and returns stdout (caller frees). */
static char *run_ok(const char *const *argv, int code, size_t *len)
{
    lx_hx_run r;
    assert_true(lx_hx_exec(argv, 0, LX_HX_TIMEOUT_S, &r));
    if (r.code != code) fail_msg("%s %s: exit %d (expected %d), signal %d; stderr: %s", argv[1], argv[2], r.code, code,
                                 r.signal, r.err);
    expect_inert(r.err, r.err_len, "stderr", false);
    char *out = r.out;
    *len = r.out_len;
    r.out = NULL;
    lx_hx_run_free(&r);
    return out;
}

/* ------------------------------------------------------------------ info */

static void test_info_text_is_inert(void **state)
{
    (void)state;
    const char *models[] = { MODEL, ARCH_MODEL, EVIL_FILE };
    for (int i = 0; i < 3; i++) {
        const char *argv[] = { LX_BINARY, "info", models[i], NULL };
        size_t n;
        char *out = run_ok(argv, 0, &n);
        expect_inert(out, n, "info", false);
        if (i < 2) expect_contains(out, "<script>alert(1)</script> & \"q\"", "info");
        expect_contains(out, "\\x1B[2J", "info"); /* escaped, still visible */
        expect_contains(out, "[U+202E]", "info");
        free(out);
    }
}

static void test_info_json_is_inert_and_valid(void **state)
{
    (void)state;
    const char *argv[] = { LX_BINARY, "info", "--json", MODEL, NULL };
    size_t n;
    char *out = run_ok(argv, 0, &n);
    expect_inert(out, n, "info --json", false);
    json_error_t je;
    json_t *root = json_loadb(out, n, JSON_REJECT_DUPLICATES, &je);
    if (!root) fail_msg("info --json is not JSON: line %d:%d: %s", je.line, je.column, je.text);
    json_decref(root);
    expect_contains(out, "\\u202e", "info --json");
    expect_contains(out, "<script>alert(1)</script> & \\\"q\\\"", "info --json");
    free(out);
}

/* ------------------------------------------------------------------ draw */

static void expect_xml(const char *path)
{
    const char *argv[] = { "/usr/bin/xmllint", "--noout", path, NULL };
    lx_hx_run r;
    assert_true(lx_hx_exec(argv, 0, LX_HX_TIMEOUT_S, &r));
    int code = r.code;
    if (code != 0) print_error("xmllint: %s\n", r.err);
    lx_hx_run_free(&r);
    assert_int_equal(code, 0);
}

/* Every href / xlink:href / url( in the SVG points to plain http(s) or a local #fragment. */
static void expect_safe_links(const char *svg)
{
    static const char *const attrs[] = { "href=\"", "url(" };
    for (int a = 0; a < 2; a++)
        for (const char *p = strstr(svg, attrs[a]); p; p = strstr(p + 1, attrs[a])) {
            const char *v = p + strlen(attrs[a]);
            if (strncmp(v, "http://", 7) && strncmp(v, "https://", 8) && v[0] != '#')
                fail_msg("SVG link to \"%.40s\"", v);
        }
    for (const char *p = svg; (p = strchr(p, ':')); p++)
        if (p - svg >= 10 && strncasecmp(p - 10, "javascript", 10) == 0) fail_msg("SVG holds \"javascript:\"");
}

static void draw_svg(const char *model, const char *svg)
{
    const char *argv[] = { LX_BINARY, "draw", model, "-o", svg, NULL };
    size_t n;
    free(run_ok(argv, 0, &n));
    assert_int_equal(n, 0);
    size_t len;
    char *text = lx_hx_slurp(svg, &len);
    assert_non_null(text);
    expect_xml(svg);
    expect_inert(text, len, svg, true);
    expect_safe_links(text);
    expect_contains(text, "&lt;script&gt;", svg);
    expect_contains(text, "[U+202E]", svg);
    free(text);
}

static void test_svg_is_inert_and_well_formed(void **state)
{
    (void)state;
    draw_svg(MODEL, HX_DIR "/name.svg");
    draw_svg(ARCH_MODEL, HX_DIR "/arch.svg");
    draw_svg(EVIL_FILE, HX_DIR "/file.svg");
}

static void test_text_diagram_is_inert(void **state)
{
    (void)state;
    const char *models[] = { MODEL, ARCH_MODEL, EVIL_FILE };
    for (int i = 0; i < 3; i++) {
        const char *argv[] = { LX_BINARY, "draw", models[i], "-f", "txt", "-o", "-", NULL };
        size_t n;
        char *out = run_ok(argv, 0, &n);
        expect_inert(out, n, "draw -f txt", false);
        expect_contains(out, "[U+202E]", "draw -f txt");
        free(out);
    }
}

/* Mermaid and DOT: the hostile strings stay inside their labels, escaped for each syntax,
 * and the real parsers accept the files (Graphviz always; Mermaid when node and the npm
 * package are installed); Mermaid labels may be HTML, so there "<" must not appear raw (in
 * DOT's quoted labels and JSON strings markup is not active); Graphviz's SVG holds no live
 * markup. The scene as JSON is valid
 * JSON with the name escaped. */
static char *draw_to(const char *model, const char *fmt, const char *path, size_t *len, bool markup)
{
    const char *argv[] = { LX_BINARY, "draw", model, "-f", fmt, "-o", path, NULL };
    size_t n;
    free(run_ok(argv, 0, &n));
    char *text = lx_hx_slurp(path, len);
    assert_non_null(text);
    expect_inert(text, *len, path, markup);
    return text;
}

static void test_flowcharts_and_scene_json_are_inert(void **state)
{
    (void)state;
    const char *models[] = { MODEL, ARCH_MODEL, EVIL_FILE };
    char files[1024] = "";
    for (int i = 0; i < 3; i++) {
        char mmd[256], dot[256], svg[256], js[256];
        snprintf(mmd, sizeof mmd, HX_DIR "/flow%d.mmd", i);
        snprintf(dot, sizeof dot, HX_DIR "/flow%d.dot", i);
        snprintf(svg, sizeof svg, HX_DIR "/flow%d.svg", i);
        snprintf(js, sizeof js, HX_DIR "/scene%d.json", i);
        size_t n;
        char *m = draw_to(models[i], "mermaid", mmd, &n, true);
        if (i == 0) expect_contains(m, "#lt;script#gt;alert(1)#lt;/script#gt; #amp; #quot;q#quot;", mmd);
        expect_contains(m, "[U+202E]", mmd);
        free(m);
        char *d = draw_to(models[i], "dot", dot, &n, false);
        if (i == 0) expect_contains(d, "<script>alert(1)</script> &amp; \\\"q\\\"", dot);
        free(d);
        lx_buf msg;
        lx_buf_init(&msg);
        int rc = lx_test_dot_svg(dot, svg, &msg);
        if (rc != 0) fail_msg("dot rejects %s: %s", dot, lx_buf_cstr(&msg));
        lx_buf_free(&msg);
        char *g = lx_hx_slurp(svg, &n);
        assert_non_null(g);
        expect_inert(g, n, svg, true);
        if (i == 0) expect_contains(g, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;", svg);
        free(g);
        char *j = draw_to(models[i], "json", js, &n, false);
        json_error_t je;
        json_t *root = json_loadb(j, n, JSON_REJECT_DUPLICATES, &je);
        if (!root) fail_msg("%s is not JSON: line %d:%d: %s", js, je.line, je.column, je.text);
        json_decref(root);
        free(j);
        snprintf(files + strlen(files), sizeof files - strlen(files), " '%s'", mmd);
    }
    lx_buf out;
    lx_buf_init(&out);
    int rc = lx_test_mermaid_parse(LX_SOURCE_DIR, files, &out);
    if (rc > 0) fail_msg("mermaid rejects the hostile flowcharts:\n%s", lx_buf_cstr(&out));
    lx_buf_free(&out);
    if (rc == -2) skip();
}

/* Inputs that once crashed fuzz_draw (fuzz/regress/draw): a GPT-2 without head_count and an
 * unknown family with no heads at all, where the layout divided by a zero head count. Drawing
 * them ends cleanly: SVG that is well-formed XML and a text diagram (or a clean refusal). */
static void test_draw_without_heads(void **state)
{
    (void)state;
    const char *models[] = { LX_SOURCE_DIR "/fuzz/regress/draw/gpt2_no_head_count.gguf",
                             LX_SOURCE_DIR "/fuzz/regress/draw/unknown_family_no_heads.gguf" };
    for (int i = 0; i < 2; i++) {
        const char *svg = HX_DIR "/no_heads.svg";
        const char *argv[] = { LX_BINARY, "draw", models[i], "-o", svg, NULL };
        lx_hx_run r;
        assert_true(lx_hx_exec(argv, 0, LX_HX_TIMEOUT_S, &r));
        int code = r.code;
        if (code != 0) lx_hx_expect_clean_failure(&r, 1, models[i], (const char *[]){ NULL });
        lx_hx_run_free(&r);
        if (code != 0) continue;
        expect_xml(svg);
        const char *txt[] = { LX_BINARY, "draw", models[i], "-f", "txt", "-o", "-", NULL };
        size_t n;
        free(run_ok(txt, 0, &n));
        assert_true(n > 0);
    }
}

/* An error about a file whose name holds an escape sequence and a bidi control. */
static void test_error_naming_a_hostile_file_is_inert(void **state)
{
    (void)state;
    const char *bad = HX_DIR "/bad\x1b[2J\xe2\x80\xae\xff.gguf";
    assert_true(lx_hx_write_text(bad, "GGUF\x01"));
    const char *argv[] = { LX_BINARY, "info", bad, NULL };
    lx_hx_run r;
    assert_true(lx_hx_exec(argv, 0, LX_HX_TIMEOUT_S, &r));
    int code = r.code;
    char err[1024];
    snprintf(err, sizeof err, "%s", r.err);
    size_t out_len = r.out_len, err_len = r.err_len;
    lx_hx_run_free(&r);
    assert_int_equal(code, 1);
    assert_int_equal(out_len, 0);
    expect_inert(err, err_len, "stderr", false);
    expect_contains(err, "llmxray: ", "stderr");
    expect_contains(err, "bad\\x1B[2J[U+202E]\\xFF.gguf: offset 4: version", "stderr");
}

/* ------------------------------------------------------------------ config folder names */

#define CFG_DIR HX_DIR "/cfg"
#define TINY_CONFIG "{\"model_type\": \"llama\", \"hidden_size\": 64, \"intermediate_size\": 128, " \
                    "\"num_hidden_layers\": 2, \"num_attention_heads\": 4, \"num_key_value_heads\": 2, " \
                    "\"vocab_size\": 100%s}\n"
#define SNAPSHOT "/snapshots/0123456789abcdef0123456789abcdef01234567"

/* DIR/config.json with TINY_CONFIG and extra keys; returns the config's path (static). */
static const char *write_config(const char *dir, const char *extra)
{
    static char path[1024];
    char text[2048];
    snprintf(path, sizeof path, "%s/config.json", dir);
    snprintf(text, sizeof text, TINY_CONFIG, extra);
    assert_true(lx_hx_mkdirs(dir));
    assert_true(lx_hx_write_text(path, text));
    return path;
}

/* The "name" `info --json` reports for config (valid, inert JSON); caller frees. */
static char *json_name(const char *config)
{
    const char *argv[] = { LX_BINARY, "info", "--json", config, NULL };
    size_t n;
    char *out = run_ok(argv, 0, &n);
    expect_inert(out, n, "info --json", false);
    json_error_t je;
    json_t *root = json_loadb(out, n, 0, &je);
    if (!root) fail_msg("info --json is not JSON: line %d:%d: %s", je.line, je.column, je.text);
    const char *name = json_string_value(json_object_get(root, "name"));
    assert_non_null(name);
    char *copy = strdup(name);
    json_decref(root);
    free(out);
    return copy;
}

/* A config's title comes from its folder (or a hub cache's repository): escapes, bidi
 * controls and invalid bytes there reach no output raw. */
static void test_config_folder_names_are_inert(void **state)
{
    (void)state;
    const char *dirs[] = { CFG_DIR "/ctl\x1b[31mred\x07\xe2\x80\xae", CFG_DIR "/bad\xff\xfeutf",
                           CFG_DIR "/models--org--\x1b]0;pwn\x07" SNAPSHOT };
    const char *shown[] = { "ctl\\x1B[31mred\\x07[U+202E]", "bad\\xFF\\xFEutf", "\\x1B]0;pwn\\x07" };
    for (int i = 0; i < 3; i++) {
        const char *argv[] = { LX_BINARY, "info", write_config(dirs[i], ""), NULL };
        size_t n;
        char *out = run_ok(argv, 0, &n);
        expect_inert(out, n, "info", false);
        expect_contains(out, shown[i], "info");
        free(out);
        free(json_name(argv[2]));
    }
}

/* A folder name of 127 two-byte characters (254 bytes, the most a Linux name holds) is cut
 * to the 127-byte title at a character boundary: 63 of them, no half character (before, the
 * 128th byte split one: "\xC3" in text, U+FFFD in JSON). A hub cache folder without
 * "--NAME" names nothing: the title is _name_or_path's last part, not the commit. */
static void test_config_folder_names_are_bounded(void **state)
{
    (void)state;
    char dir[512] = CFG_DIR "/";
    for (int i = 0; i < 127; i++) strcat(dir, "\xc3\xa9");
    char *name = json_name(write_config(dir, ""));
    char want[256] = "";
    for (int i = 0; i < 63; i++) strcat(want, "\xc3\xa9");
    assert_string_equal(name, want);
    free(name);
    const char *argv[] = { LX_BINARY, "info", write_config(dir, ""), NULL };
    size_t n;
    char *out = run_ok(argv, 0, &n);
    expect_inert(out, n, "info", false);
    if (strstr(out, "\\xC3")) fail_msg("info shows a cut character: %.300s", out);
    free(out);
    name = json_name(write_config(CFG_DIR "/models--org--" SNAPSHOT, ", \"_name_or_path\": \"org/fallback-name\""));
    assert_string_equal(name, "fallback-name");
    free(name);
    name = json_name(write_config(CFG_DIR "/models--" SNAPSHOT, ", \"_name_or_path\": \"org/other-name\""));
    assert_string_equal(name, "other-name");
    free(name);
}

/* A quantization_config method with escapes and a bidi control: inert in `info` (its warning
 * names the method, escaped) and `info --json` (its "method", JSON-escaped). */
static void test_quant_method_is_inert(void **state)
{
    (void)state;
    const char *dir = CFG_DIR "/quant";
    const char *cfg = write_config(dir, ", \"quantization_config\": {\"quant_method\": \"a\\u001b[31mred\\u0007\\u202e\"}");
    assert_true(lx_hx_write_text(CFG_DIR "/quant/model.safetensors.index.json",
                                 "{\"metadata\": {\"total_size\": 12345}, \"weight_map\": "
                                 "{\"model.embed_tokens.weight\": \"model-00001.safetensors\"}}"));
    const char *argv[] = { LX_BINARY, "info", dir, NULL };
    size_t n;
    char *out = run_ok(argv, 0, &n);
    expect_inert(out, n, "info", false);
    expect_contains(out, "quant_method \"a\\x1B[31mred\\x07[U+202E]\" is not one llmxray knows", "info");
    free(out);
    const char *js[] = { LX_BINARY, "info", "--json", cfg, NULL };
    out = run_ok(js, 0, &n);
    expect_inert(out, n, "info --json", false);
    expect_contains(out, "\"method\":\"a\\u001b[31mred\\u0007\\u202e\"", "info --json");
    free(out);
}

/* ------------------------------------------------------------------ atomic outputs */

/* Names in HX_DIR/out that start with "keep.svg" (the output and any temporary sibling). */
static int count_siblings(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));) n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return n;
}

static void test_failed_draw_writes_nothing(void **state)
{
    (void)state;
    const char *out = HX_DIR "/out/keep.svg", *bad = HX_DIR "/out/broken.gguf";
    assert_true(lx_hx_mkdirs(HX_DIR "/out"));
    assert_true(lx_hx_write_text(bad, "GGUF\x03\0\0\0"));
    assert_true(lx_hx_write_text(out, "KEEP"));
    const char *argv[] = { LX_BINARY, "draw", bad, "-o", out, NULL };
    lx_hx_run r;
    assert_true(lx_hx_exec(argv, 0, LX_HX_TIMEOUT_S, &r));
    const char *words[] = { "offset 4:", NULL };
    lx_hx_expect_clean_failure(&r, 1, bad, words);
    lx_hx_run_free(&r);
    size_t len;
    char *kept = lx_hx_slurp(out, &len);
    assert_non_null(kept);
    assert_string_equal(kept, "KEEP");
    free(kept);
    assert_int_equal(count_siblings(HX_DIR "/out", "keep.svg"), 1);
    /* With no file there before, none appears. */
    assert_int_equal(unlink(out), 0);
    assert_true(lx_hx_exec(argv, 0, LX_HX_TIMEOUT_S, &r));
    int code = r.code;
    lx_hx_run_free(&r);
    assert_int_equal(code, 1);
    assert_int_equal(count_siblings(HX_DIR "/out", "keep.svg"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_info_text_is_inert),
        cmocka_unit_test(test_info_json_is_inert_and_valid),
        cmocka_unit_test(test_svg_is_inert_and_well_formed),
        cmocka_unit_test(test_text_diagram_is_inert),
        cmocka_unit_test(test_flowcharts_and_scene_json_are_inert),
        cmocka_unit_test(test_draw_without_heads),
        cmocka_unit_test(test_error_naming_a_hostile_file_is_inert),
        cmocka_unit_test(test_failed_draw_writes_nothing),
        cmocka_unit_test(test_config_folder_names_are_inert),
        cmocka_unit_test(test_config_folder_names_are_bounded),
        cmocka_unit_test(test_quant_method_is_inert),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
