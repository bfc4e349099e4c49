/* Tests the 0.2 additions to the public API (include/llmxray.h) as a program linking the
 * library sees them: open options and their size check, the info summary, the layer mix,
 * the catalogue, the formats table, render options of the 0.1 size, comparisons to a
 * buffer and tokenizers, with exact numbers from published configs and real files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "llmxray.h"

#define STORIES LX_SHARED_DIR "/models/stories260K.gguf"

static llmxray_model *open_ok(const char *what)
{
    char err[512] = "";
    llmxray_model *m = NULL;
    llmxray_open_opts o = {.size = sizeof o, .offline = 1};
    if (llmxray_open_ex(what, &o, &m, err, sizeof err) != LLMXRAY_OK) fail_msg("%s: %s", what, err);
    return m;
}

static void test_open_opts_size_is_checked(void **state)
{
    (void)state;
    char err[512];
    llmxray_model *m = (llmxray_model *)&err;
    llmxray_open_opts o = {.size = sizeof o - 1};
    assert_int_equal(llmxray_open_ex("llama-3.1-8b", &o, &m, err, sizeof err), LLMXRAY_ERR_USAGE);
    assert_null(m);
    assert_non_null(strstr(err, "llmxray_open_opts.size"));
    assert_int_equal(llmxray_open_ex(NULL, NULL, &m, err, sizeof err), LLMXRAY_ERR_USAGE);
    assert_int_equal(llmxray_open_ex("/nonexistent/x.gguf", NULL, &m, err, sizeof err), LLMXRAY_ERR_IO);
    assert_true(llmxray_name_is_remote("hf:org/name"));
    assert_true(llmxray_name_is_remote("https://example.org/x.gguf"));
    assert_false(llmxray_name_is_remote("llama-3.1-8b"));
    assert_false(llmxray_name_is_remote(NULL));
}

/* The JSON summary is one object with the counts llmxray_model_counts gives. */
static void test_info_json_and_text(void **state)
{
    (void)state;
    llmxray_model *m = open_ok("llama-3.1-8b");
    char err[512], *out = NULL;
    size_t len = 0;
    assert_int_equal(llmxray_model_info(m, "json", &out, &len, err, sizeof err), LLMXRAY_OK);
    assert_int_equal(len, strlen(out));
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    if (!j) fail_msg("info JSON does not parse: %s", je.text);
    assert_string_equal(json_string_value(json_object_get(j, "name")), "Llama 3.1 8B");
    assert_int_equal(json_integer_value(json_object_get(j, "n_layers")), 32);
    assert_int_equal(json_integer_value(json_object_get(j, "vocab_size")), 128256);
    json_decref(j);
    llmxray_free(out);
    assert_int_equal(llmxray_model_info(m, "text", &out, &len, err, sizeof err), LLMXRAY_OK);
    assert_non_null(strstr(out, "Llama 3.1 8B"));
    assert_non_null(strstr(out, "8,030,261,248"));
    llmxray_free(out);
    assert_int_equal(llmxray_model_info(m, NULL, &out, &len, err, sizeof err), LLMXRAY_ERR_USAGE);
    assert_null(out);
    llmxray_close(m);
}

/* Gemma 3 27B: 62 layers, every sixth global (google/gemma-3-27b-it config.json). */
static void test_layer_mix(void **state)
{
    (void)state;
    llmxray_model *m = open_ok("gemma-3-27b");
    const char *kinds[1];
    uint32_t counts[1];
    assert_int_equal(llmxray_model_layer_mix(m, NULL, NULL, 0), 2);
    assert_int_equal(llmxray_model_layer_mix(m, kinds, counts, 1), 2);
    assert_string_equal(kinds[0], "sliding");
    assert_int_equal(counts[0], 52);
    const char *all[4];
    uint32_t n[4];
    assert_int_equal(llmxray_model_layer_mix(m, all, n, 4), 2);
    assert_string_equal(all[1], "full");
    assert_int_equal(n[1], 10);
    llmxray_close(m);
}

static void test_catalogue(void **state)
{
    (void)state;
    size_t n = llmxray_catalogue_count(), i = n, by_name = n;
    llmxray_catalogue_entry e = {.size = sizeof e};
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(llmxray_catalogue_entry_at(k, &e), LLMXRAY_OK);
        if (!strcmp(e.slug, "llama-3.1-8b")) i = k;
    }
    assert_true(i < n);
    assert_int_equal(llmxray_catalogue_entry_at(n, &e), LLMXRAY_ERR_USAGE);
    assert_int_equal(llmxray_catalogue_find("Llama 3.1 8B", &by_name), LLMXRAY_OK);
    assert_int_equal(by_name, i);
    assert_int_equal(llmxray_catalogue_find("no-such-model", &by_name), LLMXRAY_ERR_USAGE);
    assert_string_equal(llmxray_catalogue_suggest("lama-3.1-8b"), "llama-3.1-8b");
    assert_null(llmxray_catalogue_suggest("zzzzzzzzzzzzzzzzzzzz"));
    char err[512];
    llmxray_model *m = NULL;
    assert_int_equal(llmxray_catalogue_open(i, &m, err, sizeof err), LLMXRAY_OK);
    llmxray_counts c = {.size = sizeof c};
    assert_int_equal(llmxray_model_counts(m, &c), LLMXRAY_OK);
    assert_int_equal(c.params_total, 8030261248u);
    llmxray_close(m);
    assert_int_equal(llmxray_catalogue_open(n, &m, err, sizeof err), LLMXRAY_ERR_USAGE);
    assert_null(m);
}

/* Every format of the table is reachable by name and by extension, and the list names them. */
static void test_formats(void **state)
{
    (void)state;
    char list[256];
    llmxray_format_list(LLMXRAY_FOR_DIAGRAM, 0, list, sizeof list);
    int diagram = 0;
    for (size_t i = 0; i < llmxray_format_count(); i++) {
        llmxray_format f = {.size = sizeof f}, g = {.size = sizeof g}, h = {.size = sizeof h};
        assert_int_equal(llmxray_format_at(i, &f), LLMXRAY_OK);
        if (!(f.for_ & LLMXRAY_FOR_DIAGRAM)) continue;
        diagram++;
        assert_non_null(strstr(list, f.name));
        char path[64];
        snprintf(path, sizeof path, "dir.x/out.%s", f.ext);
        assert_int_equal(llmxray_format_find(path, 1, LLMXRAY_FOR_DIAGRAM, &g), LLMXRAY_OK);
        assert_string_equal(g.name, f.name);
        assert_int_equal(llmxray_format_find(f.name, 0, LLMXRAY_FOR_DIAGRAM, &h), LLMXRAY_OK);
        assert_int_equal(h.binary, !strcmp(f.name, "png") || !strcmp(f.name, "pdf"));
    }
    assert_int_equal(diagram, 8); /* svg png pdf txt json mermaid dot html */
    llmxray_format f = {.size = sizeof f};
    assert_int_equal(llmxray_format_find("text", 0, LLMXRAY_FOR_DIAGRAM, &f), LLMXRAY_OK);
    assert_string_equal(f.name, "txt");
    assert_true(f.colorable);
    assert_int_equal(llmxray_format_find("mermaid", 0, LLMXRAY_FOR_COMPARISON, &f), LLMXRAY_ERR_USAGE);
    assert_int_equal(llmxray_format_find("out", 1, LLMXRAY_FOR_DIAGRAM, &f), LLMXRAY_ERR_USAGE);
    f.size = 8;
    assert_int_equal(llmxray_format_at(0, &f), LLMXRAY_ERR_USAGE);
    assert_string_equal(llmxray_theme_name(0), "light");
    assert_string_equal(llmxray_theme_name(1), "dark");
    assert_null(llmxray_theme_name(llmxray_theme_count()));
}

/* color is a 0.2 field: a caller of the 0.1 size gets no colour, a 0.2 caller gets ANSI. */
static void test_render_color_and_old_size(void **state)
{
    (void)state;
    llmxray_model *m = open_ok(STORIES);
    char err[512], *out = NULL;
    size_t len = 0;
    llmxray_render_opts o = {.size = offsetof(llmxray_render_opts, color), .color = 1};
    assert_int_equal(llmxray_render(m, "txt", &o, &out, &len, err, sizeof err), LLMXRAY_OK);
    assert_null(strchr(out, '\x1b'));
    llmxray_free(out);
    o.size = sizeof o;
    assert_int_equal(llmxray_render(m, "txt", &o, &out, &len, err, sizeof err), LLMXRAY_OK);
    assert_non_null(strstr(out, "\x1b["));
    llmxray_free(out);
    llmxray_close(m);
}

static void test_compare(void **state)
{
    (void)state;
    const char *two[] = {"llama-3.1-8b", "gemma-3-27b"};
    char err[512], *out = NULL;
    size_t len = 0;
    assert_int_equal(llmxray_compare(two, 2, "json", NULL, &out, &len, err, sizeof err), LLMXRAY_OK);
    json_error_t je;
    json_t *j = json_loads(out, 0, &je);
    if (!j) fail_msg("compare JSON does not parse: %s", je.text);
    json_decref(j);
    llmxray_free(out);
    assert_int_equal(llmxray_compare(two, 1, "txt", NULL, &out, &len, err, sizeof err), LLMXRAY_ERR_USAGE);
    assert_string_equal(err, "1 models to compare (expected 2 to 8)");
    assert_int_equal(llmxray_compare(two, 2, "mermaid", NULL, &out, &len, err, sizeof err), LLMXRAY_ERR_USAGE);
    const char *missing[] = {"llama-3.1-8b", "/nonexistent/x.gguf"};
    assert_int_equal(llmxray_compare(missing, 2, "txt", NULL, &out, &len, err, sizeof err), LLMXRAY_ERR_IO);
    assert_non_null(strstr(err, "/nonexistent/x.gguf"));
    assert_null(out);
}

/* stories260K's SentencePiece vocabulary: 512 pieces, BOS 1 "<s>". */
static void test_tokenizer(void **state)
{
    (void)state;
    char err[512];
    llmxray_tokenizer *t = NULL;
    assert_int_equal(llmxray_tokenizer_open(STORIES, &t, err, sizeof err), LLMXRAY_OK);
    llmxray_tokenizer_info ti = {.size = sizeof ti};
    assert_int_equal(llmxray_tokenizer_describe(t, &ti), LLMXRAY_OK);
    assert_string_equal(ti.kind, "spm");
    assert_int_equal(ti.vocab_size, 512);
    int32_t *ids = NULL, *with_bos = NULL;
    size_t n = 0, nb = 0;
    assert_int_equal(llmxray_tokenize(t, "Hello world", 11, 0, &ids, &n, err, sizeof err), LLMXRAY_OK);
    assert_int_equal(llmxray_tokenize(t, "Hello world", 11, LLMXRAY_TOKENIZE_BOS, &with_bos, &nb, err, sizeof err),
                     LLMXRAY_OK);
    assert_int_equal(nb, n + 1);
    assert_int_equal(with_bos[0], 1);
    assert_memory_equal(with_bos + 1, ids, n * sizeof *ids);
    char *piece = llmxray_token_piece(t, 1);
    assert_string_equal(piece, "<s>");
    llmxray_free(piece);
    assert_null(llmxray_token_piece(t, 512));
    llmxray_free(ids);
    llmxray_free(with_bos);
    llmxray_tokenizer_close(t);
    assert_int_equal(llmxray_tokenizer_open("/nonexistent/tokenizer.json", &t, err, sizeof err), LLMXRAY_ERR_IO);
    assert_null(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_opts_size_is_checked), cmocka_unit_test(test_info_json_and_text),
        cmocka_unit_test(test_layer_mix),                 cmocka_unit_test(test_catalogue),
        cmocka_unit_test(test_formats),                   cmocka_unit_test(test_render_color_and_old_size),
        cmocka_unit_test(test_compare),                   cmocka_unit_test(test_tokenizer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
