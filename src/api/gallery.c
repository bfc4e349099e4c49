/* api/gallery — llmxray_gallery of include/llmxray.h: many models drawn into one folder.
 *
 * Per model, the folder gets STEM.svg (the diagram, the index's thumbnail) and STEM.html (its
 * interactive page, render/html), STEM being the catalogue slug or the file's name without
 * its extension (made of [A-Za-z0-9._-], numbered when two collide); then index.html
 * (render/html_gallery): the thumbnails, a fact table sortable by any column, and a compare
 * picker. The models are shared out over N worker processes (fork); each lays out and writes
 * its own models with its own measure context (pipeline/) and reports their facts through
 * shared memory; the calling process tells the failures and writes the index. Files are
 * written atomically. */
#include "llmxray.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "api/api_int.h"
#include "model/catalogue.h"
#include "pipeline/pipeline.h"
#include "render/html_gallery.h"

#define MAX_JOBS 64

/* One model's slot in shared memory: filled by the worker that draws it. */
typedef struct slot {
    lx_gallery_row row;
    int status;            /* 0 not done, 1 written, else -(exit code) */
    char msg[1200];
} slot;

typedef struct gallery {
    const char *dir;
    lx_render_opts o;
    slot *s;
    int n;
} gallery;

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
    const gallery *g;
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
    lx_status st = lx_pipeline_gallery_pages(a, j->m, &j->g->o, &svg, &html, err);
    if (st == LX_OK) st = write_one(j->g->dir, j->s->row.stem, "svg", &svg, err);
    if (st == LX_OK) st = write_one(j->g->dir, j->s->row.stem, "html", &html, err);
    lx_buf_free(&svg);
    lx_buf_free(&html);
    return st;
}

/* Draws models w, w + step, ... (one worker's share). */
static void worker(const gallery *g, int w, int step)
{
    lx_err setup = {0};
    lx_measure *m = NULL;
    bool ready = lx_measure_new(&m, &setup) == LX_OK;
    for (int i = w; i < g->n; i += step) {
        slot *s = &g->s[i];
        lx_err e = {0};
        model_job j = {g, s, m};
        lx_status st = ready ? lx_pipeline_with_arch(s->row.what, NULL, draw_model, &j, &e) : setup.code;
        if (!ready) e = setup;
        if (st == LX_OK) { s->status = 1; continue; }
        s->status = -(int)(e.code ? e.code : LX_ERR_IO);
        snprintf(s->msg, sizeof s->msg, "%s", e.msg);
    }
    lx_measure_free(m);
}

/* Runs `jobs` workers over the slots, forked when more than one (a share whose fork fails
 * is drawn here). */
static void run_workers(const gallery *g, int jobs)
{
    pid_t pid[MAX_JOBS];
    int started = 0;
    fflush(NULL);
    for (int w = 0; w < jobs; w++) {
        pid_t p = jobs > 1 ? fork() : -1;
        if (p == 0) { worker(g, w, jobs); _exit(0); }
        if (p < 0) worker(g, w, jobs);
        else pid[started++] = p;
    }
    for (int i = 0; i < started; i++) waitpid(pid[i], NULL, 0);
}

/* ---- the whole ---- */

static lx_status make_dir(const char *dir, lx_err *err)
{
    if (mkdir(dir, 0777) == 0 || errno == EEXIST) {
        struct stat st;
        if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) return LX_OK;
    }
    return lx_err_set(err, LX_ERR_IO, "gallery: cannot make the folder '%s' (%s)", dir,
                      errno == EEXIST ? "a file of that name exists" : strerror(errno));
}

static int default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n >= 2 ? 2 : 1;
}

/* Tells the failed models to o's on_error (*first: the first one's status); writes the
 * index of the others. */
static lx_status finish(const gallery *g, const llmxray_gallery_opts *o, llmxray_status *first, lx_err *err)
{
    lx_gallery_row *rows = malloc(sizeof *rows * (size_t)(g->n ? g->n : 1));
    if (!rows) return lx_err_set(err, LX_ERR_IO, "gallery: out of memory");
    int k = 0;
    for (int i = 0; i < g->n; i++) {
        const slot *s = &g->s[i];
        if (s->status == 1) { rows[k++] = s->row; continue; }
        llmxray_status st = s->status ? (llmxray_status)-s->status : LLMXRAY_ERR_IO;
        if (o && o->on_error)
            o->on_error(o->ctx, s->row.what, st, s->status ? s->msg : "gallery: a worker stopped before drawing a model");
        if (!*first) *first = st;
    }
    lx_buf out;
    lx_buf_init(&out);
    if (lx_gallery_index(rows, k, "llmxray gallery", &out, err) == LX_OK) write_one(g->dir, "index", "html", &out, err);
    lx_buf_free(&out);
    free(rows);
    return err->code;
}

/* The folder and the slots of the n models named (NULL: the catalogue) in shared memory. */
static lx_status prepare(gallery *g, const char *const *whats, size_t n, lx_err *err)
{
    if (!g->dir) return lx_err_set(err, LX_ERR_USAGE, "gallery: no folder named (NULL)");
    if (!whats && n) return lx_err_set(err, LX_ERR_USAGE, "gallery: %zu models but no names (NULL)", n);
    if (n > (size_t)INT32_MAX / sizeof(slot)) return lx_err_set(err, LX_ERR_USAGE, "gallery: %zu models", n);
    g->n = (int)(whats ? n : lx_catalogue_count());
    if (make_dir(g->dir, err) != LX_OK) return err->code;
    size_t bytes = sizeof(slot) * (size_t)(g->n ? g->n : 1);
    g->s = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (g->s == MAP_FAILED) {
        g->s = NULL;
        return lx_err_set(err, LX_ERR_IO, "gallery: out of memory");
    }
    memset(g->s, 0, bytes);
    for (int i = 0; i < g->n; i++)
        snprintf(g->s[i].row.what, sizeof g->s[i].row.what, "%s", whats ? whats[i] : lx_catalogue_at((size_t)i)->slug);
    stems(g->s, g->n);
    return LX_OK;
}

llmxray_status llmxray_gallery(const char *const *whats, size_t n, const char *dir, const llmxray_gallery_opts *opts,
                               char *errbuf, size_t errcap)
{
    lx_err err = {0};
    if (errcap) errbuf[0] = '\0';
    gallery g = {dir, lx_render_defaults(), NULL, 0};
    int jobs = opts && opts->jobs ? opts->jobs : default_jobs();
    if (opts && opts->size < sizeof *opts)
        lx_err_set(&err, LX_ERR_USAGE, "llmxray_gallery_opts.size is %zu (expected %zu)", opts->size, sizeof *opts);
    else if (jobs < 1 || jobs > MAX_JOBS) lx_err_set(&err, LX_ERR_USAGE, "gallery: %d jobs (expected 1 to 64)", jobs);
    if (!err.code) g.o.theme = opts && opts->dark ? LX_THEME_DARK : LX_THEME_LIGHT;
    llmxray_status first = LLMXRAY_OK;
    if (!err.code && prepare(&g, whats, n, &err) == LX_OK) {
        run_workers(&g, jobs < g.n ? jobs : (g.n ? g.n : 1));
        finish(&g, opts, &first, &err);
    }
    if (g.s) munmap(g.s, sizeof(slot) * (size_t)(g.n ? g.n : 1));
    return err.code ? lx_api_fail(&err, errbuf, errcap) : first;
}
