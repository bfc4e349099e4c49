/* Tests render/page, the plan that puts a scene on sheets of paper: the paper names; a small
 * scene goes on one sheet, scaled to fit, in the orientation that draws it larger; a poster
 * too large for legible text on one sheet is split over sheets at the scale that puts its
 * smallest text at 7 pt, the sheets tile the whole scene, each band fits its paper inside
 * the margins, the orientation needing fewer sheets wins, and a cut moves above a text it
 * would cross; a scene needing more than the limit is refused. And `inside --page`: a PDF of
 * one page per sheet at the paper's size, PNG sheets named FILE-1.png ... at 150 dpi, and
 * usage errors for an unknown paper and for SVG. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include "draw_support.h"
#include "layout/measure.h"
#include "layout/scene.h"
#include "render/page.h"

#define STORIES LX_SHARED_DIR "/models/stories260K.gguf"
#define A4_W 595.276
#define A4_H 841.89

typedef struct fixture {
    lx_measure *m;
    lx_scene s;
} fixture;

/* A scene w × h with one text of `size` units at (x, y) (baseline). */
static void scene_of(fixture *f, double w, double h, double size, double x, double y)
{
    lx_err err = {0};
    assert_int_equal(lx_measure_new(&f->m, &err), LX_OK);
    lx_scene_init(&f->s, f->m);
    lx_scene_text(&f->s, "t", -1, (lx_font){size, false, false}, LX_INK_TEXT, LX_ANCHOR_START, x, y, "Mg text");
    f->s.width = w, f->s.height = h;
}

static void fixture_free(fixture *f)
{
    lx_scene_free(&f->s);
    lx_measure_free(f->m);
}

/* The sheets tile [0, W] × [0, H] row by row, and every band fits inside the margins. */
static void expect_tiling(const lx_scene *s, const lx_page_plan *p)
{
    assert_int_equal(p->n_sheets, p->cols * p->rows);
    double pw = p->w_pt - 2 * LX_PAGE_MARGIN_PT, ph = p->h_pt - 2 * LX_PAGE_MARGIN_PT;
    for (size_t r = 0; r < p->rows; r++)
        for (size_t c = 0; c < p->cols; c++) {
            const lx_page_sheet *sh = &p->sheets[r * p->cols + c];
            assert_true(sh->w * p->scale <= pw + 1e-6 && sh->h * p->scale <= ph + 1e-6);
            assert_true(fabs(sh->x - (c ? p->sheets[r * p->cols + c - 1].x + p->sheets[r * p->cols + c - 1].w : 0)) < 1e-9);
            assert_true(fabs(sh->y - (r ? p->sheets[(r - 1) * p->cols + c].y + p->sheets[(r - 1) * p->cols + c].h : 0)) <
                        1e-9);
        }
    const lx_page_sheet *last = &p->sheets[p->n_sheets - 1];
    assert_true(fabs(last->x + last->w - s->width) < 1e-9 && fabs(last->y + last->h - s->height) < 1e-9);
}

static void test_names(void **state)
{
    (void)state;
    assert_int_equal(lx_page_parse("a4"), LX_PAGE_A4);
    assert_int_equal(lx_page_parse("a3"), LX_PAGE_A3);
    assert_int_equal(lx_page_parse("letter"), LX_PAGE_LETTER);
    assert_int_equal(lx_page_parse("A4"), LX_PAGE_NONE);
    assert_int_equal(lx_page_parse("b5"), LX_PAGE_NONE);
    assert_null(lx_page_size_of(LX_PAGE_NONE));
    assert_true(fabs(lx_page_size_of(LX_PAGE_LETTER)->w_pt - 612) < 1e-9);
    char names[64];
    lx_page_names(names, sizeof names);
    assert_string_equal(names, "a4, a3, letter");
}

/* 800 × 400 units, text 10: landscape A4 draws it at (841.89 - 48) / 800 = 0.992 pt a unit
 * (portrait would give 0.684): one sheet, text 9.9 pt. */
static void test_small_scene_one_sheet(void **state)
{
    (void)state;
    fixture f;
    scene_of(&f, 800, 400, 10, 20, 40);
    lx_page_plan p;
    assert_true(lx_page_plan_make(&f.s, LX_PAGE_A4, &p));
    assert_int_equal(p.n_sheets, 1);
    assert_true(p.landscape);
    assert_true(fabs(p.w_pt - A4_H) < 1e-9 && fabs(p.h_pt - A4_W) < 1e-9);
    assert_true(fabs(p.scale - (A4_H - 48) / 800) < 1e-9);
    assert_true(fabs(p.min_text_pt - 10 * p.scale) < 1e-9);
    expect_tiling(&f.s, &p);
    fixture_free(&f);
}

/* 2000 × 4000 units with 9.5-unit text: on one A4 sheet the text would be 1.9 pt, so the
 * scale is 7 / 9.5 and the poster needs 1474 × 2947 pt: portrait (547 × 794 printable) takes
 * 3 × 4 = 12 sheets, landscape 2 × 6 = 12 too; at equal scales portrait stays. */
static void test_large_scene_split(void **state)
{
    (void)state;
    fixture f;
    scene_of(&f, 2000, 4000, 9.5, 20, 40);
    lx_page_plan p;
    assert_true(lx_page_plan_make(&f.s, LX_PAGE_A4, &p));
    assert_true(fabs(p.scale - 7.0 / 9.5) < 1e-9);
    assert_true(fabs(p.min_text_pt - 7.0) < 1e-9);
    assert_false(p.landscape);
    assert_int_equal(p.cols, 3);
    assert_int_equal(p.rows, 4);
    expect_tiling(&f.s, &p);
    fixture_free(&f);
}

/* A wide scene: landscape needs fewer sheets (2000 × 600 units at 7/9.5: 1474 × 442 pt; portrait
 * 3 × 1, landscape 2 × 1). */
static void test_orientation_fewer_sheets(void **state)
{
    (void)state;
    fixture f;
    scene_of(&f, 2000, 600, 9.5, 20, 40);
    lx_page_plan p;
    assert_true(lx_page_plan_make(&f.s, LX_PAGE_A4, &p));
    assert_true(p.landscape);
    assert_int_equal(p.n_sheets, 2);
    expect_tiling(&f.s, &p);
    fixture_free(&f);
}

/* A text across the natural cut (a sheet of A4 portrait holds 793.89 / (7/9.5) = 1077.4 units):
 * the first band ends above the text's top. */
static void test_cut_avoids_text(void **state)
{
    (void)state;
    fixture f;
    scene_of(&f, 700, 3000, 9.5, 20, 1080);
    int t = 0;
    double top = f.s.els[t].r.y;
    assert_true(top < 1077.4 && f.s.els[t].r.y + f.s.els[t].r.h > 1077.4);
    lx_page_plan p;
    assert_true(lx_page_plan_make(&f.s, LX_PAGE_A4, &p));
    assert_false(p.landscape);
    assert_true(p.sheets[0].h <= top);
    assert_true(p.sheets[0].h > top - 3);
    expect_tiling(&f.s, &p);
    fixture_free(&f);
}

static void test_too_many_sheets(void **state)
{
    (void)state;
    fixture f;
    scene_of(&f, 20000, 20000, 9.5, 20, 40);
    lx_page_plan p;
    assert_false(lx_page_plan_make(&f.s, LX_PAGE_A4, &p));
    fixture_free(&f);
}

/* ---- the CLI ---- */

static int run(const char *args, lx_buf *err_out)
{
    return lx_test_cli(LX_BINARY, LX_TMP_DIR, "page.stderr", args, NULL, err_out);
}

static size_t count(const lx_buf *b, const char *what)
{
    size_t n = 0, k = strlen(what);
    for (size_t i = 0; i + k <= b->len; i++)
        if (!memcmp(b->data + i, what, k)) n++;
    return n;
}

/* The PDF has as many pages as the A4 plan of the poster has sheets (stories260K: more
 * than one), each of A4's size in one orientation. */
static void test_cli_pdf_pages(void **state)
{
    (void)state;
    char path[512], args[1200];
    lx_test_tmp_path(path, sizeof path, LX_TMP_DIR, "page.pdf");
    snprintf(args, sizeof args, "inside '%s' --prompt 'Once upon a time' -n 2 --page a4 -o '%s'", STORIES, path);
    assert_int_equal(run(args, NULL), 0);
    lx_buf b;
    lx_buf_init(&b);
    assert_true(lx_test_read_file(path, &b));
    size_t pages = count(&b, "/Type /Page ") + count(&b, "/Type /Page\n");
    size_t portrait = count(&b, "/MediaBox [ 0 0 595.276 841.89 ]"), landscape = count(&b, "/MediaBox [ 0 0 841.89 595.276 ]");
    assert_true(pages > 1);
    assert_true(portrait == pages || landscape == pages);
    lx_buf_free(&b);
}

/* PNG on paper: FILE-1.png ... at 150 dpi (A3: 1754 × 2481 pixels, or turned), FILE.png not
 * written, the sheets named on stderr. */
static void test_cli_png_sheets(void **state)
{
    (void)state;
    char path[512], first[512], args[1200];
    lx_test_tmp_path(path, sizeof path, LX_TMP_DIR, "page.png");
    lx_test_tmp_path(first, sizeof first, LX_TMP_DIR, "page-1.png");
    unlink(path), unlink(first);
    snprintf(args, sizeof args, "inside '%s' --prompt 'Once upon a time' -n 2 --page a3 -o '%s'", STORIES, path);
    lx_buf err;
    lx_buf_init(&err);
    assert_int_equal(run(args, &err), 0);
    assert_non_null(strstr(lx_buf_cstr(&err), "a3 sheets with text of 7 pt or more: wrote "));
    lx_buf_free(&err);
    assert_int_not_equal(access(path, F_OK), 0);
    cairo_surface_t *s = cairo_image_surface_create_from_png(first);
    assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    assert_true((w == 1754 && h == 2481) || (w == 2481 && h == 1754));
    cairo_surface_destroy(s);
}

static void test_cli_usage(void **state)
{
    (void)state;
    char path[512], args[1200];
    lx_buf err;
    lx_test_tmp_path(path, sizeof path, LX_TMP_DIR, "page-bad.pdf");
    snprintf(args, sizeof args, "inside '%s' --page b5 -o '%s'", STORIES, path);
    lx_buf_init(&err);
    assert_int_equal(run(args, &err), 2);
    assert_non_null(strstr(lx_buf_cstr(&err), "--page is one of a4, a3, letter (got 'b5')"));
    lx_buf_free(&err);
    lx_test_tmp_path(path, sizeof path, LX_TMP_DIR, "page-bad.svg");
    snprintf(args, sizeof args, "inside '%s' --page a4 -o '%s'", STORIES, path);
    lx_buf_init(&err);
    assert_int_equal(run(args, &err), 2);
    assert_non_null(strstr(lx_buf_cstr(&err), "--page prints .png and .pdf files (not svg)"));
    lx_buf_free(&err);
}

int main(void)
{
    lx_test_draw_init();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_small_scene_one_sheet),
        cmocka_unit_test(test_large_scene_split),
        cmocka_unit_test(test_orientation_fewer_sheets),
        cmocka_unit_test(test_cut_avoids_text),
        cmocka_unit_test(test_too_many_sheets),
        cmocka_unit_test(test_cli_pdf_pages),
        cmocka_unit_test(test_cli_png_sheets),
        cmocka_unit_test(test_cli_usage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
