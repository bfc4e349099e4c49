/* read/curl_dl — see curl_dl.h. */
#include "read/curl_dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

lx_curl_fns lx_curl;

static bool loaded;
static pthread_once_t once = PTHREAD_ONCE_INIT;

#define FN(f) { "curl_" #f, offsetof(lx_curl_fns, f) }
static const struct { const char *name; size_t off; } FNS[] = {
    FN(global_init), FN(global_cleanup), FN(easy_init), FN(easy_setopt), FN(easy_getinfo), FN(easy_cleanup),
    FN(easy_strerror), FN(free), FN(multi_init), FN(multi_add_handle), FN(multi_remove_handle),
    FN(multi_cleanup), FN(multi_info_read), FN(multi_perform), FN(multi_poll), FN(multi_setopt),
    FN(slist_append), FN(slist_free_all), FN(url), FN(url_cleanup), FN(url_get), FN(url_set),
};
#undef FN

static void load(void)
{
    void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return;
    lx_curl_fns t;
    for (size_t i = 0; i < sizeof FNS / sizeof FNS[0]; i++) {
        void *sym = dlsym(lib, FNS[i].name);
        if (!sym) {
            dlclose(lib);
            return;
        }
        /* a data pointer stored into a function-pointer slot, as POSIX dlsym requires */
        *(void **)((char *)&t + FNS[i].off) = sym;
    }
    lx_curl = t;
    loaded = true;
}

bool lx_curl_load(void)
{
    pthread_once(&once, load);
    return loaded;
}
