/* render/html_gallery — see html_gallery.h. */
#include "render/html_gallery.h"

#include <stdio.h>
#include <string.h>

#include "render/html.h"
#include "render/html_assets.h"

/* ---- facts ---- */

/* "sliding 21 · full 21": the layer mix (model/arch). */
static void facts_mix(const lx_arch *a, char *out, size_t cap)
{
    const char *seen[LX_MAX_LAYERS];
    int counts[LX_MAX_LAYERS], n = lx_arch_layer_mix(a, seen, counts);
    size_t len = 0;
    out[0] = '\0';
    for (int k = 0; k < n && len < cap; k++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s %d", k ? " \xc2\xb7 " : "", seen[k], counts[k]);
}

static void facts_attention(const lx_arch *a, char *out, size_t cap)
{
    char win[48] = "";
    if (a->attn.sliding_window) {
        char w[24];
        lx_fmt_thousands(w, sizeof w, a->attn.sliding_window);
        snprintf(win, sizeof win, " \xc2\xb7 window %s", w);
    }
    if (!a->attn.n_heads) { snprintf(out, cap, "none"); return; }
    snprintf(out, cap, "%s \xc2\xb7 %llu heads \xc2\xb7 %llu KV \xc2\xb7 head %llu%s%s", lx_attn_kind_name(a->attn.kind),
             (unsigned long long)a->attn.n_heads, (unsigned long long)a->attn.n_kv_heads,
             (unsigned long long)a->attn.head_dim, a->attn.qk_norm ? " \xc2\xb7 QK-norm" : "", win);
}

static void facts_ffn(const lx_arch *a, char *out, size_t cap)
{
    char w[24], s[48] = "";
    if (a->ffn.kind == LX_FFN_MOE) {
        lx_fmt_thousands(w, sizeof w, a->ffn.d_expert);
        if (a->ffn.n_shared_experts) snprintf(s, sizeof s, " + %llu shared", (unsigned long long)a->ffn.n_shared_experts);
        snprintf(out, cap, "MoE \xc2\xb7 %llu \xc3\x97 %s \xc2\xb7 top %llu%s", (unsigned long long)a->ffn.n_experts, w,
                 (unsigned long long)a->ffn.n_experts_used, s);
        return;
    }
    lx_fmt_thousands(w, sizeof w, a->ffn.d_ff);
    snprintf(out, cap, "%s \xc2\xb7 %s \xc2\xb7 %s", a->ffn.kind == LX_FFN_GLU ? "GLU" : lx_ffn_kind_name(a->ffn.kind),
             a->ffn.activation[0] ? a->ffn.activation : "?", w);
}

/* The first year 1990–2099 written as a word of its own in text. */
static void facts_year(const char *text, char out[8])
{
    out[0] = '\0';
    for (const char *p = text; p && *p; p++) {
        bool start = p == text || p[-1] < '0' || p[-1] > '9';
        if (!start || strspn(p, "0123456789") != 4) continue;
        if ((!strncmp(p, "19", 2) && p[2] >= '9') || !strncmp(p, "20", 2)) {
            memcpy(out, p, 4);
            out[4] = '\0';
            return;
        }
    }
}

void lx_gallery_facts(const lx_arch *a, const char *description, lx_gallery_row *r)
{
    snprintf(r->name, sizeof r->name, "%.*s", (int)sizeof r->name - 1, a->hp.name[0] ? a->hp.name : r->what);
    snprintf(r->family, sizeof r->family, "%s", a->hp.family);
    r->params = a->total_params;
    r->active = a->active_params;
    r->kv_per_token = a->kv_bytes_per_token;
    r->context = a->hp.context_length;
    r->layers = a->n_layers;
    facts_mix(a, r->mix, sizeof r->mix);
    facts_attention(a, r->attention, sizeof r->attention);
    facts_ffn(a, r->ffn, sizeof r->ffn);
    facts_year(description, r->date);
}

/* ---- the index ---- */

typedef enum col_type { COL_TEXT, COL_NUM } col_type;

static const struct { const char *key, *label; col_type type; } COLS[] = {
    {"name", "model", COL_TEXT}, {"family", "family", COL_TEXT}, {"params", "parameters", COL_NUM},
    {"active", "active", COL_NUM}, {"layers", "layers", COL_NUM}, {"mix", "layer mix", COL_TEXT},
    {"attention", "attention", COL_TEXT}, {"ffn", "feed-forward", COL_TEXT}, {"context", "context", COL_NUM},
    {"kv", "KV cache / token", COL_NUM}, {"date", "year", COL_TEXT},
};
#define N_COLS (sizeof COLS / sizeof COLS[0])

static void td_text(lx_buf *b, const char *col, const char *text)
{
    lx_buf_printf(b, "<td data-col=\"%s\" data-sort=\"", col);
    lx_buf_put_xml(b, text);
    lx_buf_puts(b, "\">");
    lx_buf_put_xml(b, text);
    lx_buf_puts(b, "</td>");
}

static void td_num(lx_buf *b, const char *col, uint64_t v, const char *shown)
{
    lx_buf_printf(b, "<td data-col=\"%s\" data-sort=\"%llu\" class=\"n\">%s</td>", col, (unsigned long long)v, shown);
}

static void td_count(lx_buf *b, const char *col, uint64_t v)
{
    char s[32];
    lx_fmt_thousands(s, sizeof s, v);
    td_num(b, col, v, s);
}

static void put_row(lx_buf *b, const lx_gallery_row *r)
{
    lx_buf_printf(b, "<tr><td class=\"lx-thumb\"><a href=\"%s.html\" tabindex=\"-1\"><img src=\"%s.svg\" alt=\"\" "
                     "loading=\"lazy\"></a></td>", r->stem, r->stem);
    lx_buf_puts(b, "<td data-col=\"name\" data-sort=\"");
    lx_buf_put_xml(b, r->name);
    lx_buf_printf(b, "\"><a href=\"%s.html\">", r->stem);
    lx_buf_put_xml(b, r->name);
    lx_buf_puts(b, "</a></td>");
    td_text(b, "family", r->family);
    td_count(b, "params", r->params);
    td_count(b, "active", r->active);
    td_count(b, "layers", (uint64_t)r->layers);
    td_text(b, "mix", r->mix);
    td_text(b, "attention", r->attention);
    td_text(b, "ffn", r->ffn);
    td_count(b, "context", r->context);
    char kv[32];
    lx_fmt_bytes(kv, sizeof kv, r->kv_per_token);
    td_num(b, "kv", r->kv_per_token, r->kv_per_token ? kv : "0");
    td_text(b, "date", r->date);
    lx_buf_puts(b, "</tr>\n");
}

static void put_facts(lx_buf *json, const lx_gallery_row *rows, int n)
{
    lx_buf_puts(json, "{\"cols\":[");
    for (size_t c = 0; c < N_COLS; c++) {
        lx_buf_printf(json, "%s[\"%s\",", c ? "," : "", COLS[c].key);
        lx_buf_put_json(json, COLS[c].label);
        lx_buf_putc(json, ']');
    }
    lx_buf_puts(json, "],\"models\":[");
    for (int i = 0; i < n; i++) {
        const lx_gallery_row *r = &rows[i];
        const char *text[][2] = {{"name", r->name}, {"family", r->family}, {"mix", r->mix}, {"attention", r->attention},
                                 {"ffn", r->ffn}, {"date", r->date}, {"page", r->stem}};
        lx_buf_puts(json, i ? ",{" : "{");
        for (size_t k = 0; k < sizeof text / sizeof text[0]; k++) {
            lx_buf_printf(json, "%s\"%s\":", k ? "," : "", text[k][0]);
            lx_buf_put_json(json, text[k][1]);
        }
        lx_buf_printf(json, ",\"params\":%llu,\"active\":%llu,\"layers\":%d,\"context\":%llu,\"kv\":%llu}",
                      (unsigned long long)r->params, (unsigned long long)r->active, r->layers,
                      (unsigned long long)r->context, (unsigned long long)r->kv_per_token);
    }
    lx_buf_puts(json, "]}");
}

static void put_head(lx_buf *b, const char *title, int n)
{
    lx_buf_puts(b, "<header id=\"lx-head\"><h1>");
    lx_buf_put_xml(b, title);
    lx_buf_printf(b, "</h1><p>%d model%s \xc2\xb7 click a column to sort, a row to open the model's interactive page</p>\n",
                  n, n == 1 ? "" : "s");
    lx_buf_puts(b, "<form id=\"lx-cmp-form\">compare <select id=\"lx-cmp-a\" aria-label=\"first model\"></select> with "
                   "<select id=\"lx-cmp-b\" aria-label=\"second model\"></select></form>\n"
                   "<table id=\"lx-cmp-table\" hidden></table></header>\n");
}

lx_status lx_gallery_index(const lx_gallery_row *rows, int n, const char *title, lx_buf *out, lx_err *err)
{
    lx_html_begin(out, title, lx_asset_gallery_css, lx_asset_gallery_css_len, lx_asset_gallery_css_sha256,
                  lx_asset_gallery_js_sha256, true);
    put_head(out, title, n);
    lx_buf_puts(out, "<table id=\"lx-index\">\n<thead><tr><th></th>");
    for (size_t c = 0; c < N_COLS; c++)
        lx_buf_printf(out, "<th data-col=\"%s\" data-type=\"%s\" tabindex=\"0\">%s</th>", COLS[c].key,
                      COLS[c].type == COL_NUM ? "num" : "text", COLS[c].label);
    lx_buf_puts(out, "</tr></thead>\n<tbody>\n");
    for (int i = 0; i < n; i++) put_row(out, &rows[i]);
    lx_buf_puts(out, "</tbody></table>\n");
    lx_buf json;
    lx_buf_init(&json);
    put_facts(&json, rows, n);
    lx_html_data(out, "lx-facts", json.data ? json.data : "", json.len);
    bool ok = lx_buf_ok(&json);
    lx_buf_free(&json);
    lx_html_end(out, lx_asset_gallery_js, lx_asset_gallery_js_len);
    if (!ok || !lx_buf_ok(out)) return lx_err_set(err, LX_ERR_IO, "out of memory while writing the gallery's index");
    return LX_OK;
}
