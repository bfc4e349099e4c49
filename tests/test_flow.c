/* Tests the Mermaid and DOT flowcharts (render/flow) and the scene as JSON
 * (render/scene_json): labels escaped exactly for each syntax; the golden files of three
 * models still match (scripts/regen-golden.sh regenerates them); each says what the
 * diagram says (spine, "× N" groups with their range, residual edges, insets joined to
 * their step); Graphviz's dot accepts every catalogue model and a deliberately broken file
 * is refused; Mermaid's own parser (npm, when installed) accepts the goldens and refuses a
 * broken file; the scene JSON holds every element of the scene, in order, with its id,
 * type, bounds and joined ids, as docs/scene-json.md says. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "draw_support.h"
#include "layout/arch_layout.h"
#include "layout/describe.h"
#include "model/catalogue.h"
#include "pipeline/pipeline.h"
#include "render/flow.h"
#include "render/scene_json.h"

static const char *const GOLDEN[] = {"llama-3.1-8b", "deepseek-v3", "gemma-2-9b"};

static int setup(void **state)
{
    (void)state;
    lx_test_draw_init();
    return 0;
}

static void draw(const char *model, const char *format, lx_buf *out)
{
    lx_err err = {0};
    lx_render_opts o = lx_render_defaults();
    const lx_out_format *f = lx_formats_find(format, LX_PRODUCT_DIAGRAM);
    assert_non_null(f);
    lx_status st = lx_pipeline_draw(model, NULL, f, &o, out, &err);
    if (st != LX_OK) fprintf(stderr, "%s: %s\n", model, err.msg);
    assert_int_equal(st, LX_OK);
}

static void write_tmp(const char *name, lx_buf *b, char *path, size_t cap)
{
    char msg[256];
    snprintf(path, cap, "%s/%s", LX_TMP_DIR, name);
    assert_true(lx_buf_write_file(b, path, msg, sizeof msg));
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

/* ---- escaping ---- */

static void escaped(lx_flow_syntax syn, const char *in, const char *want)
{
    lx_buf b;
    lx_buf_init(&b);
    lx_flow_put_text(&b, syn, in);
    assert_string_equal(lx_buf_cstr(&b), want);
    lx_buf_free(&b);
}

static void test_mermaid_escapes(void **state)
{
    (void)state;
    escaped(LX_FLOW_MERMAID, "a\"]) --> x", "a#quot;]) --#gt; x");
    escaped(LX_FLOW_MERMAID, "<b>&#35;`md`", "#lt;b#gt;#amp;#35;35;#96;md#96;");
    escaped(LX_FLOW_MERMAID, "esc\x1b[2J rtl\xe2\x80\xae bad\xff", "esc\\x1B[2J rtl[U+202E] bad\\xFF");
    escaped(LX_FLOW_MERMAID, "θ = 500,000 · × 32", "θ = 500,000 · × 32");
}

static void test_dot_escapes(void **state)
{
    (void)state;
    escaped(LX_FLOW_DOT, "a\"];b", "a\\\"];b");
    escaped(LX_FLOW_DOT, "back\\N\\l & <b>", "back\\\\N\\\\l &amp; <b>");
    escaped(LX_FLOW_DOT, "new\nline\x07", "new\\\\x0Aline\\\\x07"); /* put_term's \x0A, its backslash escaped */
}

/* ---- goldens and structure ---- */

static void check_golden(const char *model, const char *ext, const char *format)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/golden/%s.%s", LX_SOURCE_DIR, model, ext);
    lx_buf want, got;
    lx_buf_init(&want);
    lx_buf_init(&got);
    assert_true(lx_test_read_file(path, &want));
    draw(model, format, &got);
    if (got.len != want.len || memcmp(got.data, want.data, got.len))
        fail_msg("%s differs from the golden %s (run scripts/regen-golden.sh and review the diff)", model, path);
    lx_buf_free(&want);
    lx_buf_free(&got);
}

static void test_goldens_match(void **state)
{
    (void)state;
    for (int i = 0; i < 3; i++) {
        check_golden(GOLDEN[i], "mmd", "mermaid");
        check_golden(GOLDEN[i], "dot", "dot");
    }
}

static void test_llama_flowchart_says_what_the_diagram_says(void **state)
{
    (void)state;
    lx_buf m, d;
    lx_buf_init(&m);
    lx_buf_init(&d);
    draw("llama-3.1-8b", "mermaid", &m);
    draw("llama-3.1-8b", "dot", &d);
    const char *mm = lx_buf_cstr(&m), *dd = lx_buf_cstr(&d);
    assert_non_null(strstr(mm, "\n---\nflowchart TB\n")); /* after the front matter */
    /* spine, in order */
    const char *chain[] = {"s_input --> s_tokenizer", "s_tokenizer --> s_embed", "s_embed --> b0_0_fork",
                           "b0_7_add --> s_final_norm", "s_final_norm --> s_output", "s_output --> s_softmax"};
    for (int i = 0; i < 6; i++) assert_non_null(strstr(mm, chain[i]));
    /* one block, × 32 with its range; two residual branches; two insets joined to their step */
    assert_non_null(strstr(mm, "subgraph b0[\"Transformer block · layers 0–31 · × 32\"]"));
    assert_int_equal(count(mm, "subgraph "), 3);
    assert_int_equal(count(mm, "-->|residual|"), 2);
    assert_non_null(strstr(mm, "b0_2_attn -.->|inside| i0"));
    assert_non_null(strstr(mm, "b0_6_ffn -.->|inside| i1"));
    assert_non_null(strstr(mm, "32 query heads · 8 KV heads · head dim 128"));
    /* attention inset: Q, K, V into SDPA, then the output projection; SwiGLU through ⊙ */
    const char *attn[] = {"i0_v --> i0_sdpa", "i0_qrope --> i0_sdpa", "i0_krope --> i0_sdpa", "i0_sdpa --> i0_out",
                          "i1_act --> i1_mul", "i1_up --> i1_mul", "i1_mul --> i1_down"};
    for (int i = 0; i < 7; i++) assert_non_null(strstr(mm, attn[i]));
    /* the same graph in DOT */
    assert_int_equal(count(dd, "subgraph \"cluster_"), 3);
    assert_int_equal(count(dd, "[style=dashed, label=\"residual\"]"), 2);
    assert_non_null(strstr(dd, "\"b0_2_attn\" -> \"i0_in\" [style=dotted, label=\"inside\", lhead=\"cluster_i0\"]"));
    assert_non_null(strstr(dd, "label=\"Transformer block · layers 0–31 · × 32\""));
    assert_int_equal(count(mm, " --> ") + count(mm, " -->|") + count(mm, " -.->") + count(mm, " ~~~ "), count(dd, " -> ") + 1);
    lx_buf_free(&m);
    lx_buf_free(&d);
}

static void test_moe_and_mla_insets(void **state)
{
    (void)state;
    lx_buf m;
    lx_buf_init(&m);
    draw("deepseek-v3", "mermaid", &m);
    const char *mm = lx_buf_cstr(&m);
    assert_non_null(strstr(mm, "subgraph b0[\"Dense block · layers 0–2 · × 3\"]"));
    assert_non_null(strstr(mm, "subgraph b1[\"MoE block · layers 3–60 · × 58\"]"));
    assert_non_null(strstr(mm, "b0_7_add --> b1_0_fork"));
    assert_int_equal(count(mm, "subgraph "), 5);
    const char *flow[] = {"i0_kvdown --> i0_kvnorm", "i0_kvdown --> i0_krope", "i0_qdown --> i0_qnorm",
                          "i2_in --> i2_router", "i2_router --> i2_expert", "i2_shared --> i2_sum",
                          "i2_expert --> i2_sum"};
    for (int i = 0; i < 7; i++)
        if (!strstr(mm, flow[i])) fail_msg("deepseek-v3 lacks '%s'", flow[i]);
    assert_non_null(strstr(mm, "Expert (× 256)"));
    lx_buf_free(&m);
}

/* ---- the real parsers ---- */

static void test_dot_accepts_every_catalogue_model(void **state)
{
    (void)state;
    for (size_t i = 0; i < lx_catalogue_count(); i++) {
        lx_buf b, msg;
        lx_buf_init(&b);
        lx_buf_init(&msg);
        draw(lx_catalogue_at(i)->slug, "dot", &b);
        char path[512], svg[512];
        write_tmp("flow.dot", &b, path, sizeof path);
        snprintf(svg, sizeof svg, "%s/flow.svg", LX_TMP_DIR);
        int rc = lx_test_dot_svg(path, svg, &msg);
        if (rc != 0 || msg.len) fail_msg("dot on %s: exit %d: %s", lx_catalogue_at(i)->slug, rc, lx_buf_cstr(&msg));
        lx_buf_free(&b);
        lx_buf_free(&msg);
    }
    lx_buf bad, msg;
    lx_buf_init(&bad);
    lx_buf_init(&msg);
    lx_buf_puts(&bad, "digraph g { \"a\" [label=\"x]; }\n");
    char path[512], svg[512];
    write_tmp("broken.dot", &bad, path, sizeof path);
    snprintf(svg, sizeof svg, "%s/broken.svg", LX_TMP_DIR);
    assert_int_not_equal(lx_test_dot_svg(path, svg, &msg), 0);
    lx_buf_free(&bad);
    lx_buf_free(&msg);
}

/* Every node of every catalogue model gets a class that is defined (a linear-attention or
 * state-space card is of kind "mixer"; a kind without a name would print "(null)"). */
static void test_mermaid_classes_are_defined(void **state)
{
    (void)state;
    for (size_t i = 0; i < lx_catalogue_count(); i++) {
        lx_buf b;
        lx_buf_init(&b);
        draw(lx_catalogue_at(i)->slug, "mermaid", &b);
        const char *t = lx_buf_cstr(&b);
        if (strstr(t, "(null)")) fail_msg("%s: a class without a name", lx_catalogue_at(i)->slug);
        for (const char *p = strstr(t, ":::"); p; p = strstr(p + 3, ":::")) {
            char cls[32], def[48];
            if (sscanf(p + 3, "%31[a-z_]", cls) != 1) fail_msg("%s: empty class", lx_catalogue_at(i)->slug);
            snprintf(def, sizeof def, "classDef %s ", cls);
            if (!strstr(t, def)) fail_msg("%s: class %s used but not defined", lx_catalogue_at(i)->slug, cls);
        }
        if (!strcmp(lx_catalogue_at(i)->slug, "qwen3-next-80b-a3b")) assert_non_null(strstr(t, ":::mixer\n"));
        lx_buf_free(&b);
    }
}

static void test_mermaid_parser_accepts_the_goldens(void **state)
{
    (void)state;
    char files[2048] = "";
    for (int i = 0; i < 3; i++)
        snprintf(files + strlen(files), sizeof files - strlen(files), " '%s/tests/golden/%s.mmd'", LX_SOURCE_DIR,
                 GOLDEN[i]);
    lx_buf out;
    lx_buf_init(&out);
    int rc = lx_test_mermaid_parse(LX_SOURCE_DIR, files, &out);
    if (rc == -2) { lx_buf_free(&out); skip(); }
    if (rc != 0) fail_msg("mermaid: %s", lx_buf_cstr(&out));
    assert_int_equal(count(lx_buf_cstr(&out), "flowchart-v2"), 3);
    lx_buf bad;
    lx_buf_init(&bad);
    lx_buf_puts(&bad, "flowchart TB\n    a[\"x\"] --> b[\"unclosed]\n");
    char path[512], arg[600];
    write_tmp("broken.mmd", &bad, path, sizeof path);
    snprintf(arg, sizeof arg, "'%s'", path);
    out.len = 0;
    assert_int_equal(lx_test_mermaid_parse(LX_SOURCE_DIR, arg, &out), 1);
    lx_buf_free(&bad);
    lx_buf_free(&out);
}

/* ---- the scene as JSON ---- */

static const char *str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void check_element(const lx_scene *s, int i, json_t *e)
{
    const lx_el *el = &s->els[i];
    assert_string_equal(str(e, "id"), el->id);
    assert_string_equal(str(e, "type"), lx_scene_type_name(el->type));
    assert_string_equal(str(e, "kind"), lx_scene_kind_name(el->kind));
    const char *parent = str(e, "parent");
    if (el->parent < 0) assert_true(json_is_null(json_object_get(e, "parent")));
    else assert_string_equal(parent, s->els[el->parent].id);
    const char *keys[] = {"x", "y", "w", "h"};
    double want[] = {el->r.x, el->r.y, el->r.w, el->r.h};
    for (int k = 0; k < 4; k++) {
        double got = json_number_value(json_object_get(e, keys[k]));
        if (fabs(got - want[k]) > 0.00501) /* rounded to 0.01 */ fail_msg("%s.%s: %g in the JSON, %g in the scene", el->id, keys[k], got, want[k]);
    }
    if (el->type == LX_EL_TEXT) assert_string_equal(str(e, "text"), el->u.text.s);
    if (el->type == LX_EL_LINE) {
        assert_int_equal(json_array_size(json_object_get(e, "points")), el->u.line.n);
        if (el->u.line.to >= 0) assert_string_equal(str(e, "to"), s->els[el->u.line.to].id);
    }
}

static void test_scene_json_holds_the_scene(void **state)
{
    (void)state;
    lx_source src;
    lx_arch a;
    assert_true(lx_test_open_arch("deepseek-v3", &src, &a));
    lx_measure *m = NULL;
    lx_err err = {0};
    assert_int_equal(lx_measure_new(&m, &err), LX_OK);
    lx_desc *d = lx_desc_build(&a, &err);
    assert_non_null(d);
    lx_scene s;
    lx_scene_init(&s, m);
    assert_int_equal(lx_layout_arch(d, &s, &err), LX_OK);
    lx_buf b;
    lx_buf_init(&b);
    assert_int_equal(lx_scene_json(&s, &b, &err), LX_OK);
    json_error_t je;
    json_t *root = json_loadb(b.data, b.len, JSON_REJECT_DUPLICATES, &je);
    if (!root) fail_msg("not JSON: line %d:%d: %s", je.line, je.column, je.text);
    assert_string_equal(str(root, "format"), "llmxray-scene");
    assert_int_equal(json_integer_value(json_object_get(root, "version")), LX_SCENE_JSON_VERSION);
    assert_true(fabs(json_number_value(json_object_get(root, "width")) - s.width) <= 0.00501);
    json_t *els = json_object_get(root, "elements");
    assert_int_equal(json_array_size(els), (size_t)s.n);
    int connectors = 0;
    for (int i = 0; i < s.n; i++) {
        check_element(&s, i, json_array_get(els, (size_t)i));
        connectors += (s.els[i].flags & LX_F_CONNECT) != 0;
    }
    assert_true(connectors > 10);
    json_decref(root);
    /* the CLI writes the same bytes */
    lx_buf cli;
    lx_buf_init(&cli);
    draw("deepseek-v3", "json", &cli);
    assert_int_equal(cli.len, b.len);
    assert_memory_equal(cli.data, b.data, b.len);
    lx_buf_free(&cli);
    lx_buf_free(&b);
    lx_scene_free(&s);
    lx_desc_free(d);
    lx_measure_free(m);
    lx_arch_free(&a);
    lx_source_free(&src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mermaid_escapes),
        cmocka_unit_test(test_dot_escapes),
        cmocka_unit_test(test_goldens_match),
        cmocka_unit_test(test_llama_flowchart_says_what_the_diagram_says),
        cmocka_unit_test(test_moe_and_mla_insets),
        cmocka_unit_test(test_dot_accepts_every_catalogue_model),
        cmocka_unit_test(test_mermaid_classes_are_defined),
        cmocka_unit_test(test_mermaid_parser_accepts_the_goldens),
        cmocka_unit_test(test_scene_json_holds_the_scene),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
