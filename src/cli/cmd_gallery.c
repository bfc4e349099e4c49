/* cli/cmd_gallery — `llmxray gallery [MODEL...|--all] -o DIR [--theme light|dark] [-j N]`:
 * many models drawn into one folder.
 *
 * Per model, DIR gets STEM.svg (the diagram, the index's thumbnail) and STEM.html (its
 * interactive page, render/html), STEM being the catalogue slug or the file's name without
 * its extension (made of [A-Za-z0-9._-], numbered when two collide); then DIR/index.html
 * (render/html_gallery): the thumbnails, a fact table sortable by any column, and a compare
 * picker. The models are shared out over N worker processes (default: 2, or 1 on a single
 * core); each lays out and writes its own models with its own measure context and reports
 * their facts through shared memory; the parent writes the index. A model that fails is
 * reported (one line each) and left out of the index; the exit code is then the first
 * failure's. Files are written atomically. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "model/catalogue.h"
#include "pipeline/pipeline.h"
#include "render/html_gallery.h"

#define MAX_MODELS 1024

typedef struct gallery_cli {
    const char *output;
    bool all;
    double jobs;
    lx_render_opts o;
} gallery_cli;

static int set_jobs(void *field, const char *cmd, const char *v)
{
    return lx_cli_number(cmd, "--jobs", v, 1, 64, field) ? 2 : 0;
}

#define F(m) offsetof(gallery_cli, m)
static const lx_cli_opt OPTS[] = {
    {"--output", "-o", "DIR", "the folder to write into (created when missing)", LX_COMPLETE_FILE, lx_cli_set_string,
     F(output)},
    {"--all", NULL, NULL, "every model of the built-in catalogue", LX_COMPLETE_NONE, lx_cli_set_flag, F(all)},
    {"--theme", NULL, "THEME", "light or dark thumbnails (default light; pages have both)", LX_COMPLETE_THEME,
     lx_cli_set_theme, F(o.theme)},
    {"--jobs", "-j", "N", "worker processes, 1 to 64 (default 2, or 1 on one core)", LX_COMPLETE_NONE, set_jobs,
     F(jobs)},
};
#undef F

static int run(int argc, char **argv);

const lx_cli_cmd lx_cmd_gallery_def = {
    .name = "gallery", .operands = "[MODEL...]", .summary = "many models in one folder: pages, thumbnails, an index",
    .description = "Draws every MODEL (files, folders, configs, catalogue names), or with --all every model of\n"
                   "the catalogue, into DIR: per model its diagram as SVG and its interactive HTML page, and\n"
                   "index.html with the thumbnails, a table of facts (parameters, active parameters, layers\n"
                   "and their mix, attention, feed-forward, context, KV cache per token, year) sortable by any\n"
                   "column, each row opening its model's page, and a picker that compares two models' facts.",
    .max_operands = MAX_MODELS, .operand = LX_COMPLETE_MODEL, .formats = 0,
    .groups = {{OPTS, sizeof OPTS / sizeof OPTS[0], 0}}, .run = run,
};

/* One model's slot in shared memory: filled by the worker that draws it. */
typedef struct slot {
    lx_gallery_row row;
    int status;            /* 0 not done, 1 written, else -(exit code) */
    char msg[1200];
} slot;

/* ---- names ---- */

/* The file stem for what: the slug, or the file's name without extension, [A-Za-z0-9._-]. */
static void stem_of(const char *what, char *out, size_t cap)
{
    const char *base = what;
    size_t len = strlen(what);
    while (len > 1 && what[len - 1] == '/') len--;
    for (size_t i = 0; i < len; i++) if (what[i] == '/') base = what + i + 1;
    size_t n = (size_t)(what + len - base);
    const char *dot = memchr(base, '.', n);
    if (dot && dot > base && !lx_catalogue_find(what)) n = (size_t)(strrchr(base, '.') - base);
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < cap && k < 64; i++) {
        char c = base[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        out[k] = ok || (c == '.' && k > 0) ? c : '_';
        k++;
    }
    out[k] = '\0';
    if (!k || !strcmp(out, "index")) snprintf(out, cap, "model-%s", k ? "index" : "");
}

/* Stems, numbered where they collide ("x", "x-2"). */
static void stems(slot *s, int n)
{
    for (int i = 0; i < n; i++) {
        char base[80];
        stem_of(s[i].row.what, base, sizeof base);
        snprintf(s[i].row.stem, sizeof s[i].row.stem, "%s", base);
        for (int k = 2, j = 0; j < i; j++) {
            if (strcmp(s[j].row.stem, s[i].row.stem)) continue;
            snprintf(s[i].row.stem, sizeof s[i].row.stem, "%s-%d", base, k++);
            j = -1;
        }
    }
}

/* ---- one model ---- */

typedef struct model_job {
    const gallery_cli *c;
    slot *s;
    lx_measure *m;
} model_job;

static lx_status write_one(const char *dir, const char *stem, const char *ext, const lx_buf *b, lx_err *err)
{
    char path[4096], msg[1200];
    snprintf(path, sizeof path, "%s/%s.%s", dir, stem, ext);
    if (!lx_buf_write_file(b, path, msg, sizeof msg)) return lx_err_set(err, LX_ERR_IO, "%s", msg);
    return LX_OK;
}

static lx_status draw_model(const lx_arch *a, void *ctx, lx_err *err)
{
    model_job *j = ctx;
    const lx_catalogue_entry *e = access(j->s->row.what, F_OK) ? lx_catalogue_find(j->s->row.what) : NULL;
    lx_gallery_facts(a, e ? e->description : NULL, &j->s->row);
    lx_buf svg, html;
    lx_buf_init(&svg);
    lx_buf_init(&html);
    lx_status st = lx_pipeline_gallery_pages(a, j->m, &j->c->o, &svg, &html, err);
    if (st == LX_OK) st = write_one(j->c->output, j->s->row.stem, "svg", &svg, err);
    if (st == LX_OK) st = write_one(j->c->output, j->s->row.stem, "html", &html, err);
    lx_buf_free(&svg);
    lx_buf_free(&html);
    return st;
}

/* Draws models w, w + step, ... (one worker's share). */
static void worker(const gallery_cli *c, slot *s, int n, int w, int step)
{
    lx_err setup = {0};
    lx_measure *m = NULL;
    bool ready = lx_measure_new(&m, &setup) == LX_OK;
    for (int i = w; i < n; i += step) {
        lx_err e = {0};
        model_job j = {c, &s[i], m};
        lx_status st = ready ? lx_pipeline_with_arch(s[i].row.what, NULL, draw_model, &j, &e) : setup.code;
        if (!ready) e = setup;
        if (st == LX_OK) { s[i].status = 1; continue; }
        s[i].status = -(int)(e.code ? e.code : LX_ERR_IO);
        snprintf(s[i].msg, sizeof s[i].msg, "%s", e.msg);
    }
    lx_measure_free(m);
}

/* Runs `jobs` workers over the slots, forked when more than one (a share whose fork fails
 * is drawn here). */
static void run_workers(const gallery_cli *c, slot *s, int n, int jobs)
{
    pid_t pid[64];
    int started = 0;
    fflush(NULL);
    for (int w = 0; w < jobs; w++) {
        pid_t p = jobs > 1 ? fork() : -1;
        if (p == 0) { worker(c, s, n, w, jobs); _exit(0); }
        if (p < 0) worker(c, s, n, w, jobs);
        else pid[started++] = p;
    }
    for (int i = 0; i < started; i++) waitpid(pid[i], NULL, 0);
}

/* ---- the command ---- */

static int make_dir(const char *dir)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST) {
        struct stat st;
        if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) return 0;
    }
    char msg[1200];
    snprintf(msg, sizeof msg, "gallery: cannot make the folder '%s' (%s)", dir, errno == EEXIST ? "a file of that name exists" : strerror(errno));
    lx_cli_error(msg);
    return 3;
}

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 2 ? 2 : 1;
}

/* Reports the failed models; writes the index of the others. */
static int finish(const gallery_cli *c, slot *s, int n)
{
    int rc = 0, k = 0;
    lx_gallery_row *rows = malloc(sizeof *rows * (size_t)(n ? n : 1));
    if (!rows) { lx_cli_error("gallery: out of memory"); return 3; }
    for (int i = 0; i < n; i++) {
        if (s[i].status == 1) { rows[k++] = s[i].row; continue; }
        lx_cli_error(s[i].status ? s[i].msg : "gallery: a worker stopped before drawing a model");
        if (!rc) rc = s[i].status ? -s[i].status : 3;
    }
    lx_err err = {0};
    lx_buf out;
    lx_buf_init(&out);
    char msg[1200];
    if (lx_gallery_index(rows, k, "llmxray gallery", &out, &err) != LX_OK) { lx_cli_error(err.msg); rc = err.code; }
    else if (write_one(c->output, "index", "html", &out, &err) != LX_OK) {
        snprintf(msg, sizeof msg, "%s", err.msg);
        lx_cli_error(msg);
        rc = LX_ERR_IO;
    }
    lx_buf_free(&out);
    free(rows);
    return rc;
}

static int run(int argc, char **argv)
{
    gallery_cli c = {.o = lx_render_defaults(), .jobs = default_jobs()};
    static const char *models[MAX_MODELS];
    int n = 0, rc = lx_cli_parse(&lx_cmd_gallery_def, argc, argv, &c, models, &n);
    if (rc) return rc == LX_CLI_HELP_SHOWN ? 0 : rc;
    if (!c.output || !strcmp(c.output, "-")) return lx_cli_usage_error("gallery: needs -o DIR (the folder to write into)");
    if (c.all && n) return lx_cli_usage_error("gallery: --all or MODEL..., not both");
    if (!c.all && !n) return lx_cli_usage_error("gallery: no model given (name some, or --all for the catalogue)");
    int total = c.all ? (int)lx_catalogue_count() : n;
    if ((rc = make_dir(c.output))) return rc;
    size_t bytes = sizeof(slot) * (size_t)total;
    slot *s = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (s == MAP_FAILED) { lx_cli_error("gallery: out of memory"); return 3; }
    memset(s, 0, bytes);
    for (int i = 0; i < total; i++)
        snprintf(s[i].row.what, sizeof s[i].row.what, "%s", c.all ? lx_catalogue_at((size_t)i)->slug : models[i]);
    stems(s, total);
    int jobs = (int)c.jobs < total ? (int)c.jobs : total;
    run_workers(&c, s, total, jobs);
    rc = finish(&c, s, total);
    munmap(s, bytes);
    return rc;
}
