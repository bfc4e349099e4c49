/* layout/gfx_dl — see gfx_dl.h. */
#define LX_GFX_NO_REDIRECT
#include "layout/gfx_dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

lx_gfx_fns lx_gfx;

static bool loaded;
static char why[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

#define LX_GFX_ENTRY(f) {#f, offsetof(lx_gfx_fns, f)},
static const struct { const char *name; size_t off; } FNS[] = {LX_GFX_FNS(LX_GFX_ENTRY)};
#undef LX_GFX_ENTRY

static void load(void)
{
    void *lib = dlopen(LX_GFX_LIB, RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
        const char *e = dlerror();
        snprintf(why, sizeof why, "%s", e ? e : "not found");
        return;
    }
    lx_gfx_fns t;
    for (size_t i = 0; i < sizeof FNS / sizeof FNS[0]; i++) {
        void *sym = dlsym(lib, FNS[i].name);
        if (!sym) {
            snprintf(why, sizeof why, "%s has no symbol %s", LX_GFX_LIB, FNS[i].name);
            dlclose(lib);
            return;
        }
        /* a data pointer stored into a function-pointer slot, as POSIX dlsym requires */
        *(void **)((char *)&t + FNS[i].off) = sym;
    }
    lx_gfx = t;
    loaded = true;
}

lx_status lx_gfx_load(lx_err *err)
{
    pthread_once(&once, load);
    if (loaded) return LX_OK;
    return lx_err_set(err, LX_ERR_IO, "cannot load the text and drawing libraries (pango, cairo): %s", why);
}
