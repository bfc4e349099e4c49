/* Tests the back ends: SVG is well-formed XML (xmllint) with stable ids and escaped model
 * strings; PNG and PDF have plausible sizes and ink; the terminal diagram keeps to its
 * width, to 7 bits with --ascii, and lets no escape sequence from a file through; theme
 * colours keep text readable; and the golden SVG / text files still match
 * (scripts/regen-golden.sh regenerates them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo.h>

#include "arch_fixtures.h"
#include "draw_support.h"
#include "model/catalogue.h"
#include "layout/check.h"
#include "render/cairo.h"
#include "pipeline/pipeline.h"
#include "render/svg.h"
#include "render/theme.h"

static int setup(void **state)
{
    (void)state;
    lx_test_draw_init();
    return 0;
}

/* A format by name and the options every back end reads. */
typedef struct lx_draw_opts {
    const char *format;
    lx_theme_id theme;
    double scale;
    int width;
    bool ascii, color;
} lx_draw_opts;

static lx_render_opts ropts(const lx_draw_opts *o)
{
    return (lx_render_opts){o->theme, o->scale, o->width, o->ascii, o->color, LX_PAGE_NONE, 0, NULL};
}

static const lx_out_format *fmt(const lx_draw_opts *o)
{
    const lx_out_format *f = lx_formats_find(o->format, LX_PRODUCT_DIAGRAM);
    assert_non_null(f);
    return f;
}

static lx_status draw_model(const char *what, const lx_draw_opts *o, lx_buf *out, lx_err *err)
{
    lx_render_opts r = ropts(o);
    return lx_pipeline_draw(what, NULL, fmt(o), &r, out, err);
}

static void draw_fixture(fx_model m, const lx_draw_opts *o, lx_buf *out)
{
    lx_arch a;
    lx_err err = {0};
    fx_arch(m, &a);
    lx_render_opts r = ropts(o);
    lx_status st = lx_pipeline_diagram(&a, fmt(o), &r, out, &err);
    if (st != LX_OK) fprintf(stderr, "%s\n", err.msg);
    assert_int_equal(st, LX_OK);
    fx_arch_free(&a);
}

static lx_draw_opts opts(const char *f)
{
    lx_render_opts d = lx_render_defaults();
    lx_draw_opts o = {f, d.theme, d.scale, d.width, d.ascii, d.color};
    return o;
}

static void write_tmp(const char *name, const lx_buf *b, char *path, size_t cap)
{
    char msg[256];
    snprintf(path, cap, "%s/%s", LX_TMP_DIR, name);
    assert_true(lx_buf_write_file(b, path, msg, sizeof msg));
}

/* ---- SVG ---- */

static void test_svg_is_wellformed_xml(void **state)
{
    (void)state;
    for (int m = 0; m < FX_COUNT; m++) {
        for (int t = 0; t < LX_THEME_COUNT; t++) {
            lx_draw_opts o = opts("svg");
            o.theme = (lx_theme_id)t;
            lx_buf b;
            lx_buf_init(&b);
            draw_fixture((fx_model)m, &o, &b);
            char name[64], path[512], cmd[700];
            snprintf(name, sizeof name, "render-%s-%d.svg", fx_name((fx_model)m), t);
            write_tmp(name, &b, path, sizeof path);
            snprintf(cmd, sizeof cmd, "xmllint --noout '%s' 2>&1", path);
            lx_buf msg;
            lx_buf_init(&msg);
            int rc = lx_test_run(cmd, &msg);
            if (rc != 0) fprintf(stderr, "%s", lx_buf_cstr(&msg));
            assert_int_equal(rc, 0);
            assert_non_null(strstr(lx_buf_cstr(&b), "<text id=\"title\""));
            assert_non_null(strstr(lx_buf_cstr(&b), "<title>"));
            lx_buf_free(&msg);
            lx_buf_free(&b);
        }
    }
}

static void test_svg_structure(void **state)
{
    (void)state;
    lx_buf b;
    lx_buf_init(&b);
    lx_draw_opts o = opts("svg");
    draw_fixture(FX_LLAMA31_8B, &o, &b);
    const char *s = lx_buf_cstr(&b);
    assert_non_null(strstr(s, ">Llama 3.1 8B</text>"));
    assert_non_null(strstr(s, ">Masked grouped-query attention</text>"));
    assert_non_null(strstr(s, ">× 32</text>"));
    assert_non_null(strstr(s, ">4,096 → 1,024 (8 × 128)</text>"));
    assert_non_null(strstr(s, ">8,030,261,248</text>"));
    assert_non_null(strstr(s, "<g id=\"block0.attn\"><title>attention, per layer: 41,943,040 parameters, 83.89 MB</title>"));
    assert_non_null(strstr(s, "id=\"leader.attn\""));
    assert_non_null(strstr(s, "marker-end=\"url(#arrow-444444)\""));
    assert_non_null(strstr(s, "<rect id=\"background\" width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>"));
    lx_buf_free(&b);
    lx_buf_init(&b);
    o.theme = LX_THEME_DARK;
    draw_fixture(FX_LLAMA31_8B, &o, &b);
    assert_non_null(strstr(lx_buf_cstr(&b), "fill=\"#17191E\"/>"));
    lx_buf_free(&b);
}

/* Nothing from the hostile name reaches the SVG raw. */
static void test_svg_escapes_model_strings(void **state)
{
    (void)state;
    lx_buf b;
    lx_buf_init(&b);
    lx_draw_opts o = opts("svg");
    draw_fixture(FX_HOSTILE, &o, &b);
    const char *s = lx_buf_cstr(&b);
    assert_null(strstr(s, "<script"));
    assert_null(strstr(s, "<b>"));
    assert_null(memchr(s, 0x1b, b.len));
    assert_null(memchr(s, 0x07, b.len));
    assert_null(strstr(s, "\xe2\x80\xae"));
    assert_non_null(strstr(s, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\x1B[31mred\\x1B[0m [U+202E]evil"));
    assert_non_null(strstr(s, "ll&lt;b&gt;ama\\x07"));
    lx_buf_free(&b);
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The heatmap primitive (for the `inside` poster): cells through the colour scale, labels
 * as checked text, the same grid in SVG and PNG. */
static void test_heatmap_primitive(void **state)
{
    (void)state;
    lx_measure *m = NULL;
    lx_err err = {0};
    assert_int_equal(lx_measure_new(&m, &err), LX_OK);
    lx_scene s;
    lx_scene_init(&s, m);
    static const float v[6] = {0.0f, 0.5f, 1.0f, 1.0f, 0.25f, 0.0f};
    static const char *const rows[] = {"query 0", "query 1"}, *const cols[] = {"a", "b", "c"};
    lx_heatmap_spec h = {.values = v, .rows = 2, .cols = 3, .vmin = 0, .vmax = 1, .scale = LX_SCALE_SEQUENTIAL,
                         .kind = LX_KIND_ATTENTION, .row_labels = rows, .col_labels = cols,
                         .label_font = {11.5, false, false}};
    int hm = lx_scene_heatmap(&s, "attn.map", -1, (lx_rect){100, 40, 90, 60}, &h);
    assert_true(hm >= 0);
    lx_scene_fit_canvas(&s, 20);
    lx_buf out;
    lx_buf_init(&out);
    assert_int_equal(lx_check_scene(&s, &out), 0);
    const lx_theme *t = lx_theme_get(LX_THEME_LIGHT);
    assert_int_equal(lx_svg_render(&s, t, &out, &err), LX_OK);
    const char *svg = lx_buf_cstr(&out);
    char want[160], hex[8];
    lx_rgb_hex(t->kind[LX_KIND_ATTENTION].strong, hex); /* value 1 = the full kind colour */
    snprintf(want, sizeof want, "<rect x=\"160\" y=\"40\" width=\"30\" height=\"30\" fill=\"%s\"/>", hex);
    assert_non_null(strstr(svg, want));
    lx_rgb_hex(t->background, hex); /* value 0 = the background */
    snprintf(want, sizeof want, "<rect x=\"100\" y=\"40\" width=\"30\" height=\"30\" fill=\"%s\"/>", hex);
    assert_non_null(strstr(svg, want));
    assert_non_null(strstr(svg, "id=\"attn.map.row1\""));
    assert_non_null(strstr(svg, ">query 1</text>"));
    lx_buf png;
    lx_buf_init(&png);
    assert_int_equal(lx_cairo_render(&s, t, LX_CAIRO_PNG, 2, &png, &err), LX_OK);
    assert_int_equal(be32((const unsigned char *)png.data + 16), 2 * (unsigned)s.width);
    lx_buf_free(&png);
    lx_buf_free(&out);
    lx_scene_free(&s);
    lx_measure_free(m);
}

/* ---- PNG and PDF ---- */

typedef struct png_reader { const unsigned char *p; size_t n, off; } png_reader;

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int len)
{
    png_reader *r = closure;
    if (r->off + len > r->n) return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->p + r->off, len);
    r->off += len;
    return CAIRO_STATUS_SUCCESS;
}

/* Share of pixels that differ from the top-left (background) pixel. */
static double ink_share(const lx_buf *png)
{
    png_reader r = {(const unsigned char *)png->data, png->len, 0};
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(png_read, &r);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s), stride = cairo_image_surface_get_stride(s);
    const unsigned char *px = cairo_image_surface_get_data(s);
    uint32_t bg = *(const uint32_t *)px & 0xFFFFFF;
    size_t ink = 0;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) ink += ((*(const uint32_t *)(px + (size_t)y * stride + (size_t)x * 4)) & 0xFFFFFF) != bg;
    cairo_surface_destroy(s);
    return (double)ink / ((double)w * h);
}

static void test_png_size_and_ink(void **state)
{
    (void)state;
    lx_buf svg, png1, png2;
    lx_buf_init(&svg);
    lx_buf_init(&png1);
    lx_buf_init(&png2);
    lx_draw_opts o = opts("svg");
    draw_fixture(FX_DEEPSEEK_V3, &o, &svg);
    unsigned w = 0, h = 0;
    assert_int_equal(sscanf(lx_buf_cstr(&svg), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%u\" height=\"%u\"", &w, &h), 2);
    o.format = "png";
    draw_fixture(FX_DEEPSEEK_V3, &o, &png1);
    o.scale = 2;
    draw_fixture(FX_DEEPSEEK_V3, &o, &png2);
    const unsigned char *p = (const unsigned char *)png1.data;
    assert_memory_equal(p, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(p + 12, "IHDR", 4);
    assert_int_equal(be32(p + 16), w);
    assert_int_equal(be32(p + 20), h);
    assert_true(w > 1000 && h > 1000);
    assert_int_equal(be32((const unsigned char *)png2.data + 16), 2 * w);
    assert_int_equal(be32((const unsigned char *)png2.data + 20), 2 * h);
    double ink = ink_share(&png1);
    assert_true(ink > 0.05 && ink < 0.9);
    lx_buf_free(&svg);
    lx_buf_free(&png1);
    lx_buf_free(&png2);
}

static void test_pdf_has_a_page(void **state)
{
    (void)state;
    lx_buf b;
    lx_buf_init(&b);
    lx_draw_opts o = opts("pdf");
    draw_fixture(FX_GEMMA2_9B, &o, &b);
    assert_true(b.len > 10000);
    assert_memory_equal(b.data, "%PDF-", 5);
    assert_non_null(strstr(b.data + b.len - 8, "%%EOF"));
    bool page = false;
    for (size_t i = 0; i + 10 < b.len && !page; i++) page = !memcmp(b.data + i, "/Type /Page", 11);
    assert_true(page);
    lx_buf_free(&b);
}

/* ---- terminal ---- */

static int line_cols(const char *p, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n; i++) w += ((unsigned char)p[i] & 0xC0) != 0x80;
    return w;
}

static void assert_width(const lx_buf *b, int width)
{
    const char *p = lx_buf_cstr((lx_buf *)b);
    while (*p) {
        size_t n = strcspn(p, "\n");
        if (line_cols(p, n) > width) fprintf(stderr, "too wide: %.*s\n", (int)n, p);
        assert_true(line_cols(p, n) <= width);
        p += n + (p[n] == '\n');
    }
}

static void test_term_fits_width(void **state)
{
    (void)state;
    static const int widths[] = {100, 60, 140};
    for (int m = 0; m < FX_COUNT; m++) {
        for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
            lx_draw_opts o = opts("txt");
            o.width = widths[k];
            lx_buf b;
            lx_buf_init(&b);
            draw_fixture((fx_model)m, &o, &b);
            assert_width(&b, widths[k]);
            assert_null(memchr(b.data, 0x1b, b.len));
            lx_buf_free(&b);
        }
    }
}

/* Every catalogue model's text diagram keeps to 100 and to 60 columns, in 7 bits with --ascii. */
static void test_term_fits_width_catalogue(void **state)
{
    (void)state;
    for (size_t i = 0; i < lx_catalogue_count(); i++) {
        for (int w = 60; w <= 100; w += 40) {
            lx_draw_opts o = opts("txt");
            o.width = w;
            o.ascii = w == 60;
            lx_buf b;
            lx_buf_init(&b);
            lx_err err = {0};
            assert_int_equal(draw_model(lx_catalogue_at(i)->slug, &o, &b, &err), LX_OK);
            assert_width(&b, w);
            for (size_t k = 0; o.ascii && k < b.len; k++) assert_true((unsigned char)b.data[k] < 0x80);
            lx_buf_free(&b);
        }
    }
}

static void test_term_ascii_is_7bit(void **state)
{
    (void)state;
    for (int m = 0; m < FX_COUNT; m++) {
        lx_draw_opts o = opts("txt");
        o.ascii = true;
        lx_buf b;
        lx_buf_init(&b);
        draw_fixture((fx_model)m, &o, &b);
        for (size_t i = 0; i < b.len; i++) assert_true((unsigned char)b.data[i] < 0x80);
        assert_width(&b, 100);
        lx_buf_free(&b);
    }
    lx_draw_opts o = opts("txt");
    o.ascii = true;
    lx_buf b;
    lx_buf_init(&b);
    draw_fixture(FX_LLAMA31_8B, &o, &b);
    assert_non_null(strstr(lx_buf_cstr(&b), "4,096 -> 1,024 (8 x 128)"));
    assert_non_null(strstr(lx_buf_cstr(&b), "[RoPE - theta = 500,000 - llama3 x8]"));
    lx_buf_free(&b);
}

/* With colour on, every escape is one of our SGR sequences; the hostile name's own
 * escapes and bidi controls are shown, not obeyed. */
static void test_term_colour_and_hostile_name(void **state)
{
    (void)state;
    lx_draw_opts o = opts("txt");
    o.color = true;
    lx_buf b;
    lx_buf_init(&b);
    draw_fixture(FX_HOSTILE, &o, &b);
    const char *s = lx_buf_cstr(&b);
    int sgr = 0;
    for (const char *p = s; (p = strchr(p, 0x1b)) != NULL; p++, sgr++) {
        assert_int_equal(p[1], '[');
        size_t n = strspn(p + 2, "0123456789;");
        assert_int_equal(p[2 + n], 'm');
    }
    assert_true(sgr > 50);
    assert_null(strstr(s, "\xe2\x80\xae"));
    assert_non_null(strstr(s, "\\x1B[31mred\\x1B[0m [U+202E]evil"));
    assert_non_null(strstr(s, "\x1b[0;1;38;5;166mMasked grouped-query attention"));
    lx_buf_free(&b);
}

/* ---- theme ---- */

static double lum(lx_rgb c)
{
    double ch[3];
    for (int i = 0; i < 3; i++) {
        double v = ((c >> (16 - 8 * i)) & 0xFF) / 255.0;
        ch[i] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

static double contrast(lx_rgb a, lx_rgb b)
{
    double x = lum(a), y = lum(b);
    return (fmax(x, y) + 0.05) / (fmin(x, y) + 0.05);
}

/* WCAG AA (4.5:1) for body text, titles and figures on every fill they sit on. */
static void test_theme_text_contrast(void **state)
{
    (void)state;
    for (int t = 0; t < LX_THEME_COUNT; t++) {
        const lx_theme *th = lx_theme_get((lx_theme_id)t);
        static const lx_ink inks[] = {LX_INK_TEXT, LX_INK_MUTED, LX_INK_FAINT, LX_INK_TITLE};
        for (size_t i = 0; i < sizeof inks / sizeof inks[0]; i++) {
            assert_true(contrast(th->ink[inks[i]], th->background) >= 4.5);
            assert_true(contrast(th->ink[inks[i]], th->group) >= 4.5);
        }
        for (int k = 0; k < LX_KIND_COUNT; k++) {
            const lx_kind_colors *c = &th->kind[k];
            if (contrast(c->stroke, c->fill) < 4.5 || contrast(th->ink[LX_INK_TEXT], c->fill) < 4.5 ||
                contrast(th->ink[LX_INK_MUTED], c->fill) < 4.5 || contrast(c->stroke, th->panel) < 4.5)
                fprintf(stderr, "theme %s kind %d: title %.2f text %.2f muted %.2f on panel %.2f\n", th->name, k,
                        contrast(c->stroke, c->fill), contrast(th->ink[LX_INK_TEXT], c->fill),
                        contrast(th->ink[LX_INK_MUTED], c->fill), contrast(c->stroke, th->panel));
            assert_true(contrast(c->stroke, c->fill) >= 4.5);
            assert_true(contrast(th->ink[LX_INK_TEXT], c->fill) >= 4.5);
            assert_true(contrast(th->ink[LX_INK_MUTED], c->fill) >= 4.5);
            assert_true(contrast(c->stroke, th->panel) >= 4.5);
        }
    }
}

/* ---- goldens ---- */

static void check_golden(const char *model, const char *golden, const char *f)
{
    char path[1024], gpath[1024];
    if (model[0] == '@') snprintf(path, sizeof path, "%s/models/%s", LX_SHARED_DIR, model + 1);
    else if (model[0] == '%') snprintf(path, sizeof path, "%s/configs/%s/config.json", LX_SHARED_DIR, model + 1);
    else snprintf(path, sizeof path, "%s", model);
    snprintf(gpath, sizeof gpath, "%s/tests/golden/%s", LX_SOURCE_DIR, golden);
    lx_draw_opts o = opts(f);
    lx_buf got, want;
    lx_buf_init(&got);
    lx_buf_init(&want);
    lx_err err = {0};
    assert_int_equal(draw_model(path, &o, &got, &err), LX_OK);
    assert_true(lx_test_read_file(gpath, &want));
    if (got.len != want.len || memcmp(got.data, want.data, got.len) != 0) {
        char tmp[512];
        write_tmp(golden, &got, tmp, sizeof tmp);
        fprintf(stderr, "%s differs from %s (diff them; scripts/regen-golden.sh updates the goldens)\n", tmp, gpath);
        fail();
    }
    lx_buf_free(&got);
    lx_buf_free(&want);
}

static void test_goldens(void **state)
{
    (void)state;
    static const struct { const char *model, *name; } g[] = {
        {"@stories260K.gguf", "stories260K"}, {"llama-3.1-8b", "llama-3.1-8b"},
        {"deepseek-v3", "deepseek-v3"}, {"gemma-2-9b", "gemma-2-9b"},
        {"%qwen3-next-80b-a3b", "qwen3-next-80b-a3b"}, {"%nemotron-h-56b", "nemotron-h-56b"},
        {"%gemma-4-31b", "gemma-4-31b"}, {"t5-small", "t5-small"}, {"bert-base-uncased", "bert-base-uncased"},
        {"%bert-base-uncased-seqcls", "bert-base-uncased-seqcls"},
        {"%qwen3-vl-8b-instruct", "qwen3-vl-8b-instruct"},
        {"@mmproj-tinygemma3.gguf", "mmproj-tinygemma3"},
    };
    for (size_t i = 0; i < sizeof g / sizeof g[0]; i++) {
        char name[96];
        snprintf(name, sizeof name, "%s.svg", g[i].name);
        check_golden(g[i].model, name, "svg");
        snprintf(name, sizeof name, "%s.txt", g[i].name);
        check_golden(g[i].model, name, "txt");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svg_is_wellformed_xml),
        cmocka_unit_test(test_svg_structure),
        cmocka_unit_test(test_svg_escapes_model_strings),
        cmocka_unit_test(test_heatmap_primitive),
        cmocka_unit_test(test_png_size_and_ink),
        cmocka_unit_test(test_pdf_has_a_page),
        cmocka_unit_test(test_term_fits_width),
        cmocka_unit_test(test_term_fits_width_catalogue),
        cmocka_unit_test(test_term_ascii_is_7bit),
        cmocka_unit_test(test_term_colour_and_hostile_name),
        cmocka_unit_test(test_theme_text_contrast),
        cmocka_unit_test(test_goldens),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
