/* cli/cmd_list — `llmxray list [--json]`: the built-in catalogue.
 *
 * Every row is built the way `info` builds a catalogue model: the entry's hyper-parameters
 * become an lx_source, model/arch (through model/synth) counts it; nothing is stored as a
 * number. The table's column widths follow the longest value, so long names never shift
 * the columns. JSON: docs/json.md, "llmxray list --json".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "model/arch.h"
#include "model/catalogue.h"
#include "open/source.h"
#include "util/buf.h"

/* One row, counted. */
typedef struct list_row {
    const lx_catalogue_entry *e;
    char family[32];
    uint64_t params, active;
    int n_layers;
    uint64_t d_model;
    int n_mix;                     /* distinct layer_mix labels, in order of first appearance */
    const char *mix_label[16];
    int mix_count[16];
} list_row;

/* layer_mix of a built model: label -> count; labels beyond the 16th are counted in the last. */
static void row_layer_mix(list_row *r, const lx_arch *a)
{
    r->n_mix = 0;
    for (int l = 0; l < a->n_layers && l < LX_MAX_LAYERS; l++) {
        const char *lab = lx_layer_label(&a->layers[l]);
        int k = 0;
        while (k < r->n_mix && strcmp(r->mix_label[k], lab) != 0) k++;
        if (k == r->n_mix && k < 16) { r->mix_label[k] = lab; r->mix_count[r->n_mix++] = 0; }
        r->mix_count[k < 16 ? k : 15]++;
    }
}

/* Builds catalogue entry i as `info <slug>` would (a file of that name in the working
 * directory does not shadow it here). */
static lx_status load_row(size_t i, list_row *r, lx_arch *a, lx_err *err)
{
    r->e = lx_catalogue_at(i);
    lx_source *src = calloc(1, sizeof *src);
    if (!src) return lx_err_set(err, LX_ERR_IO, "out of memory");
    lx_tensors_init(&src->tensors);
    src->format = LX_FMT_CATALOGUE;
    snprintf(src->path, sizeof src->path, "%s", r->e->slug);
    lx_status st = lx_catalogue_load(r->e->slug, &src->hp, err);
    if (st == LX_OK) st = lx_arch_build(src, a, err);
    if (st == LX_OK) {
        snprintf(r->family, sizeof r->family, "%s", a->hp.family);
        r->params = a->total_params;
        r->active = a->active_params;
        r->n_layers = a->n_layers ? a->n_layers : (int)a->hp.n_layers; /* T5: per-layer model is issue 9's */
        r->d_model = a->hp.d_model;
        row_layer_mix(r, a);
        lx_arch_free(a);
    }
    lx_source_free(src);
    free(src);
    return st;
}

/* Column widths: the header's or the longest value's, whichever is wider. */
typedef struct widths {
    int slug, name, family;
} widths;

static void widen(widths *w, const list_row *r)
{
    int s = (int)strlen(r->e->slug), n = (int)strlen(r->e->display), f = (int)strlen(r->family);
    if (s > w->slug) w->slug = s;
    if (n > w->name) w->name = n;
    if (f > w->family) w->family = f;
}

static void put_table_line(lx_buf *b, const widths *w, const char *slug, const char *name, const char *family,
                           const char *params, const char *active, const char *layers, const char *width)
{
    lx_buf_printf(b, "%-*s %-*s %-*s %17s %17s %6s %7s\n", w->slug, slug, w->name, name, w->family, family, params,
                  active, layers, width);
}

static void put_table_row(lx_buf *b, const widths *w, const list_row *r)
{
    char params[32], active[32], layers[16], width[32];
    lx_fmt_thousands(params, sizeof params, r->params);
    lx_fmt_thousands(active, sizeof active, r->active);
    snprintf(layers, sizeof layers, "%d", r->n_layers);
    lx_fmt_thousands(width, sizeof width, r->d_model);
    put_table_line(b, w, r->e->slug, r->e->display, r->family, params, active, layers, width);
}

static void put_json_row(lx_buf *b, const list_row *r, bool first)
{
    lx_buf_puts(b, first ? "[\n  {\"slug\": " : ",\n  {\"slug\": ");
    lx_buf_put_json(b, r->e->slug);
    lx_buf_puts(b, ", \"name\": ");
    lx_buf_put_json(b, r->e->display);
    lx_buf_puts(b, ", \"family\": ");
    lx_buf_put_json(b, r->family);
    lx_buf_puts(b, ", \"description\": ");
    lx_buf_put_json(b, r->e->description);
    lx_buf_printf(b, ", \"params\": %llu, \"active_params\": %llu, \"n_layers\": %d, \"d_model\": %llu, \"layer_mix\": {",
                  (unsigned long long)r->params, (unsigned long long)r->active, r->n_layers,
                  (unsigned long long)r->d_model);
    for (int k = 0; k < r->n_mix; k++) {
        if (k) lx_buf_puts(b, ", ");
        lx_buf_put_json(b, r->mix_label[k]);
        lx_buf_printf(b, ": %d", r->mix_count[k]);
    }
    lx_buf_puts(b, "}}");
}

static int write_out(lx_buf *b)
{
    if (!lx_buf_ok(b)) { lx_cli_error("out of memory"); return 3; }
    bool ok = fwrite(b->data, 1, b->len, stdout) == b->len && fflush(stdout) == 0;
    if (!ok) lx_cli_error("cannot write to standard output");
    return ok ? 0 : 3;
}

/* Counts every entry into rows (n of them); on failure prints the error and returns its code. */
static int load_all(list_row *rows, size_t n)
{
    lx_arch *a = calloc(1, sizeof *a);
    if (!a) { lx_cli_error("out of memory"); return 3; }
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        lx_err err = {0};
        if (load_row(i, &rows[i], a, &err) != LX_OK) {
            lx_cli_error(err.msg);
            rc = err.code;
        }
    }
    free(a);
    return rc;
}

static void put_all(lx_buf *b, const list_row *rows, size_t n, bool json)
{
    if (json) {
        for (size_t i = 0; i < n; i++) put_json_row(b, &rows[i], i == 0);
        lx_buf_puts(b, n ? "\n]\n" : "[]\n");
        return;
    }
    widths w = {5, 4, 6}; /* "MODEL", "NAME", "FAMILY" */
    for (size_t i = 0; i < n; i++) widen(&w, &rows[i]);
    put_table_line(b, &w, "MODEL", "NAME", "FAMILY", "PARAMETERS", "ACTIVE", "LAYERS", "D_MODEL");
    for (size_t i = 0; i < n; i++) put_table_row(b, &w, &rows[i]);
}

static const lx_cli_opt OPTS[] = {
    {"--json", NULL, NULL, "print a JSON array (keys documented in docs/json.md)", LX_COMPLETE_NONE, lx_cli_set_flag,
     0},
};

static int run(int argc, char **argv);

const lx_cli_cmd lx_cmd_list_def = {
    .name = "list", .operands = "", .summary = "the built-in catalogue of well-known models",
    .description = "Lists the models llmxray knows by name (no file needed), with family, exact total and\n"
                   "active parameter counts (from their published hyper-parameters), layers and width. Any\n"
                   "command taking a MODEL accepts these names.",
    .groups = {{OPTS, 1, 0}}, .run = run,
};

static int run(int argc, char **argv)
{
    bool json = false;
    const char *ops[1];
    int n_ops = 0, prc = lx_cli_parse(&lx_cmd_list_def, argc, argv, &json, ops, &n_ops);
    if (prc) return prc == LX_CLI_HELP_SHOWN ? 0 : prc;
    size_t n = lx_catalogue_count();
    list_row *rows = calloc(n ? n : 1, sizeof *rows);
    if (!rows) { lx_cli_error("out of memory"); return 3; }
    int rc = load_all(rows, n);
    if (rc == 0) {
        lx_buf b;
        lx_buf_init(&b);
        put_all(&b, rows, n, json);
        rc = write_out(&b);
        lx_buf_free(&b);
    }
    free(rows);
    return rc;
}
