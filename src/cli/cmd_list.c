/* cli/cmd_list — `llmxray list [--json]`: the built-in catalogue.
 *
 * A client of the public API: every row is an entry opened with llmxray_catalogue_open,
 * which counts it the way `info` does (nothing is stored as a number), then read with
 * llmxray_model_counts and llmxray_model_layer_mix. The table's column widths follow the
 * longest value, so long names never shift the columns. JSON: docs/json.md,
 * "llmxray list --json".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "llmxray.h"

#define MAX_MIX 16

/* One row, counted. */
typedef struct list_row {
    llmxray_catalogue_entry e;
    char family[32];
    uint64_t params, active;
    int n_layers;
    uint64_t d_model;
    int n_mix;                     /* distinct layer_mix labels, in order of first appearance */
    char mix_label[MAX_MIX][32];
    uint32_t mix_count[MAX_MIX];
} list_row;

/* Opens catalogue entry i into r (the entry's strings are static; the model's are copied). */
static llmxray_status load_row(size_t i, list_row *r, char *err, size_t errcap)
{
    r->e.size = sizeof r->e;
    llmxray_model *m = NULL;
    snprintf(err, errcap, "catalogue entry %zu is missing", i);
    llmxray_status st = llmxray_catalogue_entry_at(i, &r->e);
    if (st == LLMXRAY_OK) st = llmxray_catalogue_open(i, &m, err, errcap);
    if (st != LLMXRAY_OK) return st;
    llmxray_counts c = {.size = sizeof c};
    llmxray_model_counts(m, &c);
    snprintf(r->family, sizeof r->family, "%s", llmxray_model_family(m));
    r->params = c.params_total;
    r->active = c.params_active;
    r->n_layers = (int)c.n_layers;
    r->d_model = c.d_model;
    const char *kind[MAX_MIX];
    size_t k = llmxray_model_layer_mix(m, kind, r->mix_count, MAX_MIX);
    r->n_mix = k < MAX_MIX ? (int)k : MAX_MIX;
    for (int j = 0; j < r->n_mix; j++) snprintf(r->mix_label[j], sizeof r->mix_label[j], "%s", kind[j]);
    llmxray_close(m);
    return LLMXRAY_OK;
}

/* Column widths: the header's or the longest value's, whichever is wider. */
typedef struct widths {
    int slug, name, family;
} widths;

static void widen(widths *w, const list_row *r)
{
    int s = (int)strlen(r->e.slug), n = (int)strlen(r->e.name), f = (int)strlen(r->family);
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
    put_table_line(b, w, r->e.slug, r->e.name, r->family, params, active, layers, width);
}

static void put_json_row(lx_buf *b, const list_row *r, bool first)
{
    lx_buf_puts(b, first ? "[\n  {\"slug\": " : ",\n  {\"slug\": ");
    lx_buf_put_json(b, r->e.slug);
    lx_buf_puts(b, ", \"name\": ");
    lx_buf_put_json(b, r->e.name);
    lx_buf_puts(b, ", \"family\": ");
    lx_buf_put_json(b, r->family);
    lx_buf_puts(b, ", \"description\": ");
    lx_buf_put_json(b, r->e.description);
    lx_buf_printf(b, ", \"params\": %llu, \"active_params\": %llu, \"n_layers\": %d, \"d_model\": %llu, \"layer_mix\": {",
                  (unsigned long long)r->params, (unsigned long long)r->active, r->n_layers,
                  (unsigned long long)r->d_model);
    for (int k = 0; k < r->n_mix; k++) {
        if (k) lx_buf_puts(b, ", ");
        lx_buf_put_json(b, r->mix_label[k]);
        lx_buf_printf(b, ": %u", (unsigned)r->mix_count[k]);
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
    for (size_t i = 0; i < n; i++) {
        char err[1024];
        llmxray_status st = load_row(i, &rows[i], err, sizeof err);
        if (st != LLMXRAY_OK) {
            lx_cli_error(err);
            return (int)st;
        }
    }
    return 0;
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
    size_t n = llmxray_catalogue_count();
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
