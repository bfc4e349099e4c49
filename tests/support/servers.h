/* tests/support/servers — web servers on 127.0.0.1 for the remote-model tests and bench
 * (test support, not product).
 *
 * lx_nginx: Debian's nginx started in a temporary folder on two free ports: `port` serves
 * ROOT/www (the "Hub": /api/models/ORG/NAME is served from www/api/models/ORG/NAME.json;
 * /ORG/cdn/resolve/REV/FILE redirects to the second server, another host:port; the repository
 * org/gated answers 401 as the Hub does for gated and private repositories) and `port2`
 * serves ROOT/www2 (the "CDN"); `port_tls` serves ROOT/www (the Hub's files and API) over TLS
 * with a self-signed certificate, speaking HTTP/2 to clients that offer it (ALPN). The access
 * log (lx_nginx_log) has one line per request:
 *   PROTOCOL CONNECTION SERVER_PORT|METHOD URI|STATUS|BODY_BYTES_SENT|RANGE|AUTHORIZATION
 * (PROTOCOL "HTTP/1.1" or "HTTP/2.0"; CONNECTION nginx's serial number of the connection).
 * lx_nginx_start fails (false, *why filled) when nginx is not installed or does not start.
 *
 * lx_bad: a small HTTP/1.1 server written for the tests (a child process) that misbehaves in
 * one chosen way per request, serving files of a root folder with Range support otherwise
 * (/api/models/X from ROOT/api/models/X.json, as the nginx set-up does);
 * every response is delayed by delay_ms (the bench's added latency).
 * Ownership: each handle owns its child process; *_stop kills it and frees the handle.
 */
#ifndef LX_TESTS_SERVERS_H
#define LX_TESTS_SERVERS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

typedef struct lx_nginx {
    int pid;
    int port, port2, port_tls; /* port_tls: ROOT/www over TLS (HTTP/2 offered), self-signed */
    int port_proxy;            /* a proxy to `port` (for http_proxy) */
    char dir[512]; /* ROOT: www/, www2/, access.log, nginx.conf */
} lx_nginx;

bool lx_nginx_start(lx_nginx *n, const char *root, char *why, size_t cap);
void lx_nginx_stop(lx_nginx *n);
/* The access log so far into b (cleared first); false when it cannot be read. */
bool lx_nginx_log(const lx_nginx *n, lx_buf *b);

typedef enum lx_bad_mode {
    LX_BAD_NONE,        /* behaves: files with Range support */
    LX_BAD_IGNORE_RANGE,/* 200 and the whole file, whatever the Range */
    LX_BAD_TRUNCATE,    /* 206, announces the range, sends half and closes */
    LX_BAD_WRONG_RANGE, /* 206 with a Content-Range starting 1 byte off */
    LX_BAD_STATUS,      /* answers every request with `status` (404, 401, 403, 429, 500, 503) */
    LX_BAD_FLAKY,       /* 503 for the first `status` requests, then behaves */
    LX_BAD_LOOP,        /* 302 to itself, alternating between two URLs */
    LX_BAD_CHAIN,       /* 302 to a new URL every time (never the same twice) */
    LX_BAD_ENDLESS,     /* sends header lines forever */
    LX_BAD_SILENT,      /* accepts and never answers */
    LX_BAD_MODE_COUNT
} lx_bad_mode;

typedef struct lx_bad {
    int pid;
    int port;
} lx_bad;

/* Starts the server on a free port of 127.0.0.1; status: see the modes. */
bool lx_bad_start(lx_bad *b, const char *root, lx_bad_mode mode, int status, int delay_ms);
void lx_bad_stop(lx_bad *b);

/* A free TCP port on 127.0.0.1 (bound and released). */
int lx_free_port(void);

#endif
