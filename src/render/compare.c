/* render/compare — see compare.h. */
#include "render/compare.h"

#include <stdio.h>
#include <string.h>

#include "layout/compare_layout.h"
#include "open/source.h"

#define ACCENT_ON "\x1b[1;31m"
#define ACCENT_OFF "\x1b[0m"

/* ---- text table ---- */

/* Terminal columns of UTF-8 text (one per character; our values are narrow). */
static size_t columns(const char *s)
{
    size_t n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Appends s sanitized for a terminal, padded with spaces to `width` columns. */
static void put_cell(lx_buf *b, const char *s, size_t width)
{
    lx_buf t;
    lx_buf_init(&t);
    lx_buf_put_term(&t, s);
    const char *c = lx_buf_cstr(&t);
    lx_buf_puts(b, c);
    for (size_t n = columns(c); n < width; n++) lx_buf_putc(b, ' ');
    lx_buf_free(&t);
}

static size_t term_columns(const char *s)
{
    lx_buf t;
    lx_buf_init(&t);
    lx_buf_put_term(&t, s);
    size_t n = columns(lx_buf_cstr(&t));
    lx_buf_free(&t);
    return n;
}

typedef struct text_cols {
    size_t label, value[LX_DIFF_MAX_MODELS];
} text_cols;

static text_cols measure_text(const lx_diff *d)
{
    text_cols w = {0};
    for (int m = 0; m < d->n_models; m++) w.value[m] = term_columns(d->models[m]->hp.name);
    for (int i = 0; i < d->n_rows; i++) {
        const lx_diff_row *r = &d->rows[i];
        if (!r->applies) continue;
        if (strlen(r->def->label) + 2 > w.label) w.label = strlen(r->def->label) + 2;
        for (int m = 0; m < d->n_models; m++)
            if (term_columns(r->v[m].text) > w.value[m]) w.value[m] = term_columns(r->v[m].text);
    }
    return w;
}

static void text_line(lx_buf *b, const lx_diff *d, const text_cols *w, const lx_diff_row *r, bool color)
{
    bool on = r->differs;
    if (on && color) lx_buf_puts(b, ACCENT_ON);
    lx_buf_puts(b, on ? "* " : "  ");
    put_cell(b, r->def->label, w->label);
    for (int m = 0; m < d->n_models; m++) {
        lx_buf_puts(b, "  ");
        put_cell(b, r->v[m].text, m + 1 < d->n_models ? w->value[m] : 0);
    }
    if (on && color) lx_buf_puts(b, ACCENT_OFF);
    lx_buf_putc(b, '\n');
}

void lx_compare_text(const lx_diff *d, bool color, lx_buf *out)
{
    text_cols w = measure_text(d);
    for (int m = 0; m < d->n_models; m++) {
        if (m) lx_buf_puts(out, " vs ");
        lx_buf_put_term(out, d->models[m]->hp.name);
    }
    lx_buf_printf(out, ": %d of %d compared properties differ (marked *)\n\n", d->n_differ, d->n_applies);
    lx_buf_printf(out, "  %*s", (int)w.label, "");
    for (int m = 0; m < d->n_models; m++) {
        lx_buf_puts(out, "  ");
        put_cell(out, d->models[m]->hp.name, m + 1 < d->n_models ? w.value[m] : 0);
    }
    lx_buf_putc(out, '\n');
    const char *section = NULL;
    for (int i = 0; i < d->n_rows; i++) {
        const lx_diff_row *r = &d->rows[i];
        if (!r->applies) continue;
        if (!section || strcmp(section, r->def->section)) lx_buf_printf(out, "%s\n", section = r->def->section);
        text_line(out, d, &w, r, color);
    }
}

/* ---- JSON ---- */

static void json_value(lx_buf *b, const lx_diff_val *v)
{
    switch (v->type) {
    case LX_DIFF_INT: lx_buf_printf(b, "%llu", (unsigned long long)v->u); break;
    case LX_DIFF_REAL: lx_buf_printf(b, "%.17g", v->d); break;
    case LX_DIFF_BOOL: lx_buf_puts(b, v->b ? "true" : "false"); break;
    case LX_DIFF_STR: lx_buf_put_json(b, v->s); break;
    default: lx_buf_puts(b, "null"); break;
    }
}

static void json_models(lx_buf *b, const lx_diff *d, const char *const *names)
{
    lx_buf_puts(b, "  \"models\": [");
    for (int m = 0; m < d->n_models; m++) {
        const lx_arch *a = d->models[m];
        lx_buf_puts(b, m ? ",\n    {\"name\": " : "\n    {\"name\": ");
        lx_buf_put_json(b, a->hp.name);
        lx_buf_puts(b, ", \"source\": ");
        lx_buf_put_json(b, names && names[m] ? names[m] : "");
        lx_buf_puts(b, ", \"format\": ");
        lx_buf_put_json(b, lx_format_name(a->format));
        lx_buf_puts(b, "}");
    }
    lx_buf_puts(b, "\n  ],\n");
}

static void json_row(lx_buf *b, const lx_diff *d, const lx_diff_row *r)
{
    lx_buf_puts(b, "    {\"key\": ");
    lx_buf_put_json(b, r->def->key);
    lx_buf_puts(b, ", \"section\": ");
    lx_buf_put_json(b, r->def->section);
    lx_buf_puts(b, ", \"label\": ");
    lx_buf_put_json(b, r->def->label);
    lx_buf_printf(b, ", \"applies\": %s, \"differs\": %s, \"values\": [", r->applies ? "true" : "false",
                  r->differs ? "true" : "false");
    for (int m = 0; m < d->n_models; m++) {
        if (m) lx_buf_puts(b, ", ");
        json_value(b, &r->v[m]);
    }
    lx_buf_puts(b, "], \"text\": [");
    for (int m = 0; m < d->n_models; m++) {
        if (m) lx_buf_puts(b, ", ");
        lx_buf_put_json(b, r->v[m].text);
    }
    lx_buf_puts(b, "]}");
}

void lx_compare_json(const lx_diff *d, const char *const *names, lx_buf *out)
{
    lx_buf_puts(out, "{\n");
    json_models(out, d, names);
    lx_buf_printf(out, "  \"n_compared\": %d,\n  \"n_differ\": %d,\n  \"differences\": [", d->n_applies, d->n_differ);
    for (int i = 0, k = 0; i < d->n_rows; i++) {
        if (!d->rows[i].differs) continue;
        if (k++) lx_buf_puts(out, ", ");
        lx_buf_put_json(out, d->rows[i].def->key);
    }
    lx_buf_puts(out, "],\n  \"rows\": [\n");
    for (int i = 0; i < d->n_rows; i++) {
        json_row(out, d, &d->rows[i]);
        lx_buf_puts(out, i + 1 < d->n_rows ? ",\n" : "\n");
    }
    lx_buf_puts(out, "  ]\n}\n");
}

/* ---- picture ---- */

/* The interactive page: two models' tensors behind their spines ("a." and "b." boxes). */
static lx_status compare_page(const lx_diff *d, const lx_scene *s, const lx_render_opts *ro, const lx_out_format *f,
                              lx_buf *out, lx_err *err)
{
    char title[600];
    size_t len = 0;
    for (int i = 0; i < d->n_models && len < sizeof title; i++)
        len += (size_t)snprintf(title + len, sizeof title - len, "%s%.64s", i ? " vs " : "", d->models[i]->hp.name);
    bool two = d->n_models == 2;
    lx_html_page page = {.scene = s, .arch = two ? d->models[0] : NULL, .arch2 = two ? d->models[1] : NULL,
                         .title = title, .kind = "compare"};
    return f->page(&page, ro, out, err);
}

lx_status lx_compare_picture(const lx_diff *d, const lx_compare_opts *o, lx_buf *out, lx_err *err)
{
    lx_measure *m = NULL;
    if (lx_measure_new(&m, err) != LX_OK) return err->code;
    lx_scene s;
    lx_scene_init(&s, m);
    lx_status st = lx_layout_compare(d, &s, err);
    lx_render_opts ro = lx_render_defaults();
    ro.theme = o->theme;
    ro.scale = o->scale;
    if (st == LX_OK && o->format->page) st = compare_page(d, &s, &ro, o->format, out, err);
    else if (st == LX_OK && !o->format->scene) st = lx_err_set(err, LX_ERR_USAGE, "%s cannot draw a comparison", o->format->name);
    else if (st == LX_OK) st = o->format->scene(&s, &ro, out, err);
    lx_scene_free(&s);
    lx_measure_free(m);
    return st;
}

/* ---- driver ---- */

static lx_status compare_built(const lx_arch *const *archs, const char *const *names, int n, const lx_compare_opts *o,
                               lx_buf *out, lx_err *err)
{
    lx_diff d;
    if (lx_diff_build(archs, n, &d, err) != LX_OK) return err->code;
    lx_status st = LX_OK;
    if (o->json) lx_compare_json(&d, names, out);
    else if (o->format->desc) lx_compare_text(&d, o->color, out);
    else st = lx_compare_picture(&d, o, out, err);
    lx_diff_free(&d);
    if (st == LX_OK && !lx_buf_ok(out)) st = lx_err_set(err, LX_ERR_IO, "out of memory writing the comparison");
    return st;
}

lx_status lx_compare_models(const char *const *names, int n, const lx_compare_opts *o, lx_buf *out, lx_err *err)
{
    if (n < 2 || n > LX_DIFF_MAX_MODELS)
        return lx_err_set(err, LX_ERR_USAGE, "compare needs 2 to %d models (got %d)", LX_DIFF_MAX_MODELS, n);
    lx_source src[LX_DIFF_MAX_MODELS];
    lx_arch arch[LX_DIFF_MAX_MODELS];
    const lx_arch *ptr[LX_DIFF_MAX_MODELS];
    int n_src = 0, n_arch = 0;
    lx_status st = LX_OK;
    for (int i = 0; i < n && st == LX_OK; i++) {
        if ((st = lx_source_open(names[i], &src[i], err)) != LX_OK) break;
        n_src++;
        if ((st = lx_arch_build(&src[i], &arch[i], err)) != LX_OK) break;
        ptr[i] = &arch[n_arch++];
    }
    if (st == LX_OK) st = compare_built(ptr, names, n, o, out, err);
    for (int i = 0; i < n_arch; i++) lx_arch_free(&arch[i]);
    for (int i = 0; i < n_src; i++) lx_source_free(&src[i]);
    return st;
}
