/* cli/cmd_list — `llmxray list [--json]`: the built-in catalogue.
 *
 * Every row's parameter count is synthesized from the entry's hyper-parameters
 * (model/synth), the same path a config.json takes; nothing is stored as a number. */
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "model/catalogue.h"
#include "model/synth.h"
#include "util/buf.h"

typedef struct list_row {
    const lx_catalogue_entry *e;
    lx_hparams hp;
    uint64_t params;
} list_row;

static lx_status load_row(size_t i, list_row *r, lx_err *err)
{
    r->e = lx_catalogue_at(i);
    if (lx_catalogue_load(r->e->slug, &r->hp, err) != LX_OK) return err->code;
    lx_tensors t;
    lx_tensors_init(&t);
    lx_status st = lx_synth_tensors(&r->hp, &t, err);
    r->params = lx_synth_count(&t);
    lx_tensors_free(&t);
    return st;
}

static void put_table_row(lx_buf *b, const list_row *r)
{
    char params[32], width[32];
    lx_fmt_thousands(params, sizeof params, r->params);
    lx_fmt_thousands(width, sizeof width, r->hp.d_model);
    lx_buf_printf(b, "%-18s %-30s %-10s %19s %6llu %7s\n", r->e->slug, r->e->display, r->hp.family, params,
                  (unsigned long long)r->hp.n_layers, width);
}

static void put_json_row(lx_buf *b, const list_row *r, bool first)
{
    lx_buf_puts(b, first ? "[\n  {\"name\": " : ",\n  {\"name\": ");
    lx_buf_put_json(b, r->e->slug);
    lx_buf_puts(b, ", \"display_name\": ");
    lx_buf_put_json(b, r->e->display);
    lx_buf_puts(b, ", \"family\": ");
    lx_buf_put_json(b, r->hp.family);
    lx_buf_printf(b, ", \"params\": %llu}", (unsigned long long)r->params);
}

static int write_out(lx_buf *b)
{
    if (!lx_buf_ok(b)) { lx_cli_error("out of memory"); return 3; }
    bool ok = fwrite(b->data, 1, b->len, stdout) == b->len && fflush(stdout) == 0;
    if (!ok) lx_cli_error("cannot write to standard output");
    return ok ? 0 : 3;
}

int lx_cmd_list(int argc, char **argv)
{
    bool json = false;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0) json = true;
        else if (argv[i][0] == '-') return lx_cli_usage_error("list: unknown option '%s'", argv[i]);
        else return lx_cli_usage_error("list: unexpected argument '%s' (expected only --json)", argv[i]);
    }
    lx_buf b;
    lx_buf_init(&b);
    if (!json) lx_buf_printf(&b, "%-18s %-30s %-10s %19s %6s %7s\n", "MODEL", "NAME", "FAMILY", "PARAMETERS",
                             "LAYERS", "D_MODEL");
    for (size_t i = 0; i < lx_catalogue_count(); i++) {
        list_row r;
        lx_err err = {0};
        if (load_row(i, &r, &err) != LX_OK) {
            lx_cli_error(err.msg);
            lx_buf_free(&b);
            return err.code;
        }
        if (json) put_json_row(&b, &r, i == 0);
        else put_table_row(&b, &r);
    }
    if (json) lx_buf_puts(&b, lx_catalogue_count() ? "\n]\n" : "[]\n");
    int rc = write_out(&b);
    lx_buf_free(&b);
    return rc;
}
