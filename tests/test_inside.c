/* Tests the `inside` poster (layout/inside_layout, cli/cmd_inside) on the real stories260K
 * model with the prompt "Once upon a time": the SVG is well-formed and holds the token
 * chips with their ids, the 5 × 8 attention maps (by stable id) with the causal mask, and
 * the top next token's probability as the engine computed it (and as the independent
 * reference file has it); PNG and PDF are plausible and not blank; the scene passes the
 * layout quality checker (also for no prompt, a long prompt, a hostile prompt and another
 * model's shapes); output is deterministic; exit codes and atomic output hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <jansson.h>

#include "draw_support.h"
#include "fixture_gguf.h"
#include "fixture_models.h"
#include "infer/inside.h"
#include "layout/check.h"
#include "layout/inside_layout.h"
#include "pipeline/pipeline.h"

#define STORIES LX_SHARED_DIR "/models/stories260K.gguf"
#define TINY_RANDOM LX_SHARED_DIR "/models/llama-2-tiny-random.gguf"
#define MMPROJ LX_SHARED_DIR "/models/mmproj-tinygemma3.gguf"
#define REFERENCE LX_SHARED_DIR "/reference/stories260K-once-upon-a-time.json"
#define PROMPT "Once upon a time"

static int setup(void **state)
{
    (void)state;
    lx_test_draw_init();
    return 0;
}

/* Runs llmxray with args; stderr into *err_out when given. */
static int run(const char *args, lx_buf *err_out)
{
    return lx_test_cli(LX_BINARY, LX_TMP_DIR, "inside.stderr", args, NULL, err_out);
}

static void tmp_path(char *out, size_t cap, const char *name) { lx_test_tmp_path(out, cap, LX_TMP_DIR, name); }

/* Draws the stories260K poster for PROMPT into a temporary file; returns its bytes in b. */
static void poster(const char *ext, lx_buf *b, char *path, size_t cap)
{
    char name[64], args[1200];
    snprintf(name, sizeof name, "inside-poster.%s", ext);
    tmp_path(path, cap, name);
    snprintf(args, sizeof args, "inside '%s' --prompt '%s' -o '%s'", STORIES, PROMPT, path);
    lx_buf err;
    lx_buf_init(&err);
    int rc = run(args, &err);
    if (rc != 0) fprintf(stderr, "%s", lx_buf_cstr(&err));
    assert_int_equal(rc, 0);
    assert_int_equal(err.len, 0);
    lx_buf_free(&err);
    lx_buf_init(b);
    assert_true(lx_test_read_file(path, b));
}

/* Runs `inside MODEL OPTIONS -o NAME` (an SVG in the temporary folder), checks it is
 * well-formed XML and returns its text in b. */
static void svg_of(const char *model, const char *options, const char *name, lx_buf *b)
{
    char path[512], args[1600], cmd[700];
    tmp_path(path, sizeof path, name);
    snprintf(args, sizeof args, "inside '%s' %s -o '%s'", model, options, path);
    assert_int_equal(run(args, NULL), 0);
    snprintf(cmd, sizeof cmd, "xmllint --noout '%s' 2>&1", path);
    assert_int_equal(lx_test_run(cmd, NULL), 0);
    lx_buf_init(b);
    assert_true(lx_test_read_file(path, b));
}

/* ---- SVG ---- */

/* Counts id="attn.l<L>.h<H>" exactly (a map, not its rows or labels). */
static int count_maps(const char *svg, int *max_l, int *max_h)
{
    int n = 0;
    *max_l = *max_h = -1;
    for (const char *p = strstr(svg, "id=\"attn.l"); p; p = strstr(p + 1, "id=\"attn.l")) {
        int l = 0, h = 0, used = 0;
        if (sscanf(p, "id=\"attn.l%d.h%d%n", &l, &h, &used) == 2 && p[used] == '"') {
            n++;
            if (l > *max_l) *max_l = l;
            if (h > *max_h) *max_h = h;
        }
    }
    return n;
}

static void test_svg_poster(void **state)
{
    (void)state;
    lx_buf b;
    svg_of(STORIES, "--prompt '" PROMPT "'", "inside-poster.svg", &b);
    const char *svg = lx_buf_cstr(&b);
    /* the chips: pieces (a leading space shown as ␣) and ids, in prompt order */
    static const char *const chips[] = {">&lt;s&gt;</text>", ">␣Once</text>", ">␣upon</text>", ">␣a</text>",
                                        ">␣time</text>"};
    static const int ids[] = {1, 403, 407, 261, 378};
    for (int i = 0; i < 5; i++) {
        char id[64], text[64];
        snprintf(id, sizeof id, "id=\"tok%d.piece\"", i);
        const char *chip = strstr(svg, id);
        assert_non_null(chip);
        assert_true(strstr(chip, chips[i]) == strchr(chip, '>'));
        snprintf(id, sizeof id, "id=\"tok%d.id\"", i);
        snprintf(text, sizeof text, ">id %d</text>", ids[i]);
        assert_non_null(strstr(svg, id));
        assert_true(strstr(strstr(svg, id), text) == strchr(strstr(svg, id), '>'));
    }
    int max_l, max_h;
    assert_int_equal(count_maps(svg, &max_l, &max_h), 5 * 8);
    assert_int_equal(max_l, 4);
    assert_int_equal(max_h, 7);
    /* causal: row q of a map is a heatmap of q + 1 cells; there is no row 5 */
    assert_non_null(strstr(svg, "id=\"attn.l4.h7.q4\""));
    assert_null(strstr(svg, "id=\"attn.l0.h0.q5\""));
    /* the spine of the architecture diagram, and one leader per stage */
    assert_non_null(strstr(svg, "id=\"block0.attn\""));
    assert_non_null(strstr(svg, "id=\"leader.4\""));
    assert_null(strstr(svg, "id=\"inset.attn\""));
    lx_buf_free(&b);
}

/* Text of the element with this id: between the first '>' after it and '<'. */
static void element_text(const char *svg, const char *id, char *out, size_t cap)
{
    char key[96];
    snprintf(key, sizeof key, "id=\"%s\"", id);
    const char *p = strstr(svg, key);
    assert_non_null(p);
    p = strchr(p, '>') + 1;
    size_t n = strcspn(p, "<");
    snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), p);
}

static double json_top1_prob(const char *path, const char *array_key)
{
    json_error_t je;
    json_t *j = json_load_file(path, 0, &je);
    assert_non_null(j);
    json_t *top = json_array_get(json_object_get(j, array_key), 0);
    double p = json_number_value(json_object_get(top, "prob"));
    json_decref(j);
    return p;
}

static void test_top1_probability(void **state)
{
    (void)state;
    char jpath[512], args[1200], want[32], got[64], path[512];
    tmp_path(jpath, sizeof jpath, "inside-poster.json");
    snprintf(args, sizeof args, "inside '%s' --prompt '%s' -o '%s'", STORIES, PROMPT, jpath);
    assert_int_equal(run(args, NULL), 0);
    double engine = json_top1_prob(jpath, "top");
    lx_buf b;
    poster("svg", &b, path, sizeof path);
    element_text(lx_buf_cstr(&b), "next.p0", got, sizeof got);
    snprintf(want, sizeof want, "%.1f %%", engine * 100);
    assert_string_equal(got, want);
    snprintf(want, sizeof want, "%.1f %%", json_top1_prob(REFERENCE, "top10_next_token") * 100);
    assert_string_equal(got, want); /* 96.9 % in the independent reference too */
    element_text(lx_buf_cstr(&b), "next.tok0", got, sizeof got);
    assert_string_equal(got, ",");
    element_text(lx_buf_cstr(&b), "next.tok1", got, sizeof got);
    assert_string_equal(got, "␣there");
    lx_buf_free(&b);
}

static void test_deterministic(void **state)
{
    (void)state;
    lx_buf a, b;
    char pa[512], pb[512];
    poster("svg", &a, pa, sizeof pa);
    poster("svg", &b, pb, sizeof pb);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    lx_buf_free(&a);
    lx_buf_free(&b);
}

/* ---- PNG and PDF ---- */

static void test_png_has_ink(void **state)
{
    (void)state;
    lx_buf b;
    char path[512];
    poster("png", &b, path, sizeof path);
    assert_true(b.len > 100 * 1000);
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    assert_true(w > 1200 && h > 1500);
    const unsigned char *px = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    long inked = 0, orange = 0;
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            uint32_t c = *(const uint32_t *)(px + (size_t)y * (size_t)stride + (size_t)x * 4) & 0xFFFFFF;
            if (c != 0xFFFFFF) inked++;
            if (c == 0xE8741A) orange++; /* the attention scale's strongest colour: weight 1 (BOS row) */
        }
    }
    assert_true(inked > (long)w * h / 10);
    assert_true(orange > 40 * 100); /* every map's first row is weight 1: at least 40 cells */
    cairo_surface_destroy(img);
    lx_buf_free(&b);
}

static void test_pdf_plausible(void **state)
{
    (void)state;
    lx_buf b;
    char path[512];
    poster("pdf", &b, path, sizeof path);
    assert_true(b.len > 30 * 1000);
    assert_memory_equal(b.data, "%PDF-", 5);
    assert_non_null(strstr(lx_buf_cstr(&b) + b.len - 16, "%%EOF"));
    lx_buf_free(&b);
}

/* ---- geometry ---- */

typedef struct laid {
    lx_inside in;
    lx_measure *m;
    lx_scene s;
} laid;

/* Runs the model on prompt and lays the poster out into p. */
static void lay_out(laid *p, const char *model, const char *prompt, size_t n_new)
{
    lx_err err = {0};
    lx_inside_opts o = {prompt, n_new, 10, 1, 0, 0, NULL, NULL};
    lx_status st = lx_inside_run(model, &o, &p->in, &err);
    if (st != LX_OK) fprintf(stderr, "%s\n", err.msg);
    assert_int_equal(st, LX_OK);
    assert_int_equal(lx_measure_new(&p->m, &err), LX_OK);
    lx_scene_init(&p->s, p->m);
    st = lx_pipeline_poster_scene(&p->in, model, &p->s, &err);
    if (st != LX_OK) fprintf(stderr, "%s\n", err.msg);
    assert_int_equal(st, LX_OK);
}

static void laid_free(laid *p)
{
    lx_scene_free(&p->s);
    lx_measure_free(p->m);
    lx_inside_free(&p->in);
}

static int find(const lx_scene *s, const char *id)
{
    for (int i = 0; i < s->n; i++)
        if (!strcmp(s->els[i].id, id)) return i;
    return -1;
}

/* Lays the poster out; returns the checker's violation count (printed). */
static int check_poster(const char *model, const char *prompt, size_t n_new)
{
    laid p;
    lay_out(&p, model, prompt, n_new);
    lx_buf v;
    lx_buf_init(&v);
    int n = lx_check_scene(&p.s, &v);
    if (n) fprintf(stderr, "%s (%s):\n%s", model, prompt ? prompt : "no prompt", lx_buf_cstr(&v));
    assert_true(p.s.width > 1000 && p.s.height > 1000);
    lx_buf_free(&v);
    laid_free(&p);
    return n;
}

static void test_geometry_check(void **state)
{
    (void)state;
    assert_int_equal(check_poster(STORIES, PROMPT, 16), 0);
}

static void test_geometry_other_prompts(void **state)
{
    (void)state;
    assert_int_equal(check_poster(STORIES, NULL, 8), 0); /* BOS alone */
    assert_int_equal(check_poster(STORIES,
                                  "Lily and Ben went to the park. They saw a big dog with a red ball and wanted to "
                                  "play with it, but the dog ran away fast.",
                                  4),
                     0);
    assert_int_equal(check_poster(STORIES, "<b>\"&'</b> \x1b[31m \xe2\x80\xae", 2), 0);
}

static void test_geometry_other_model(void **state)
{
    (void)state;
    assert_int_equal(check_poster(TINY_RANDOM, "Hello world", 4), 0); /* 1 layer, 2 heads, 32,000 pieces */
}

/* The fixture of a family (tests/support/fixture_models) written to the temporary folder. */
static void family_fixture(const char *family, char *path, size_t cap)
{
    snprintf(path, cap, "%s/inside-%s.gguf", LX_TMP_DIR, family);
    assert_true(lx_fx_model_write(family, LX_SHARED_DIR "/models/vocab-only", path));
}

/* GPT-2 (learned positions, GELU, 4 heads of their own), Gemma 3 (GeGLU, 2 KV heads for 4,
 * sliding window) and Qwen 3 (SwiGLU, GQA): every panel is there, the positions are the
 * model's or the labelled reference, the heads are grouped by KV head when they share one,
 * and the checker passes. */
static void test_geometry_family_fixtures(void **state)
{
    (void)state;
    static const struct { const char *family; bool learned, grouped; } CASES[] = {
        {"gpt2", true, false}, {"gemma3", false, true}, {"qwen3", false, true}};
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        char path[512];
        family_fixture(CASES[i].family, path, sizeof path);
        assert_int_equal(check_poster(path, "Hello world, this is a test", 4), 0);
        laid p;
        lay_out(&p, path, "Hello world, this is a test", 2);
        static const char *const IDS[] = {"inside.pos", "pos.table", "pos.cos", "attn.raw", "attn.weights",
                                          "inside.ffn", "ffn.map0", "inside.lens", "lens.tok0", "dist.curve"};
        for (size_t k = 0; k < sizeof IDS / sizeof IDS[0]; k++) assert_true(find(&p.s, IDS[k]) >= 0);
        int title = find(&p.s, "inside.pos.title");
        assert_true(title >= 0);
        assert_true((strstr(p.s.els[title].u.text.s, "reference") == NULL) == CASES[i].learned);
        assert_true((find(&p.s, "attn.kv0") >= 0) == CASES[i].grouped);
        assert_true((find(&p.s, "attn.kv1") >= 0) == CASES[i].grouped);
        assert_int_equal(find(&p.s, "attn.kv2"), -1); /* 2 KV heads at most */
        laid_free(&p);
    }
}

/* A prompt of 212 tokens: the maps show its first 64 (rows 0..63, the last one 64 cells
 * wide), the embedding its first 96 rows, the chips 96 and a note; the checker passes. */
static void test_long_prompt_is_cut(void **state)
{
    (void)state;
    char prompt[1024] = "";
    for (int i = 0; i < 30; i++) strcat(prompt, "Lily saw a big dog. ");
    laid p;
    lay_out(&p, STORIES, prompt, 2);
    assert_int_equal(p.in.trace.n_tok, 212);
    int q = find(&p.s, "attn.l4.h7.q63");
    assert_true(q >= 0);
    assert_int_equal(p.s.els[q].u.heat.cols, 64);
    assert_int_equal(find(&p.s, "attn.l0.h0.q64"), -1);
    int map = find(&p.s, "embed.map");
    assert_true(map >= 0);
    assert_int_equal(p.s.els[map].u.heat.rows, 96);
    assert_int_equal(p.s.els[map].u.heat.cols, 64);
    assert_true(find(&p.s, "tok95") >= 0 && find(&p.s, "tok96") < 0);
    assert_true(find(&p.s, "tokens.more.0") >= 0);
    lx_buf v;
    lx_buf_init(&v);
    int n = lx_check_scene(&p.s, &v);
    if (n) fprintf(stderr, "%s", lx_buf_cstr(&v));
    assert_int_equal(n, 0);
    lx_buf_free(&v);
    laid_free(&p);
}

/* The embedding map holds the embedding table's rows as the engine read them. */
static void test_embedding_values(void **state)
{
    (void)state;
    laid p;
    lay_out(&p, STORIES, PROMPT, 2);
    const lx_el *e = &p.s.els[find(&p.s, "embed.map")];
    assert_int_equal(e->u.heat.rows, 5);
    assert_int_equal(e->u.heat.cols, 64);
    for (int i = 0; i < 5; i++)
        assert_memory_equal(e->u.heat.v + i * 64, lx_trace_embed(&p.in.trace, (size_t)i), 64 * sizeof(float));
    assert_true(e->u.heat.vmin < 0 && e->u.heat.vmin == -e->u.heat.vmax); /* diverging around 0 */
    laid_free(&p);
}

/* The maps hold the attention weights of the reference implementation (layer 0 and
 * layer 4, head 0), row by row, to float32 agreement. */
static void test_maps_match_reference(void **state)
{
    (void)state;
    laid p;
    lay_out(&p, STORIES, PROMPT, 2);
    json_error_t je;
    json_t *ref = json_load_file(REFERENCE, 0, &je);
    assert_non_null(ref);
    static const char *const keys[2] = {"layer0_head0", "last_layer_head0"};
    for (int k = 0; k < 2; k++) {
        json_t *m = json_object_get(json_object_get(json_object_get(ref, "attention"), keys[k]), "matrix");
        for (int q = 0; q < 5; q++) {
            char id[48];
            snprintf(id, sizeof id, "attn.l%d.h0.q%d", k ? 4 : 0, q);
            int i = find(&p.s, id);
            assert_true(i >= 0);
            const lx_el *e = &p.s.els[i];
            assert_int_equal(e->u.heat.cols, q + 1);
            assert_true(e->u.heat.vmin == 0 && e->u.heat.vmax == 1); /* the one shared scale */
            for (int j = 0; j <= q; j++) {
                double want = json_number_value(json_array_get(json_array_get(m, (size_t)q), (size_t)j));
                assert_true(fabs(e->u.heat.v[j] - want) < 1e-4);
            }
        }
    }
    json_decref(ref);
    laid_free(&p);
}

/* ---- a model whose own strings are hostile ---- */

/* A 1-layer llama (d_model 32, 2 heads on 1 KV head, FFN 64) whose name and vocabulary
 * pieces carry markup, quotes, a terminal escape, a bidi override and invalid UTF-8; its
 * only non-zero weights are the embedding table (row i = unit vector i) and the final norm,
 * so every piece shows up in the top-8 list. */
static const char *write_hostile(void)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/inside_hostile.gguf", LX_TMP_DIR);
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_str(w, "general.architecture", "llama");
    lx_fx_gguf_kv_str(w, "general.name", "<script>alert(1)</script>");
    static const char *const keys[] = {"llama.embedding_length", "llama.block_count", "llama.attention.head_count",
                                       "llama.attention.head_count_kv", "llama.feed_forward_length",
                                       "llama.context_length"};
    static const uint32_t vals[] = {32, 1, 2, 1, 64, 64};
    for (size_t i = 0; i < 6; i++) lx_fx_gguf_kv_u32(w, keys[i], vals[i]);
    lx_fx_gguf_kv_str(w, "tokenizer.ggml.model", "llama");
    const char *toks[] = {"<unk>", "<s>", "</s>", "<i>&amp;\"'", "\x1b[2J\xe2\x80\xae" "evil", "\xe2\x96\x81", "b",
                          "\xff\xfe<!--"};
    int32_t types[] = {2, 3, 3, 1, 1, 1, 1, 1};
    lx_fx_gguf_kv_arr_str(w, "tokenizer.ggml.tokens", toks, 8);
    lx_fx_gguf_kv_arr(w, "tokenizer.ggml.token_type", 5, types, 8);
    float emb[8 * 32] = {0}, ones[32];
    for (int i = 0; i < 8; i++) emb[i * 32 + i] = 1.0f;
    for (int i = 0; i < 32; i++) ones[i] = 1.0f;
    lx_fx_gguf_tensor_data(w, lx_fx_gguf_tensor(w, "token_embd.weight", 0, 2, (uint64_t[]){32, 8}), emb, sizeof emb);
    lx_fx_gguf_tensor_data(w, lx_fx_gguf_tensor(w, "output_norm.weight", 0, 1, (uint64_t[]){32}), ones, sizeof ones);
    static const struct { const char *name; uint64_t a, b; } t[] = {
        {"blk.0.attn_norm.weight", 32, 0}, {"blk.0.ffn_norm.weight", 32, 0}, {"blk.0.attn_q.weight", 32, 32},
        {"blk.0.attn_k.weight", 32, 16}, {"blk.0.attn_v.weight", 32, 16}, {"blk.0.attn_output.weight", 32, 32},
        {"blk.0.ffn_gate.weight", 32, 64}, {"blk.0.ffn_up.weight", 32, 64}, {"blk.0.ffn_down.weight", 64, 32},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        lx_fx_gguf_tensor(w, t[i].name, 0, t[i].b ? 2 : 1, (uint64_t[]){t[i].a, t[i].b});
    assert_true(lx_fx_gguf_write(w, path));
    lx_fx_gguf_free(w);
    return path;
}

static void test_hostile_model_strings(void **state)
{
    (void)state;
    const char *model = write_hostile();
    assert_int_equal(check_poster(model, "b", 3), 0);
    lx_buf b;
    svg_of(model, "--prompt b --top 8 -n 3", "inside-hostile-model.svg", &b);
    const char *svg = lx_buf_cstr(&b);
    assert_null(strstr(svg, "<script"));
    assert_null(strstr(svg, "<i>"));
    assert_null(strstr(svg, "<!--"));
    assert_null(strchr(svg, '\x1b'));
    assert_null(strstr(svg, "\xe2\x80\xae"));
    assert_null(strchr(svg, '\xff'));
    assert_non_null(strstr(svg, "&lt;script&gt;alert(1)&lt;/script&gt;")); /* the title, escaped */
    assert_non_null(strstr(svg, ">&lt;i&gt;&amp;amp;&quot;&#39;</text>"));  /* a next-token label */
    assert_non_null(strstr(svg, ">\\x1B[2J[U+")); /* shown escaped (and cut to its column) */
    assert_non_null(strstr(svg, "\\xFF\\xFE&lt;!--"));
    lx_buf_free(&b);
}

/* ---- CLI ---- */

static void test_no_prompt_runs_from_bos(void **state)
{
    (void)state;
    lx_buf b;
    svg_of(STORIES, "-n 4", "inside-bos.svg", &b);
    int max_l, max_h;
    assert_int_equal(count_maps(lx_buf_cstr(&b), &max_l, &max_h), 40);
    assert_non_null(strstr(lx_buf_cstr(&b), "id=\"tok0.piece\""));
    assert_null(strstr(lx_buf_cstr(&b), "id=\"tok1.piece\""));
    lx_buf_free(&b);
}

static void test_hostile_prompt_escaped(void **state)
{
    (void)state;
    lx_buf b;
    svg_of(STORIES, "--prompt '<script>\"&' -n 2", "inside-hostile.svg", &b);
    assert_null(strstr(lx_buf_cstr(&b), "<script"));
    assert_non_null(strstr(lx_buf_cstr(&b), "&lt;script&gt;&quot;&amp;"));
    lx_buf_free(&b);
}

/* True when the folder of path holds a file whose name starts with the file's name and
 * is not the file itself (a temporary left behind). */
static bool leftovers(const char *dir, const char *name)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    bool found = false;
    for (struct dirent *e; (e = readdir(d));)
        if (!strncmp(e->d_name, name, strlen(name)) && strcmp(e->d_name, name)) found = true;
    closedir(d);
    return found;
}

static void assert_kept(const char *args_fmt, const char *model, int want_rc)
{
    char path[512], args[1200];
    tmp_path(path, sizeof path, "inside-keep.svg");
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("keep me", f);
    fclose(f);
    snprintf(args, sizeof args, args_fmt, model, path);
    lx_buf err;
    lx_buf_init(&err);
    assert_int_equal(run(args, &err), want_rc);
    assert_true(err.len > 10 && !strncmp(lx_buf_cstr(&err), "llmxray: ", 9));
    assert_non_null(strchr(lx_buf_cstr(&err), '\n'));
    if (want_rc != 2) /* one line; usage errors add a hint line */
        assert_true(strchr(lx_buf_cstr(&err), '\n') == lx_buf_cstr(&err) + err.len - 1);
    lx_buf b;
    lx_buf_init(&b);
    assert_true(lx_test_read_file(path, &b));
    assert_string_equal(lx_buf_cstr(&b), "keep me");
    assert_false(leftovers(LX_TMP_DIR, "inside-keep.svg"));
    lx_buf_free(&b);
    lx_buf_free(&err);
}

static void test_exit_codes(void **state)
{
    (void)state;
    assert_kept("inside '%s' --prompt hi -o '%s'", MMPROJ, 1);            /* unsupported model */
    assert_kept("inside '%s/nope.gguf' --prompt hi -o '%s'", LX_TMP_DIR, 3); /* cannot open */
    assert_kept("inside '%s' --prompt hi --theme pink -o '%s'", STORIES, 2);
    assert_kept("inside '%s' --prompt hi --scale 100 -o '%s'", STORIES, 2);
    char args[1200];
    lx_buf err;
    lx_buf_init(&err);
    snprintf(args, sizeof args, "inside '%s' --prompt hi -o '%s/x.txt'", STORIES, LX_TMP_DIR);
    assert_int_equal(run(args, &err), 2);
    assert_non_null(strstr(lx_buf_cstr(&err), "x.txt"));
    snprintf(args, sizeof args, "inside '%s' --prompt hi", STORIES);
    assert_int_equal(run(args, NULL), 2); /* no -o */
    snprintf(args, sizeof args, "inside --prompt hi -o '%s/x.svg'", LX_TMP_DIR);
    assert_int_equal(run(args, NULL), 2); /* no model */
    lx_buf_free(&err);
}

static void test_theme_and_scale(void **state)
{
    (void)state;
    char path[512], args[1200];
    tmp_path(path, sizeof path, "inside-dark.png");
    snprintf(args, sizeof args, "inside '%s' --prompt '%s' -n 2 --theme dark --scale 0.5 -o '%s'", STORIES, PROMPT,
             path);
    assert_int_equal(run(args, NULL), 0);
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    const unsigned char *px = cairo_image_surface_get_data(img);
    assert_int_equal(*(const uint32_t *)px & 0xFFFFFF, 0x17191E); /* the dark background */
    assert_true(cairo_image_surface_get_width(img) > 600 && cairo_image_surface_get_width(img) < 1200);
    cairo_surface_destroy(img);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svg_poster),
        cmocka_unit_test(test_top1_probability),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_png_has_ink),
        cmocka_unit_test(test_pdf_plausible),
        cmocka_unit_test(test_geometry_check),
        cmocka_unit_test(test_geometry_other_prompts),
        cmocka_unit_test(test_geometry_other_model),
        cmocka_unit_test(test_geometry_family_fixtures),
        cmocka_unit_test(test_long_prompt_is_cut),
        cmocka_unit_test(test_embedding_values),
        cmocka_unit_test(test_maps_match_reference),
        cmocka_unit_test(test_hostile_model_strings),
        cmocka_unit_test(test_no_prompt_runs_from_bos),
        cmocka_unit_test(test_hostile_prompt_escaped),
        cmocka_unit_test(test_exit_codes),
        cmocka_unit_test(test_theme_and_scale),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
