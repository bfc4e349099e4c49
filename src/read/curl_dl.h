/* read/curl_dl — libcurl, opened on first use (dlopen) rather than linked.
 *
 * Stage: read (used by read/http only). Most runs never touch the network, and linking
 * libcurl makes every process load its ~27 libraries (TLS, Kerberos, LDAP, SSH, …), about
 * 11 ms each time; opened here, they are loaded only by a process that fetches something.
 * The headers still come from the libcurl package through pkg-config; the library is the
 * one of that package (soname libcurl.so.4).
 *
 * Include after <curl/curl.h>: the curl_* names used by read/http then call through the
 * table lx_curl, which lx_curl_load fills (every entry, or none).
 * Ownership: the library stays open for the life of the process.
 */
#ifndef LX_READ_CURL_DL_H
#define LX_READ_CURL_DL_H

#include <stdbool.h>

#include <curl/curl.h>

typedef struct lx_curl_fns {
    __typeof__(&curl_global_init) global_init;
    __typeof__(&curl_global_cleanup) global_cleanup;
    __typeof__(&curl_easy_init) easy_init;
    __typeof__(&curl_easy_setopt) easy_setopt;
    __typeof__(&curl_easy_getinfo) easy_getinfo;
    __typeof__(&curl_easy_cleanup) easy_cleanup;
    __typeof__(&curl_easy_strerror) easy_strerror;
    __typeof__(&curl_free) free;
    __typeof__(&curl_multi_init) multi_init;
    __typeof__(&curl_multi_add_handle) multi_add_handle;
    __typeof__(&curl_multi_remove_handle) multi_remove_handle;
    __typeof__(&curl_multi_cleanup) multi_cleanup;
    __typeof__(&curl_multi_info_read) multi_info_read;
    __typeof__(&curl_multi_perform) multi_perform;
    __typeof__(&curl_multi_poll) multi_poll;
    __typeof__(&curl_multi_setopt) multi_setopt;
    __typeof__(&curl_slist_append) slist_append;
    __typeof__(&curl_slist_free_all) slist_free_all;
    __typeof__(&curl_url) url;
    __typeof__(&curl_url_cleanup) url_cleanup;
    __typeof__(&curl_url_get) url_get;
    __typeof__(&curl_url_set) url_set;
} lx_curl_fns;

extern lx_curl_fns lx_curl;

/* Opens libcurl and fills lx_curl once; false (and lx_curl untouched) when it cannot. */
bool lx_curl_load(void);

#undef curl_easy_setopt
#undef curl_easy_getinfo
#undef curl_multi_setopt
#define curl_global_init (*lx_curl.global_init)
#define curl_global_cleanup (*lx_curl.global_cleanup)
#define curl_easy_init (*lx_curl.easy_init)
#define curl_easy_setopt (*lx_curl.easy_setopt)
#define curl_easy_getinfo (*lx_curl.easy_getinfo)
#define curl_easy_cleanup (*lx_curl.easy_cleanup)
#define curl_easy_strerror (*lx_curl.easy_strerror)
#define curl_free (*lx_curl.free)
#define curl_multi_init (*lx_curl.multi_init)
#define curl_multi_add_handle (*lx_curl.multi_add_handle)
#define curl_multi_remove_handle (*lx_curl.multi_remove_handle)
#define curl_multi_cleanup (*lx_curl.multi_cleanup)
#define curl_multi_info_read (*lx_curl.multi_info_read)
#define curl_multi_perform (*lx_curl.multi_perform)
#define curl_multi_poll (*lx_curl.multi_poll)
#define curl_multi_setopt (*lx_curl.multi_setopt)
#define curl_slist_append (*lx_curl.slist_append)
#define curl_slist_free_all (*lx_curl.slist_free_all)
#define curl_url (*lx_curl.url)
#define curl_url_cleanup (*lx_curl.url_cleanup)
#define curl_url_get (*lx_curl.url_get)
#define curl_url_set (*lx_curl.url_set)

#endif
