/* read/http — HTTP(S) GETs of whole small files and of byte ranges, many at once, over libcurl.
 *
 * Stage: read (used by open/remote only). Input: an array of requests (URL, optional byte
 * range, body cap). Output: each request's body, status, file size and ETag, or one error line.
 *
 * What it guarantees:
 *   - Ranges: "Range: bytes=A-B" is sent; a 206 must carry "Content-Range: bytes A-B'/TOTAL"
 *     with the same A, B' <= B and exactly B'-A+1 body bytes. A 200 (Range ignored) is
 *     accepted only when the whole body fits in the range (a small file); otherwise reading
 *     stops at the range's length and the request fails saying so.
 *   - Bounded: bodies never exceed their cap, response headers 64 KiB, redirects
 *     opts->max_redirects (followed here, not by curl, so the token rule below holds), 429/503
 *     retried opts->retries times with backoff (Retry-After honoured up to 4 s), at most
 *     opts->max_conns connections.
 *   - Time: opts->timeout_s bounds the whole session, from lx_http_new to the last byte of the
 *     last fetch (every wave, redirect and retry; a retry that would start after it is not
 *     made); connecting gets at most 10 s of what is left.
 *   - HTTP/2 over TLS when the server offers it (ALPN): requests to one host share one
 *     connection as streams, so max_conns bounds connections, not requests in flight.
 *   - The token (Authorization: Bearer) goes only to requests whose host:port equals
 *     opts->token_host, so never to a redirect target elsewhere; it is never put in a message.
 *   - TLS certificates are verified unless opts->insecure. Proxies come from the usual
 *     environment variables (http_proxy, https_proxy, no_proxy), as libcurl reads them.
 *   - Faults give one line "URL: what happened (expected ...)" with code LX_ERR_IO.
 *   - Counting: every body byte received and every request sent (redirects and retries
 *     included) is added to *stats.
 *
 * Ownership: a request's body is malloc'd and belongs to the request (lx_http_req_free); a
 * session owns its connections (lx_http_free).
 */
#ifndef LX_READ_HTTP_H
#define LX_READ_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

typedef struct lx_http_opts {
    long timeout_s;         /* the whole session, all fetches (connect: at most 10 s of it) */
    bool insecure;          /* skip TLS certificate checks */
    int max_conns;          /* parallel connections */
    int max_redirects;
    int retries;            /* extra attempts after a 429 or 503 */
    const char *token;      /* NULL: none */
    const char *token_host; /* "host:port" the token may be sent to */
    bool progress;          /* a progress line on stderr (a terminal) after 1 s */
} lx_http_opts;

typedef struct lx_http_req {
    /* in */
    const char *url;
    uint64_t from, len;     /* a range [from, from + len) when len > 0, else the whole body */
    uint64_t max_body;      /* whole-body requests: at most this many bytes */
    bool optional;          /* a 404 is not an error (status says 404, no body) */
    /* out */
    long status;
    uint8_t *body;
    size_t n;
    uint64_t total;         /* size of the whole file (Content-Range, or n for a whole body) */
    char etag[128];
} lx_http_req;

typedef struct lx_http_stats {
    uint64_t bytes;         /* body bytes received */
    unsigned requests;      /* requests sent */
    double seconds;         /* wall time spent in lx_http_fetch */
} lx_http_stats;

/* A session: the options (copied; the token and token_host strings are borrowed and must
 * outlive it) and one pool of connections kept open from one fetch to the next. */
typedef struct lx_http lx_http;
lx_http *lx_http_new(const lx_http_opts *opts); /* NULL when libcurl cannot start */
void lx_http_free(lx_http *h);

/* Runs n requests in parallel. LX_OK when all succeeded; else the first failed request's
 * error (in array order) is in err. */
lx_status lx_http_fetch(lx_http *h, lx_http_req *reqs, size_t n, lx_http_stats *stats, lx_err *err);
void lx_http_req_free(lx_http_req *r);

/* "host:port" of an absolute http(s) URL (port filled in from the scheme); false if unparsable. */
bool lx_http_host(const char *url, char *out, size_t cap);

#endif
