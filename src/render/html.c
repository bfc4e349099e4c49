/* render/html — see html.h. This file: the document shell, the Content-Security-Policy,
 * the inline SVG with its dark-theme classes, and the page's assembly. */
#include "render/html.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/html_assets.h"
#include "render/html_int.h"
#include "render/svg.h"

/* ---- the shell ---- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0;
}

/* 'sha256-BASE64' of a digest given in hex (64 characters). */
static void put_hash_source(lx_buf *b, const char *hex)
{
    static const char B64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned char d[33] = {0};
    for (int i = 0; i < 32; i++) d[i] = (unsigned char)(hexval(hex[2 * i]) << 4 | hexval(hex[2 * i + 1]));
    lx_buf_puts(b, "'sha256-");
    for (int i = 0; i < 32; i += 3) {
        uint32_t v = (uint32_t)d[i] << 16 | (uint32_t)(i + 1 < 32 ? d[i + 1] : 0) << 8 | (i + 2 < 32 ? d[i + 2] : 0);
        char q[4] = {B64[v >> 18 & 63], B64[v >> 12 & 63], B64[v >> 6 & 63], B64[v & 63]};
        if (i + 1 >= 32) q[2] = '=';
        if (i + 2 >= 32) q[3] = '=';
        lx_buf_put(b, q, 4);
    }
    lx_buf_putc(b, '\'');
}

void lx_html_begin(lx_buf *b, const char *title, const unsigned char *css, size_t css_len, const char *css_sha256,
                   const char *js_sha256, bool img_self)
{
    lx_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src ");
    put_hash_source(b, js_sha256);
    lx_buf_puts(b, "; style-src ");
    put_hash_source(b, css_sha256);
    lx_buf_printf(b, "; img-src %s; base-uri 'none'; form-action 'none'\">\n<title>", img_self ? "'self'" : "'none'");
    lx_buf_put_xml(b, title);
    lx_buf_puts(b, "</title>\n<style>");
    lx_buf_put(b, css, css_len);
    lx_buf_puts(b, "</style>\n</head>\n<body>\n");
}

/* JSON text as the content of a <script> element: '<', '>', '&' and the two line
 * separators only occur inside JSON strings, where \uXXXX means the same character. */
void lx_html_data(lx_buf *b, const char *id, const char *json, size_t len)
{
    lx_buf_printf(b, "<script type=\"application/json\" id=\"%s\">", id);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)json[i];
        if (c == '<' || c == '>' || c == '&') lx_buf_printf(b, "\\u%04x", c);
        else if (c == 0xE2 && i + 2 < len && (unsigned char)json[i + 1] == 0x80 &&
                 ((unsigned char)json[i + 2] == 0xA8 || (unsigned char)json[i + 2] == 0xA9)) {
            lx_buf_printf(b, "\\u%04x", 0x2028u + ((unsigned char)json[i + 2] - 0xA8u));
            i += 2;
        } else lx_buf_putc(b, (char)c);
    }
    lx_buf_puts(b, "</script>\n");
}

void lx_html_end(lx_buf *b, const unsigned char *js, size_t js_len)
{
    lx_buf_puts(b, "<script>");
    lx_buf_put(b, js, js_len);
    lx_buf_puts(b, "</script>\n</body>\n</html>\n");
}

/* ---- the SVG and its dark colours ----
 * The scene is drawn twice, light and dark. Both texts are the same but for the colours
 * (#RRGGBB, as long in either), so they are read side by side: each tag whose fill or
 * stroke differs gets class "cN", one N per distinct (fill, stroke) pair, and the dark
 * colours of every N go into the data, where the script makes its dark style sheet. */

typedef struct paint { char fill[8], stroke[8]; } paint; /* the dark colours, "" when unchanged */

typedef struct recolour {
    paint *v;
    size_t n, cap;
    size_t *slot;   /* hash table of indices + 1 into v */
    size_t nslot;
} recolour;

static size_t paint_hash(const paint *p)
{
    size_t h = 1469598103u;
    for (const char *s = p->fill; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    for (const char *s = p->stroke; *s; s++) h = (h ^ (unsigned char)*s) * 31u + 7u;
    return h;
}

static bool rc_grow(recolour *r)
{
    size_t ns = r->nslot ? r->nslot * 2 : 256;
    size_t *slot = calloc(ns, sizeof *slot);
    if (!slot) return false;
    for (size_t i = 0; i < r->n; i++) {
        size_t h = paint_hash(&r->v[i]) & (ns - 1);
        while (slot[h]) h = (h + 1) & (ns - 1);
        slot[h] = i + 1;
    }
    free(r->slot);
    r->slot = slot;
    r->nslot = ns;
    return true;
}

/* The class number of p, added when new; -1 when out of memory. */
static long rc_class(recolour *r, const paint *p)
{
    if ((r->n + 1) * 2 > r->nslot && !rc_grow(r)) return -1;
    size_t h = paint_hash(p) & (r->nslot - 1);
    for (; r->slot[h]; h = (h + 1) & (r->nslot - 1))
        if (!memcmp(&r->v[r->slot[h] - 1], p, sizeof *p)) return (long)(r->slot[h] - 1);
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 64;
        paint *v = realloc(r->v, nc * sizeof *v);
        if (!v) return -1;
        r->v = v;
        r->cap = nc;
    }
    r->v[r->n] = *p;
    r->slot[h] = ++r->n;
    return (long)r->n - 1;
}

/* The dark value of the colour attribute `name` in the tag [i, end) when it differs. */
static void dark_attr(const char *light, const char *dark, size_t i, size_t end, const char *name, char out[8])
{
    size_t nl = strlen(name);
    out[0] = '\0';
    for (size_t k = i; k + nl + 7 <= end; k++) {
        if (memcmp(light + k, name, nl) || light[k + nl] != '#') continue;
        if (memcmp(light + k + nl, dark + k + nl, 7)) {
            memcpy(out, dark + k + nl, 7);
            out[7] = '\0';
        }
        return;
    }
}

/* Copies the light SVG into out (without its XML declaration), each tag whose colours
 * differ in dark given its class, the root <svg> the id "lx-diagram". */
static bool put_svg(lx_buf *out, const char *light, const char *dark, size_t len, recolour *rc)
{
    size_t i = 0;
    if (!strncmp(light, "<?xml", 5)) while (i < len && light[i++] != '\n') {}
    bool root = true;
    while (i < len) {
        size_t j = i;
        while (j < len && light[j] != '<') j++;
        lx_buf_put(out, light + i, j - i);
        if (j >= len) break;
        size_t end = j;
        while (end < len && light[end] != '>') end++;
        size_t name_end = j + 1;
        while (name_end < end && light[name_end] != ' ' && light[name_end] != '/') name_end++;
        lx_buf_put(out, light + j, name_end - j);
        paint p;
        dark_attr(light, dark, j, end, " fill=\"", p.fill);
        dark_attr(light, dark, j, end, " stroke=\"", p.stroke);
        if (root && light[j + 1] != '/') { lx_buf_puts(out, " id=\"lx-diagram\""); root = false; }
        if (p.fill[0] || p.stroke[0]) {
            long c = rc_class(rc, &p);
            if (c < 0) return false;
            lx_buf_printf(out, " class=\"c%ld\"", c);
        }
        i = name_end;
    }
    return true;
}

static void put_dark_list(lx_buf *json, const recolour *rc)
{
    lx_buf_puts(json, "\"dark\":[");
    for (size_t i = 0; i < rc->n; i++)
        lx_buf_printf(json, "%s[\"%s\",\"%s\"]", i ? "," : "", rc->v[i].fill, rc->v[i].stroke);
    lx_buf_puts(json, "],");
}

/* ---- the page ---- */

static const char TOOLBAR[] =
    "<header id=\"lx-bar\">\n<span id=\"lx-name\"></span>\n"
    "<input id=\"lx-search\" type=\"search\" placeholder=\"Search tensors and boxes\" aria-label=\"search\">\n"
    "<span id=\"lx-found\" aria-live=\"polite\"></span>\n"
    "<button id=\"lx-zoom-out\" type=\"button\" title=\"zoom out (-)\">\xe2\x88\x92</button>"
    "<button id=\"lx-zoom-in\" type=\"button\" title=\"zoom in (+)\">+</button>"
    "<button id=\"lx-fit\" type=\"button\" title=\"fit to the window (0)\">Fit</button>"
    "<button id=\"lx-theme\" type=\"button\" title=\"light or dark\">Dark</button>\n</header>\n";

static lx_status assemble(const lx_html_page *p, lx_theme_id theme, const lx_buf *light, const lx_buf *dark,
                          lx_buf *out, lx_err *err)
{
    recolour rc = {0};
    lx_buf svg, json;
    lx_buf_init(&svg);
    lx_buf_init(&json);
    lx_status st = LX_OK;
    if (light->len != dark->len || !put_svg(&svg, light->data, dark->data, light->len, &rc))
        st = lx_err_set(err, LX_ERR_IO, "cannot write the HTML page's SVG (out of memory)");
    if (st == LX_OK) {
        lx_buf_puts(&json, "{\"v\":1,\"kind\":");
        lx_buf_put_json(&json, p->kind ? p->kind : "diagram");
        lx_buf_puts(&json, ",\"title\":");
        lx_buf_put_json(&json, p->title ? p->title : "");
        lx_buf_printf(&json, ",\"theme\":\"%s\",\"w\":", theme == LX_THEME_DARK ? "dark" : "auto");
        lx_buf_put_coord(&json, p->scene->width);
        lx_buf_puts(&json, ",\"h\":");
        lx_buf_put_coord(&json, p->scene->height);
        lx_buf_putc(&json, ',');
        put_dark_list(&json, &rc);
        st = lx_html_data_members(p, &json, err);
        lx_buf_puts(&json, "\"end\":0}");
    }
    if (st == LX_OK) {
        lx_html_begin(out, p->title ? p->title : "llmxray", lx_asset_page_css, lx_asset_page_css_len,
                      lx_asset_page_css_sha256, lx_asset_page_js_sha256, false);
        lx_buf_puts(out, TOOLBAR);
        lx_buf_puts(out, "<main id=\"lx-stage\" tabindex=\"0\">\n<svg id=\"lx-canvas\" xmlns=\"http://www.w3.org/2000/svg\""
                         " width=\"100%\" height=\"100%\"><g id=\"lx-view\">\n");
        lx_buf_put(out, svg.data, svg.len);
        lx_buf_puts(out, "</g></svg>\n</main>\n<aside id=\"lx-tip\" hidden></aside>\n");
        lx_html_data(out, "lx-data", json.data, json.len);
        lx_html_end(out, lx_asset_page_js, lx_asset_page_js_len);
        if (!lx_buf_ok(out) || !lx_buf_ok(&json) || !lx_buf_ok(&svg))
            st = lx_err_set(err, LX_ERR_IO, "out of memory while writing HTML");
    }
    free(rc.v);
    free(rc.slot);
    lx_buf_free(&svg);
    lx_buf_free(&json);
    return st;
}

lx_status lx_html_render(const lx_html_page *p, lx_theme_id theme, lx_buf *out, lx_err *err)
{
    lx_buf light, dark;
    lx_buf_init(&light);
    lx_buf_init(&dark);
    lx_status st = lx_svg_render(p->scene, lx_theme_get(LX_THEME_LIGHT), &light, err);
    if (st == LX_OK) st = lx_svg_render(p->scene, lx_theme_get(LX_THEME_DARK), &dark, err);
    if (st == LX_OK) st = assemble(p, theme, &light, &dark, out, err);
    lx_buf_free(&light);
    lx_buf_free(&dark);
    return st;
}
