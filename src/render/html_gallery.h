/* render/html_gallery — the gallery's facts about one model and its index page.
 *
 * Stage: render. Input: built architecture models (model/arch), one per gallery entry.
 * Output: lx_gallery_row (the facts a row of the index shows, formatted once here, with
 * numbers kept for sorting) and the index.html text: thumbnails, a fact table sortable by
 * any column, each row opening the model's page, and a compare picker that shows, for
 * two chosen models, every fact side by side with the differing ones marked (from the facts
 * embedded in the page as JSON; no page per pair is written). Its script and style are our
 * own (render/html_assets: gallery.js, gallery.css), allowed by the CSP's hashes; images
 * may come only from the page's own folder (the thumbnails).
 *
 * Ownership: rows are plain values; the index is appended to the caller's buffer.
 */
#ifndef LX_RENDER_HTML_GALLERY_H
#define LX_RENDER_HTML_GALLERY_H

#include <stdbool.h>
#include <stdint.h>

#include "model/arch.h"
#include "util/buf.h"
#include "util/err.h"

typedef struct lx_gallery_row {
    char what[512];        /* what was named: catalogue slug, file or folder */
    char stem[96];         /* file names in the folder: STEM.html, STEM.svg */
    char name[160];        /* display name (raw, from the model) */
    char family[48];
    uint64_t params, active, kv_per_token, context;
    int layers;
    char mix[192];         /* "sliding 21 · full 21" */
    char attention[160];   /* "GQA · 32 heads · 8 KV · head 128" */
    char ffn[160];         /* "GLU 14,336" / "MoE 256 × 2,048 · top 8 · 1 shared" */
    char date[8];          /* year, "" when not known */
} lx_gallery_row;

/* The facts of a; description (may be NULL: a file) gives the year when it names one. */
void lx_gallery_facts(const lx_arch *a, const char *description, lx_gallery_row *r);

/* index.html of n rows (in the order given; the reader sorts). */
lx_status lx_gallery_index(const lx_gallery_row *rows, int n, const char *title, lx_buf *out, lx_err *err);

#endif
