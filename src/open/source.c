/* open/source — what the user named -> hyper-parameters and tensors. See source.h. */
#include "open/source.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model/catalogue.h"
#include "model/hp_gguf.h"
#include "model/hp_config.h"
#include "open/remote.h"
#include "read/safetensors.h"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static bool ends_with_model_ext(const char *s)
{
    return ends_with(s, ".gguf") || ends_with(s, ".safetensors") || ends_with(s, ".json");
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* Fills hp->name from a path when the file did not name the model: the file name without
 * its extension, or the folder name for config.json / index files. */
static void default_name(lx_hparams *hp, const char *path, bool use_folder)
{
    if (hp->name[0]) return;
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s", path);
    size_t n = strlen(tmp);
    while (n > 1 && tmp[n - 1] == '/') tmp[--n] = '\0';
    if (use_folder) {
        char *slash = strrchr(tmp, '/');
        if (slash) *slash = '\0';
        else snprintf(tmp, sizeof tmp, ".");
    }
    const char *b = base_name(tmp);
    if (!strcmp(b, ".") || !b[0]) b = "model";
    snprintf(hp->name, sizeof hp->name, "%s", b);
    char *dot = strrchr(hp->name, '.');
    if (dot && dot != hp->name && !use_folder) *dot = '\0';
}

static lx_status open_gguf(const char *path, lx_source *src, lx_err *err)
{
    src->format = LX_FMT_GGUF;
    lx_status st = lx_gguf_open(path, &src->gguf, err);
    if (st != LX_OK) return st;
    st = lx_hp_from_gguf(src->gguf, path, &src->hp, err);
    if (st != LX_OK) return st;
    const lx_tensors *t = lx_gguf_tensors(src->gguf);
    for (size_t i = 0; i < t->n; i++)
        if (!lx_tensors_push(&src->tensors, &t->v[i])) return lx_err_set(err, LX_ERR_MODEL, "%s: out of memory", path);
    src->has_tensors = src->tensors.n > 0;
    for (size_t f = 0; f < lx_gguf_n_files(src->gguf); f++) {
        src->file_bytes += lx_gguf_file_size(src->gguf, f);
        src->header_bytes += lx_gguf_header_size(src->gguf, f);
    }
    default_name(&src->hp, path, false);
    if (!src->has_tensors) lx_source_warn(src, "the file holds no tensors (vocabulary only); counts come from its hyper-parameters");
    return LX_OK;
}

/* dir/config.json when it exists; returns false when there is none. */
static bool sibling_config(const char *dir, char *out, size_t cap)
{
    snprintf(out, cap, "%s/config.json", dir);
    struct stat st;
    return stat(out, &st) == 0 && S_ISREG(st.st_mode);
}

static void dir_of(const char *path, char *out, size_t cap)
{
    snprintf(out, cap, "%s", path);
    char *slash = strrchr(out, '/');
    if (slash) *slash = '\0';
    else snprintf(out, cap, ".");
}

/* Parses the index at path into src->index (kept for model/shipped's check). */
static lx_status keep_index(const char *path, lx_source *src, lx_err *err)
{
    lx_st_index *idx = malloc(sizeof *idx);
    if (!idx) return lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
    if (lx_st_index_load(path, idx, err) != LX_OK) {
        free(idx);
        return err->code;
    }
    src->index = idx;
    snprintf(src->index_name, sizeof src->index_name, "%.39s", base_name(path));
    return LX_OK;
}

static const char *const INDEX_NAMES[] = {"model.safetensors.index.json", "pytorch_model.bin.index.json"};

/* The first index file in dir, when there is one and it parses (a broken one beside a config
 * is not an error: only the check it feeds is lost). */
static void keep_sibling_index(const char *dir, lx_source *src)
{
    char p[1200];
    for (size_t i = 0; i < sizeof INDEX_NAMES / sizeof INDEX_NAMES[0] && !src->index; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, INDEX_NAMES[i]);
        struct stat st;
        lx_err quiet;
        lx_err_clear(&quiet);
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) keep_index(p, src, &quiet);
    }
}

static lx_status load_config(const char *cfg, lx_source *src, lx_err *err)
{
    lx_status st = lx_hfconfig_load(cfg, &src->hp, err);
    if (st == LX_OK) default_name(&src->hp, cfg, true);
    return st;
}

/* A config.json alone: its hyper-parameters, and the index beside it when there is one. */
static lx_status open_config(const char *cfg, lx_source *src, lx_err *err)
{
    char dir[1100];
    src->format = LX_FMT_CONFIG;
    lx_status st = load_config(cfg, src, err);
    dir_of(cfg, dir, sizeof dir);
    if (st == LX_OK) keep_sibling_index(dir, src);
    return st;
}

static lx_status open_index(const char *index, lx_source *src, lx_err *err)
{
    char dir[1024], cfg[1100];
    dir_of(index, dir, sizeof dir);
    src->format = LX_FMT_SAFETENSORS;
    lx_status st = keep_index(index, src, err);
    if (st != LX_OK) return st;
    src->file_bytes = src->header_bytes = src->index->index_bytes;
    bool missing = src->index->n_missing > 0;
    if (!missing && (st = lx_st_read_shards(src->index, &src->tensors, &src->file_bytes, &src->header_bytes, err)) != LX_OK)
        return st;
    bool have_cfg = sibling_config(dir, cfg, sizeof cfg);
    if (have_cfg && (st = load_config(cfg, src, err)) != LX_OK) return st;
    if (!missing) {
        src->has_tensors = true;
        default_name(&src->hp, index, true);
        return LX_OK;
    }
    if (!have_cfg)
        return lx_err_set(err, LX_ERR_MODEL, "%s: its shards are not present and there is no config.json beside it "
                          "(expected the shards or a config.json to count from)", index);
    src->format = LX_FMT_CONFIG;
    lx_source_warn(src, "the shards named by %s are not present; counts come from config.json", base_name(index));
    return LX_OK;
}

static lx_status open_safetensors(const char *path, lx_source *src, lx_err *err)
{
    char dir[1024], cfg[1100];
    dir_of(path, dir, sizeof dir);
    src->format = LX_FMT_SAFETENSORS;
    lx_status st = lx_st_read_file(path, 0, &src->tensors, &src->file_bytes, &src->header_bytes, err);
    if (st != LX_OK) return st;
    src->has_tensors = true;
    if (sibling_config(dir, cfg, sizeof cfg) && (st = load_config(cfg, src, err)) != LX_OK) return st;
    default_name(&src->hp, path, false);
    return LX_OK;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* A Hugging Face folder: config.json plus the weights when present (tensors then win). */
static lx_status open_folder(const char *dir, lx_source *src, lx_err *err)
{
    char p[1100];
    snprintf(p, sizeof p, "%s/model.safetensors.index.json", dir);
    if (file_exists(p)) return open_index(p, src, err);
    snprintf(p, sizeof p, "%s/model.safetensors", dir);
    if (file_exists(p)) {
        lx_status st = open_safetensors(p, src, err);
        if (st == LX_OK) keep_sibling_index(dir, src);
        return st;
    }
    if (sibling_config(dir, p, sizeof p)) return open_config(p, src, err);
    return lx_err_set(err, LX_ERR_MODEL, "%s: folder holds no config.json, model.safetensors or index "
                      "(expected a Hugging Face model folder)", dir);
}

static bool sniff_gguf(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char m[4] = {0};
    size_t n = fread(m, 1, 4, f);
    fclose(f);
    return n == 4 && memcmp(m, "GGUF", 4) == 0;
}

static lx_status open_file(const char *path, lx_source *src, lx_err *err)
{
    if (ends_with(path, ".gguf") || sniff_gguf(path)) return open_gguf(path, src, err);
    if (ends_with(path, ".safetensors")) return open_safetensors(path, src, err);
    if (ends_with(path, ".index.json")) return open_index(path, src, err);
    if (ends_with(path, ".json")) return open_config(path, src, err);
    return lx_err_set(err, LX_ERR_MODEL, "%s: not a model file llmxray knows "
                      "(expected .gguf, .safetensors, model.safetensors.index.json or config.json)", path);
}

lx_status lx_source_open(const char *what, lx_source *src, lx_err *err)
{
    return lx_source_open_with(what, NULL, src, err);
}

lx_status lx_source_open_with(const char *what, const lx_remote_opts *remote, lx_source *src, lx_err *err)
{
    memset(src, 0, sizeof *src);
    lx_tensors_init(&src->tensors);
    snprintf(src->path, sizeof src->path, "%s", what);
    struct stat st;
    lx_status rc;
    if (lx_remote_name(what)) {
        rc = lx_remote_open(what, remote, src, err);
    } else if (stat(what, &st) != 0) {
        int e = errno;
        if (lx_catalogue_find(what)) {
            src->format = LX_FMT_CATALOGUE;
            rc = lx_catalogue_load(what, &src->hp, err);
        } else if (lx_remote_repo_id(what)) {
            rc = lx_remote_open(what, remote, src, err);
        } else if (strchr(what, '/') || ends_with_model_ext(what)) {
            rc = lx_err_set(err, LX_ERR_IO, "%s: cannot open: %s", what, strerror(e));
        } else if (lx_catalogue_suggest(what)) {
            rc = lx_err_set(err, LX_ERR_IO, "%s: cannot open: %s (and no catalogue model has that name; did you mean '%s'?)",
                            what, strerror(e), lx_catalogue_suggest(what)->slug);
        } else {
            rc = lx_err_set(err, LX_ERR_IO, "%s: cannot open: %s (and no catalogue model has that name; see 'llmxray list')",
                            what, strerror(e));
        }
    } else if (S_ISDIR(st.st_mode)) {
        rc = open_folder(what, src, err);
    } else {
        rc = open_file(what, src, err);
    }
    if (rc != LX_OK) lx_source_free(src);
    return rc;
}
