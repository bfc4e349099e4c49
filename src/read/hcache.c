/* read/hcache — see hcache.h. */
#include "read/hcache.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { HC_MAX_ENTRY = 1 << 30 }; /* an entry claiming more is corrupt (headers are capped lower) */

static const char HC_MAGIC[] = "llmxray-hcache 1";

/* DIR of the cache (created), false when there is no place for it. */
static bool hc_dir(char *out, size_t cap)
{
    const char *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
    if (x && *x) snprintf(out, cap, "%s/llmxray", x);
    else if (h && *h) snprintf(out, cap, "%s/.cache/llmxray", h);
    else return false;
    for (char *p = out + 1; *p; p++) /* the parents first, as mkdir -p */
        if (*p == '/') {
            *p = '\0';
            mkdir(out, 0755);
            *p = '/';
        }
    if (mkdir(out, 0755) == 0) return true;
    struct stat st;
    return stat(out, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool hc_path(const char *url, char *out, size_t cap)
{
    char dir[900];
    if (!hc_dir(dir, sizeof dir)) return false;
    uint64_t h = 1469598103934665603ULL;
    for (const char *s = url; *s; s++) h = (h ^ (uint8_t)*s) * 1099511628211ULL;
    snprintf(out, cap, "%s/%016" PRIx64 ".bin", dir, h);
    return true;
}

/* One header line without its newline; false when absent or too long. */
static bool hc_line(FILE *f, char *out, size_t cap)
{
    if (!fgets(out, (int)cap, f)) return false;
    size_t n = strlen(out);
    if (!n || out[n - 1] != '\n') return false;
    out[n - 1] = '\0';
    return true;
}

static bool hc_read(FILE *f, const char *url, lx_hcache_entry *e, bool bytes)
{
    char line[4200], num[2][32];
    if (!hc_line(f, line, sizeof line) || strcmp(line, HC_MAGIC) != 0) return false;
    if (!hc_line(f, line, sizeof line) || strcmp(line, url) != 0) return false;
    if (!hc_line(f, e->etag, sizeof e->etag) || !hc_line(f, num[0], sizeof num[0]) || !hc_line(f, num[1], sizeof num[1]))
        return false;
    if (sscanf(num[0], "%" SCNu64, &e->size) != 1 || sscanf(num[1], "%" SCNu64, &e->have) != 1) return false;
    if (e->have > e->size || e->have > HC_MAX_ENTRY) return false;
    if (!bytes) return true;
    if (!(e->buf = malloc((size_t)e->have + 1))) return false;
    e->buf[e->have] = '\0';
    return fread(e->buf, 1, (size_t)e->have, f) == e->have;
}

static bool hc_get(const char *url, lx_hcache_entry *e, bool bytes)
{
    memset(e, 0, sizeof *e);
    char path[1000];
    FILE *f = hc_path(url, path, sizeof path) ? fopen(path, "rb") : NULL;
    if (!f) return false;
    bool ok = hc_read(f, url, e, bytes);
    fclose(f);
    if (!ok) lx_hcache_entry_free(e);
    return ok;
}

bool lx_hcache_get(const char *url, lx_hcache_entry *e)
{
    return hc_get(url, e, true);
}

void lx_hcache_put(const char *url, const uint8_t *buf, uint64_t have, uint64_t size, const char *etag)
{
    char path[1000], tmp[1100];
    lx_hcache_entry old;
    if (hc_get(url, &old, false) && old.size == size && !strcmp(old.etag, etag) && old.have > have) return;
    if (strchr(url, '\n') || strchr(etag, '\n') || strlen(url) > 4000 || !hc_path(url, path, sizeof path)) return;
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    if (!f) return;
    bool ok = fprintf(f, "%s\n%s\n%s\n%" PRIu64 "\n%" PRIu64 "\n", HC_MAGIC, url, etag, size, have) > 0 &&
              fwrite(buf, 1, (size_t)have, f) == have;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) unlink(tmp);
}

void lx_hcache_entry_free(lx_hcache_entry *e)
{
    free(e->buf);
    e->buf = NULL;
}
