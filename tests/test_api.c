/* Tests the 0.2 and 0.3 additions to the public API (include/llmxray.h) as a program linking
 * the library sees them: open options and their size check, the info summary, the layer mix,
 * the catalogue, the formats table, render options of the 0.1 size, comparisons to a
 * buffer and tokenizers, with exact numbers from published configs and real files; 0.3:
 * sessions on stories260K (greedy ids against an independent implementation's and the text
 * against what `llmxray run` prints, sampling, stopping and resuming, errors), the inside
 * poster and its numbers to a buffer, and a gallery of catalogue models. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "draw_support.h"
#include "llmxray.h"

#define STORIES LX_SHARED_DIR "/models/stories260K.gguf"
#define REFERENCE LX_SHARED_DIR "/reference/stories260K-once-upon-a-time.json"

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

/* ---- 0.3: sessions ---- */

static llmxray_session *session_ok(const char *path)
{
    char err[512] = "";
    llmxray_session *s = NULL;
    llmxray_session_opts o = {.size = sizeof o, .threads = 1};
    if (llmxray_session_open(path, &o, &s, err, sizeof err) != LLMXRAY_OK) fail_msg("%s: %s", path, err);
    return s;
}

/* The prompt "Once upon a time" as `run` tokenizes it: [1, 403, 407, 261, 378] (BOS asked for
 * by the vocabulary), then started for n_new tokens. */
static void start_once(llmxray_session *s, size_t n_new)
{
    char err[512] = "";
    int32_t *ids = NULL;
    size_t n = 0;
    const char *p = "Once upon a time";
    assert_int_equal(llmxray_tokenize(llmxray_session_tokenizer(s), p, strlen(p), LLMXRAY_TOKENIZE_BOS_IF_ASKED, &ids,
                                      &n, err, sizeof err), LLMXRAY_OK);
    const int32_t want[] = {1, 403, 407, 261, 378};
    assert_int_equal(n, 5);
    assert_memory_equal(ids, want, sizeof want);
    if (llmxray_session_start(s, ids, n, n_new, err, sizeof err) != LLMXRAY_OK) fail_msg("start: %s", err);
    llmxray_free(ids);
}

typedef struct collected {
    int32_t ids[256];
    size_t n, stop_after;
    lx_buf text;
} collected;

static int collect(void *ctx, const llmxray_token *t)
{
    collected *c = ctx;
    assert_int_equal(t->size, sizeof *t);
    assert_int_equal(t->index, c->n);
    assert_non_null(t->piece);
    if (c->n < 256) c->ids[c->n] = t->id;
    c->n++;
    lx_buf_put(&c->text, t->text, t->text_len);
    return c->stop_after && c->n == c->stop_after;
}

static json_t *reference(void)
{
    json_error_t je;
    json_t *j = json_load_file(REFERENCE, 0, &je);
    if (!j) fail_msg("%s: %s", REFERENCE, je.text);
    return j;
}

/* Greedy ids are llama2.c's on the same weights (the reference file), the top 10 too, and
 * the text is byte for byte what `llmxray run -p "Once upon a time" -n 40` prints. */
static void test_session_greedy(void **state)
{
    (void)state;
    llmxray_session *s = session_ok(STORIES);
    llmxray_session_info info = {.size = sizeof info};
    assert_int_equal(llmxray_session_describe(s, &info), LLMXRAY_OK);
    assert_string_equal(info.family, "llama");
    assert_int_equal(info.vocab_size, 512);
    assert_int_equal(info.n_layers, 5);
    assert_int_equal(info.context_length, 2048);
    assert_int_equal(info.bos, 1);
    assert_int_equal(info.eos, 2);
    start_once(s, 40);
    json_t *ref = reference();
    llmxray_top top[10];
    size_t n_top = 0;
    assert_int_equal(llmxray_session_top(s, 10, top, &n_top), LLMXRAY_OK);
    assert_int_equal(n_top, 10);
    for (size_t i = 0; i < 10; i++) {
        json_t *r = json_array_get(json_object_get(ref, "top10_next_token"), i);
        assert_int_equal(top[i].id, json_integer_value(json_object_get(r, "id")));
        assert_float_equal(top[i].logit, json_real_value(json_object_get(r, "logit")), 1e-3);
    }
    collected c = {.n = 0};
    lx_buf_init(&c.text);
    size_t done = 0;
    char err[512] = "";
    assert_int_equal(llmxray_generate(s, 40, NULL, collect, &c, &done, err, sizeof err), LLMXRAY_OK);
    assert_int_equal(done, 40);
    assert_int_equal(c.n, 40);
    json_t *greedy = json_object_get(ref, "greedy_generated_token_ids");
    for (size_t i = 0; i < 40; i++) assert_int_equal(c.ids[i], json_integer_value(json_array_get(greedy, i)));
    llmxray_timing t = {.size = sizeof t};
    assert_int_equal(llmxray_session_timing(s, &t), LLMXRAY_OK);
    assert_int_equal(t.n_prompt, 5);
    assert_int_equal(t.n_generated, 40);
    assert_true(t.prompt_s > 0 && t.generate_s > 0);
    lx_buf out;
    lx_buf_init(&out);
    assert_int_equal(lx_test_run("'" LX_BINARY "' run '" STORIES "' -p 'Once upon a time' -n 40 --threads 1", &out), 0);
    lx_buf want;
    lx_buf_init(&want);
    lx_buf_printf(&want, "Once upon a time%s\n", lx_buf_cstr(&c.text));
    assert_string_equal(lx_buf_cstr(&out), lx_buf_cstr(&want));
    assert_string_equal(lx_buf_cstr(&c.text), ", there was a little girl named Lily. She loved to play outside in the "
                                             "park. One day, she saw a big, red ball.");
    lx_buf_free(&out), lx_buf_free(&want), lx_buf_free(&c.text);
    json_decref(ref);
    llmxray_session_close(s);
}

/* A callback that stops after 3 tokens, then a second call for the rest: the same 12 ids as
 * one greedy call (the third is fed back only when the fourth is asked for); no more than
 * the n_new of the start. */
static void test_session_stop_and_resume(void **state)
{
    (void)state;
    llmxray_session *s = session_ok(STORIES);
    start_once(s, 12);
    collected c = {.stop_after = 3};
    lx_buf_init(&c.text);
    size_t done = 0;
    char err[512] = "";
    assert_int_equal(llmxray_generate(s, 12, NULL, collect, &c, &done, err, sizeof err), LLMXRAY_OK);
    assert_int_equal(done, 3);
    c.stop_after = 0;
    assert_int_equal(llmxray_generate(s, 100, NULL, collect, &c, &done, err, sizeof err), LLMXRAY_OK);
    assert_int_equal(done, 9);
    const int32_t want[12] = {432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338};
    assert_int_equal(c.n, 12);
    assert_memory_equal(c.ids, want, sizeof want);
    assert_int_equal(llmxray_generate(s, 5, NULL, collect, &c, &done, err, sizeof err), LLMXRAY_OK);
    assert_int_equal(done, 0);
    lx_buf_free(&c.text);
    llmxray_session_close(s);
}

/* Sampled runs: one seed gives the same ids twice; top_k 1 is greedy whatever the
 * temperature; a high temperature with two seeds gives two different texts. */
static void sample_ids(llmxray_session *s, const llmxray_sampler *sm, collected *c)
{
    char err[512] = "";
    start_once(s, 30);
    *c = (collected){.n = 0};
    lx_buf_init(&c->text);
    if (llmxray_generate(s, 30, sm, collect, c, NULL, err, sizeof err) != LLMXRAY_OK) fail_msg("generate: %s", err);
    lx_buf_free(&c->text);
}

static void test_session_sampling(void **state)
{
    (void)state;
    llmxray_session *s = session_ok(STORIES);
    collected a, b, g;
    sample_ids(s, NULL, &g);
    llmxray_sampler sm = {sizeof sm, 1.5, 0, 0.95, 42};
    sample_ids(s, &sm, &a);
    sample_ids(s, &sm, &b);
    assert_int_equal(a.n, b.n);
    assert_memory_equal(a.ids, b.ids, a.n * sizeof a.ids[0]);
    sm.seed = 7;
    sample_ids(s, &sm, &b);
    assert_true(a.n != b.n || memcmp(a.ids, b.ids, a.n * sizeof a.ids[0]) != 0);
    sm = (llmxray_sampler){sizeof sm, 5.0, 1, 0, 3};
    sample_ids(s, &sm, &a);
    assert_int_equal(a.n, g.n);
    assert_memory_equal(a.ids, g.ids, g.n * sizeof g.ids[0]);
    char err[512] = "";
    sm = (llmxray_sampler){sizeof sm, 1.0, 0, 1.5, 3};
    assert_int_equal(llmxray_generate(s, 1, &sm, NULL, NULL, NULL, err, sizeof err), LLMXRAY_ERR_USAGE);
    assert_string_equal(err, "sampler top_p 1.5 (expected 0 to 1)");
    sm = (llmxray_sampler){sizeof sm, -1.0, 0, 0, 3};
    assert_int_equal(llmxray_generate(s, 1, &sm, NULL, NULL, NULL, err, sizeof err), LLMXRAY_ERR_USAGE);
    assert_string_equal(err, "sampler temperature -1 (expected 0 or more)");
    llmxray_session_close(s);
}

/* Bad input: one line each, the status the command exits with. */
static void test_session_errors(void **state)
{
    (void)state;
    char err[512] = "";
    llmxray_session *s = (llmxray_session *)&err;
    assert_int_equal(llmxray_session_open("/nonexistent/x.gguf", NULL, &s, err, sizeof err), LLMXRAY_ERR_IO);
    assert_null(s);
    assert_string_equal(err, "/nonexistent/x.gguf: cannot open: No such file or directory");
    assert_int_equal(llmxray_session_open(LX_SHARED_DIR "/models/mmproj-tinygemma3.gguf", NULL, &s, err, sizeof err),
                     LLMXRAY_ERR_MODEL);
    assert_non_null(strstr(err, "architecture 'clip' is not supported by the inference engine"));
    assert_null(strchr(err, '\n'));
    llmxray_session_opts small = {.size = sizeof small, .max_memory = 1024};
    assert_int_equal(llmxray_session_open(STORIES, &small, &s, err, sizeof err), LLMXRAY_OK);
    const int32_t bos = 1;
    assert_int_equal(llmxray_session_start(s, &bos, 1, 10, err, sizeof err), LLMXRAY_ERR_MODEL);
    assert_non_null(strstr(err, "this run needs about 1.23 MB of memory but 1.0 kB is allowed"));
    assert_int_equal(llmxray_generate(s, 1, NULL, NULL, NULL, NULL, err, sizeof err), LLMXRAY_ERR_USAGE);
    assert_string_equal(err, "llmxray_generate before llmxray_session_start");
    llmxray_top top[1];
    size_t n = 1;
    assert_int_equal(llmxray_session_top(s, 1, top, &n), LLMXRAY_ERR_USAGE);
    assert_int_equal(n, 0);
    llmxray_session_close(s);
    s = session_ok(STORIES);
    assert_int_equal(llmxray_session_start(s, &bos, 1, 100000, err, sizeof err), LLMXRAY_ERR_USAGE);
    assert_string_equal(err, "1 prompt tokens + 100000 new ones exceed the model's context of 2048 positions");
    const int32_t bad = 512;
    assert_int_equal(llmxray_session_start(s, &bad, 1, 1, err, sizeof err), LLMXRAY_ERR_USAGE);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(llmxray_token_text(llmxray_session_tokenizer(s), -1, 512, &text, &len), LLMXRAY_ERR_USAGE);
    assert_int_equal(llmxray_token_text(llmxray_session_tokenizer(s), 1, 403, &text, &len), LLMXRAY_OK);
    assert_string_equal(text, "Once"); /* after BOS, SentencePiece's leading space is dropped */
    llmxray_free(text);
    assert_int_equal(llmxray_token_text(llmxray_session_tokenizer(s), 403, 407, &text, &len), LLMXRAY_OK);
    assert_string_equal(text, " upon");
    llmxray_free(text);
    llmxray_session_close(s);
}

/* ---- 0.3: the inside view ---- */

static void test_inside_to_buffer(void **state)
{
    (void)state;
    char err[512] = "", *out = NULL;
    size_t len = 0, sheets = 0;
    llmxray_inside *in = NULL;
    llmxray_inside_opts o = {sizeof o, "Once upon a time", 6, 5, 1, 0, NULL, NULL};
    if (llmxray_inside_run(STORIES, &o, &in, err, sizeof err) != LLMXRAY_OK) fail_msg("inside: %s", err);
    assert_int_equal(llmxray_inside_render(in, "json", NULL, &out, &len, &sheets, err, sizeof err), LLMXRAY_OK);
    assert_int_equal(sheets, 1);
    json_error_t je;
    json_t *j = json_loadb(out, len, 0, &je);
    if (!j) fail_msg("run JSON: %s", je.text);
    json_t *ref = reference();
    json_t *cont = json_object_get(j, "continuation"), *greedy = json_object_get(ref, "greedy_generated_token_ids");
    assert_int_equal(json_array_size(cont), 6);
    for (size_t i = 0; i < 6; i++)
        assert_int_equal(json_integer_value(json_object_get(json_array_get(cont, i), "id")),
                         json_integer_value(json_array_get(greedy, i)));
    assert_string_equal(json_string_value(json_object_get(j, "continuation_text")), ", there was a little g");
    assert_int_equal(json_array_size(json_object_get(j, "top")), 5);
    json_decref(ref), json_decref(j);
    llmxray_free(out);
    llmxray_poster_opts po = {sizeof po, 1, 0, NULL, 0};
    assert_int_equal(llmxray_inside_render(in, "svg", &po, &out, &len, NULL, err, sizeof err), LLMXRAY_OK);
    assert_int_equal(len, strlen(out));
    assert_non_null(strstr(out, "<svg"));
    assert_non_null(strstr(out, "Once"));
    llmxray_free(out);
    po.page = "a4";
    assert_int_equal(llmxray_inside_render(in, "pdf", &po, &out, &len, &sheets, err, sizeof err), LLMXRAY_OK);
    assert_memory_equal(out, "%PDF-", 5);
    assert_true(sheets > 1);
    llmxray_free(out);
    po.page = "a5";
    assert_int_equal(llmxray_inside_render(in, "pdf", &po, &out, &len, NULL, err, sizeof err), LLMXRAY_ERR_USAGE);
    assert_string_equal(err, "unknown paper 'a5' (expected a4, a3, letter)");
    assert_int_equal(llmxray_inside_render(in, "gif", NULL, &out, &len, NULL, err, sizeof err), LLMXRAY_ERR_USAGE);
    assert_string_equal(err, "unknown poster format 'gif' (expected svg, png, pdf, json or html)");
    assert_null(out);
    llmxray_inside_close(in);
    assert_int_equal(llmxray_inside_run("/nonexistent/x.gguf", NULL, &in, err, sizeof err), LLMXRAY_ERR_IO);
    assert_null(in);
    assert_string_equal(err, "/nonexistent/x.gguf: cannot open: No such file or directory");
    assert_int_equal(llmxray_page_count(), 3);
    assert_string_equal(llmxray_page_name(2), "letter");
    assert_null(llmxray_page_name(3));
}

/* ---- 0.3: the gallery ---- */

typedef struct failures {
    int n;
    char what[256], msg[512];
    llmxray_status status;
} failures;

static void on_failure(void *ctx, const char *what, llmxray_status status, const char *msg)
{
    failures *f = ctx;
    f->n++;
    snprintf(f->what, sizeof f->what, "%s", what);
    snprintf(f->msg, sizeof f->msg, "%s", msg);
    f->status = status;
}

static bool is_file(const char *dir, const char *name)
{
    char path[1024];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
}

static void test_gallery(void **state)
{
    (void)state;
    const char *dir = LX_TMP_DIR "/api_gallery";
    assert_int_equal(lx_test_run("rm -rf '" LX_TMP_DIR "/api_gallery'", NULL), 0);
    const char *models[] = {"llama-3.1-8b", "gemma-3-27b", "/nonexistent/x.gguf"};
    failures f = {0};
    llmxray_gallery_opts o = {sizeof o, 0, 2, on_failure, &f};
    char err[512] = "?";
    assert_int_equal(llmxray_gallery(models, 2, dir, &o, err, sizeof err), LLMXRAY_OK);
    assert_string_equal(err, "");
    assert_int_equal(f.n, 0);
    const char *files[] = {"llama-3.1-8b.svg", "llama-3.1-8b.html", "gemma-3-27b.svg", "gemma-3-27b.html", "index.html"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++)
        if (!is_file(dir, files[i])) fail_msg("the gallery has no %s", files[i]);
    lx_buf b;
    lx_buf_init(&b);
    assert_true(lx_test_read_file(LX_TMP_DIR "/api_gallery/index.html", &b));
    assert_non_null(strstr(lx_buf_cstr(&b), "8,030,261,248"));  /* Llama 3.1 8B */
    assert_non_null(strstr(lx_buf_cstr(&b), "27,009,346,304")); /* Gemma 3 27B's text model */
    assert_non_null(strstr(lx_buf_cstr(&b), "href=\"gemma-3-27b.html\""));
    lx_buf_free(&b);
    assert_int_equal(llmxray_gallery(models, 3, dir, &o, err, sizeof err), LLMXRAY_ERR_IO);
    assert_string_equal(err, "");
    assert_int_equal(f.n, 1);
    assert_int_equal(f.status, LLMXRAY_ERR_IO);
    assert_string_equal(f.what, "/nonexistent/x.gguf");
    assert_string_equal(f.msg, "/nonexistent/x.gguf: cannot open: No such file or directory");
    assert_int_equal(llmxray_gallery(models, 1, LX_TMP_DIR "/api_gallery/index.html", &o, err, sizeof err),
                     LLMXRAY_ERR_IO);
    assert_string_equal(err, "gallery: cannot make the folder '" LX_TMP_DIR "/api_gallery/index.html' (a file of "
                             "that name exists)");
    o.jobs = 65;
    assert_int_equal(llmxray_gallery(models, 1, dir, &o, err, sizeof err), LLMXRAY_ERR_USAGE);
    assert_string_equal(err, "gallery: 65 jobs (expected 1 to 64)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_opts_size_is_checked), cmocka_unit_test(test_info_json_and_text),
        cmocka_unit_test(test_layer_mix),                 cmocka_unit_test(test_catalogue),
        cmocka_unit_test(test_formats),                   cmocka_unit_test(test_render_color_and_old_size),
        cmocka_unit_test(test_compare),                   cmocka_unit_test(test_tokenizer),
        cmocka_unit_test(test_session_greedy),            cmocka_unit_test(test_session_stop_and_resume),
        cmocka_unit_test(test_session_sampling),          cmocka_unit_test(test_session_errors),
        cmocka_unit_test(test_inside_to_buffer),          cmocka_unit_test(test_gallery),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
