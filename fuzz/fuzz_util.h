/* fuzz/fuzz_util — what every libFuzzer target shares (fuzzing support, not product code).
 *
 * The readers take paths (they mmap or pread files), so each input is written to an
 * in-memory file (memfd) that is named "/proc/self/fd/N" — no disk I/O per input. One memfd
 * per process, rewritten for every input; a second, named copy in a private temporary
 * folder serves readers that dispatch on the file name (".gguf", ".json").
 */
#ifndef LX_FUZZ_UTIL_H
#define LX_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>

#include "model/arch.h"
#include "open/source.h"
#include "render/info.h"
#include "util/buf.h"
#include <sys/mman.h>
#include <unistd.h>

static char fz_dir[64];

/* Removes the private folder and what is in it (at exit). */
static inline void fz_cleanup(void)
{
    DIR *d = fz_dir[0] ? opendir(fz_dir) : NULL;
    struct dirent *e;
    char p[384];
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        snprintf(p, sizeof p, "%s/%s", fz_dir, e->d_name);
        unlink(p);
    }
    if (d) closedir(d);
    if (fz_dir[0]) rmdir(fz_dir);
}

/* Replaces the memfd's contents with data; returns its path ("" on failure). */
static inline const char *fz_memfile(const uint8_t *data, size_t size)
{
    static int fd = -1;
    static char path[64];
    if (fd < 0) {
        fd = memfd_create("llmxray-fuzz", 0);
        if (fd < 0) return "";
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    if (ftruncate(fd, 0) != 0) return "";
    for (size_t done = 0; done < size;) {
        ssize_t w = pwrite(fd, data + done, size - done, (off_t)done);
        if (w <= 0) return "";
        done += (size_t)w;
    }
    return path;
}

/* Writes data to DIR/name in a private folder made once per process; returns the path. */
static inline const char *fz_named_file(const char *name, const uint8_t *data, size_t size)
{
    static char path[128];
    if (!fz_dir[0]) {
        snprintf(fz_dir, sizeof fz_dir, "/tmp/llmxray-fuzz-XXXXXX");
        if (!mkdtemp(fz_dir)) { fz_dir[0] = '\0'; return ""; }
        atexit(fz_cleanup);
    }
    snprintf(path, sizeof path, "%s/%s", fz_dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) return "";
    size_t n = fwrite(data, 1, size, f);
    return fclose(f) == 0 && n == size ? path : "";
}

/* The model stage and the `info` outputs on whatever a reader accepted; returns the built
 * architecture in *a (when a is not NULL and it built) for further stages, else frees it. */
static inline bool fz_arch_info(const lx_source *src, lx_arch *a)
{
    lx_arch local;
    lx_arch *arch = a ? a : &local;
    lx_err err = { 0 };
    if (lx_arch_build(src, arch, &err) != LX_OK) return false;
    lx_buf b;
    lx_buf_init(&b);
    lx_info_text(arch, &b);
    lx_info_json(arch, &b);
    lx_buf_free(&b);
    if (!a) lx_arch_free(arch);
    return true;
}

#endif
