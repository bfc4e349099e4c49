/* read/http — see http.h.
 *
 * Implementation notes
 * - One curl multi handle per session (lx_http); every attempt (first try, redirect, retry)
 *   is a fresh easy handle, so no state leaks between hops, while the multi handle's
 *   connection cache reuses connections (and TLS sessions) from one fetch to the next.
 * - Redirects are followed here: curl never follows one, so the Authorization header is
 *   decided per hop from that hop's host.
 * - Callbacks stop a transfer by returning a short count; the reason is kept in the transfer
 *   and becomes the error line.
 */
#include "read/http.h"

#include <curl/curl.h>
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "read/curl_dl.h"

enum {
    HT_MAX_HEADERS = 64 * 1024, /* response header bytes per hop */
    HT_MAX_JUNK = 64 * 1024,    /* bytes of an error or redirect body read (and dropped) */
    HT_MAX_HOPS = 32            /* URLs remembered per request (>= any redirect limit used) */
};

typedef struct ht_xfer {
    lx_http_req *r;
    lx_http_stats *stats;
    const lx_http_opts *o;
    double deadline;             /* the session's: monotonic seconds the whole fetch must end by */
    CURL *h;
    struct curl_slist *hdrs;
    char *url;                   /* this hop's URL (malloc'd; seen[n_seen - 1]) */
    char *seen[HT_MAX_HOPS];
    int n_seen, tries;
    long connect_ms;             /* this hop's connect time-out */
    uint64_t cap, junk;
    size_t body_cap, hdr_bytes;
    bool sent_token, queued;
    long retry_after;            /* seconds; -1 when absent */
    double wake;                 /* a retry waits until then (monotonic seconds) */
    char crange[128];
    char why[256];               /* why a callback stopped the transfer */
    char errbuf[CURL_ERROR_SIZE];
    lx_err err;
} ht_xfer;

static double ht_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

bool lx_http_host(const char *url, char *out, size_t cap)
{
    if (!lx_curl_load()) return false;
    CURLU *u = curl_url();
    char *host = NULL, *port = NULL;
    bool ok = u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
              curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
              curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK;
    if (ok) {
        snprintf(out, cap, "%s:%s", host, port);
        for (char *c = out; *c; c++) *c = (char)tolower((unsigned char)*c);
    }
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    return ok;
}

/* ------------------------------------------------------------------ callbacks */

static long ht_code(ht_xfer *x)
{
    long code = 0;
    curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
    return code;
}

static bool ht_grow(ht_xfer *x, size_t need)
{
    if (need <= x->body_cap) return true;
    size_t cap = x->body_cap ? x->body_cap : 16384;
    while (cap < need) cap *= 2;
    if (cap > x->cap) cap = (size_t)x->cap;
    uint8_t *b = realloc(x->r->body, cap);
    if (!b) return false;
    x->r->body = b;
    x->body_cap = cap;
    return true;
}

static size_t ht_write(char *p, size_t size, size_t nmemb, void *ud)
{
    ht_xfer *x = ud;
    size_t n = size * nmemb;
    x->stats->bytes += n;
    long code = ht_code(x);
    if (code < 200 || code >= 300) {
        x->junk += n;
        if (x->junk <= HT_MAX_JUNK) return n;
        snprintf(x->why, sizeof x->why, "HTTP %ld with a body longer than %d bytes (expected a short "
                 "answer)", code, HT_MAX_JUNK);
        return 0;
    }
    if (x->r->n + n > x->cap) {
        if (x->r->len && code == 200)
            snprintf(x->why, sizeof x->why, "the server ignored the Range request and sent the whole "
                     "file; stopped reading after the %" PRIu64 " bytes asked for (expected 206 Partial "
                     "Content)", x->cap);
        else if (x->r->len)
            snprintf(x->why, sizeof x->why, "the server sent more than the %" PRIu64 " bytes asked for "
                     "(expected the range only)", x->cap);
        else
            snprintf(x->why, sizeof x->why, "the file is larger than %" PRIu64 " bytes; stopped reading "
                     "there (expected a small JSON file)", x->cap);
        return 0;
    }
    if (!ht_grow(x, x->r->n + n)) {
        snprintf(x->why, sizeof x->why, "out of memory");
        return 0;
    }
    memcpy(x->r->body + x->r->n, p, n);
    x->r->n += n;
    return n;
}

/* Copies the value of header line p (n bytes) into out when its name is `name`. */
static void ht_field(const char *p, size_t n, const char *name, char *out, size_t cap)
{
    size_t k = strlen(name);
    if (n <= k || strncasecmp(p, name, k) != 0 || p[k] != ':') return;
    p += k + 1;
    n -= k + 1;
    while (n && (*p == ' ' || *p == '\t')) p++, n--;
    while (n && (p[n - 1] == '\r' || p[n - 1] == '\n' || p[n - 1] == ' ')) n--;
    if (n >= cap) n = cap - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

static size_t ht_header(char *p, size_t size, size_t nmemb, void *ud)
{
    ht_xfer *x = ud;
    size_t n = size * nmemb;
    x->hdr_bytes += n;
    if (x->hdr_bytes > HT_MAX_HEADERS) {
        snprintf(x->why, sizeof x->why, "the response headers run past %d bytes (expected a normal "
                 "HTTP response)", HT_MAX_HEADERS);
        return 0;
    }
    if (n >= 5 && strncmp(p, "HTTP/", 5) == 0) {
        x->crange[0] = x->r->etag[0] = '\0';
        x->retry_after = -1;
    }
    char ra[32] = "";
    ht_field(p, n, "content-range", x->crange, sizeof x->crange);
    ht_field(p, n, "etag", x->r->etag, sizeof x->r->etag);
    ht_field(p, n, "retry-after", ra, sizeof ra);
    if (ra[0] >= '0' && ra[0] <= '9') x->retry_after = strtol(ra, NULL, 10);
    return n;
}

/* ------------------------------------------------------------------ one hop */

static void ht_reset_body(ht_xfer *x)
{
    free(x->r->body);
    x->r->body = NULL;
    x->r->n = 0;
    x->body_cap = 0;
    x->junk = 0;
    x->hdr_bytes = 0;
    x->why[0] = x->crange[0] = x->errbuf[0] = '\0';
}

static bool ht_token_here(const ht_xfer *x)
{
    char host[300];
    return x->o->token && x->o->token[0] && x->o->token_host && lx_http_host(x->url, host, sizeof host) &&
           strcmp(host, x->o->token_host) == 0;
}

static long ht_timeout(const lx_http_opts *o)
{
    return o->timeout_s > 0 ? o->timeout_s : 30;
}

static bool ht_setup(ht_xfer *x)
{
    const lx_http_opts *o = x->o;
    ht_reset_body(x);
    if (!(x->h = curl_easy_init())) return false;
    CURL *h = x->h;
    long left = (long)((x->deadline - ht_now()) * 1000); /* what is left of the whole fetch's time */
    if (left < 1) left = 1;
    curl_easy_setopt(h, CURLOPT_URL, x->url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    /* HTTP/2 when TLS offers it (ALPN), and then wait for the first connection's handshake to
     * share it rather than open 64; cleartext is HTTP/1.1, where waiting would cost a round trip
     * (curl learns that a connection cannot multiplex only from its first response). */
    bool tls = strncasecmp(x->url, "https://", 8) == 0;
    curl_easy_setopt(h, CURLOPT_HTTP_VERSION, tls ? (long)CURL_HTTP_VERSION_2TLS : (long)CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(h, CURLOPT_PIPEWAIT, tls ? 1L : 0L);
    x->connect_ms = left < 10000 ? left : 10000L;
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, x->connect_ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, left);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, o->insecure ? 0L : 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, o->insecure ? 0L : 2L);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "llmxray/0.1");
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, ht_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, ht_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
    curl_easy_setopt(h, CURLOPT_PRIVATE, x);
    char range[64];
    if (x->r->len) {
        snprintf(range, sizeof range, "%" PRIu64 "-%" PRIu64, x->r->from, x->r->from + x->r->len - 1);
        curl_easy_setopt(h, CURLOPT_RANGE, range); /* copied by curl */
    }
    curl_slist_free_all(x->hdrs);
    x->hdrs = NULL;
    x->sent_token = ht_token_here(x);
    if (x->sent_token) {
        size_t n = strlen(x->o->token) + 32;
        char *line = malloc(n);
        if (!line) return false;
        snprintf(line, n, "Authorization: Bearer %s", x->o->token);
        x->hdrs = curl_slist_append(NULL, line);
        memset(line, 0, n);
        free(line);
        if (!x->hdrs) return false;
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, x->hdrs);
    }
    x->stats->requests++;
    return true;
}

static void ht_cleanup_hop(ht_xfer *x)
{
    if (x->h) curl_easy_cleanup(x->h);
    x->h = NULL;
    curl_slist_free_all(x->hdrs);
    x->hdrs = NULL;
}

/* ------------------------------------------------------------------ outcomes */

__attribute__((format(printf, 2, 3)))
static void ht_fail(ht_xfer *x, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    lx_err_set(&x->err, LX_ERR_IO, "%s: %s", x->url, what);
}

/* A time-out: before the request could be sent (no connection in time), or after. */
static void ht_timed_out(ht_xfer *x)
{
    curl_off_t sent = 1;
    if (x->h) curl_easy_getinfo(x->h, CURLINFO_PRETRANSFER_TIME_T, &sent);
    if (!sent)
        ht_fail(x, "could not connect in time (at most %.1f s to connect, %ld s for the whole fetch) (expected "
                "the server to accept a connection; --timeout sets the limit)", (double)x->connect_ms / 1000,
                ht_timeout(x->o));
    else
        ht_fail(x, "no complete answer within %ld s, the time-out for the whole fetch (expected a reply in "
                "time; --timeout sets the limit)", ht_timeout(x->o));
}

static void ht_curl_error(ht_xfer *x, CURLcode rc)
{
    const char *detail = x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc);
    if (x->why[0]) ht_fail(x, "%s", x->why); /* a callback stopped it */
    else if (rc == CURLE_OPERATION_TIMEDOUT)
        ht_timed_out(x);
    else if (rc == CURLE_PARTIAL_FILE)
        ht_fail(x, "the body ended after %zu bytes, before the length the server announced (expected a "
                "complete body; the connection was cut)", x->r->n);
    else if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CONNECT_ERROR)
        ht_fail(x, "TLS certificate refused: %s (expected a valid certificate; --insecure skips the check)",
                detail);
    else if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
             rc == CURLE_COULDNT_RESOLVE_PROXY)
        ht_fail(x, "cannot connect: %s", detail);
    else
        ht_fail(x, "%s", detail);
}

/* "bytes A-B/TOTAL" */
static bool ht_parse_crange(const char *s, uint64_t *a, uint64_t *b, uint64_t *total)
{
    return sscanf(s, "bytes %" SCNu64 "-%" SCNu64 "/%" SCNu64, a, b, total) == 3 && *a <= *b &&
           *b < *total;
}

static void ht_check_range(ht_xfer *x, long code)
{
    lx_http_req *r = x->r;
    if (!r->len) {
        r->total = r->n;
        return;
    }
    if (code == 200) {
        if (r->from == 0) {
            r->total = r->n; /* a file smaller than the range, sent whole */
            return;
        }
        ht_fail(x, "the server ignored the Range request (HTTP 200 for bytes %" PRIu64 "-) (expected 206 "
                "Partial Content)", r->from);
        return;
    }
    uint64_t a, b, total;
    if (code != 206 || !ht_parse_crange(x->crange, &a, &b, &total)) {
        ht_fail(x, "HTTP %ld with Content-Range \"%.60s\" (expected 206 and \"bytes A-B/SIZE\")", code,
                x->crange);
        return;
    }
    if (a != r->from || b >= r->from + r->len)
        ht_fail(x, "Content-Range \"%.60s\" disagrees with the request for bytes %" PRIu64 "-%" PRIu64
                " (expected the range asked for)", x->crange, r->from, r->from + r->len - 1);
    else if (b - a + 1 != r->n)
        ht_fail(x, "the body has %zu bytes but Content-Range \"%.60s\" announces %" PRIu64 " (expected "
                "a complete body; truncated)", r->n, x->crange, b - a + 1);
    else
        r->total = total;
}

static void ht_status_error(ht_xfer *x, long code)
{
    if ((code == 401 || code == 403) && !x->sent_token)
        ht_fail(x, "HTTP %ld: the repository is gated or private: a token is needed (set HF_TOKEN or "
                "write one to $HF_HOME/token)", code);
    else if (code == 401 || code == 403)
        ht_fail(x, "HTTP %ld: the token was refused (expected a token with access; for a gated "
                "repository, accept its terms on the Hub first)", code);
    else if (code == 404)
        ht_fail(x, "HTTP 404: not found (expected an existing repository, revision and file)");
    else if (code == 429 || code == 503)
        ht_fail(x, "HTTP %ld: still refused after %d retries (expected the server to answer; try "
                "again later)", code, x->tries);
    else
        ht_fail(x, "HTTP %ld (expected 200 or 206)", code);
}

/* Next hop of a redirect; false (error set) when the limit or a loop stops it. */
static bool ht_redirect(ht_xfer *x)
{
    char *loc = NULL;
    curl_easy_getinfo(x->h, CURLINFO_REDIRECT_URL, &loc);
    if (!loc) {
        ht_fail(x, "redirect without a usable Location (expected an absolute http(s) URL)");
        return false;
    }
    for (int i = 0; i < x->n_seen; i++)
        if (strcmp(x->seen[i], loc) == 0) {
            ht_fail(x, "redirect loop back to %.300s (expected redirects to end at the file)", loc);
            return false;
        }
    int limit = x->o->max_redirects > 0 ? x->o->max_redirects : 10;
    if (x->n_seen > limit || x->n_seen >= HT_MAX_HOPS) {
        ht_fail(x, "more than %d redirects (expected at most %d)", limit, limit);
        return false;
    }
    char *next = strdup(loc);
    if (!next) {
        ht_fail(x, "out of memory");
        return false;
    }
    x->seen[x->n_seen++] = next;
    x->url = next;
    return true;
}

/* A hop ended. Returns true when the request goes on (redirect or retry). */
static bool ht_done(ht_xfer *x, CURLcode rc, double now)
{
    if (rc != CURLE_OK) {
        ht_curl_error(x, rc);
        return false;
    }
    long code = ht_code(x);
    x->r->status = code;
    if (code >= 300 && code < 400) return ht_redirect(x);
    if ((code == 429 || code == 503) && x->tries < x->o->retries) {
        double d = x->retry_after >= 0 ? (double)x->retry_after : 0.25 * (double)(1 << x->tries);
        x->wake = now + (d > 4 ? 4 : d);
        x->tries++;
        if (x->wake < x->deadline) return true;
        ht_timed_out(x); /* the retry would start after the deadline */
        return false;
    }
    if (code == 404 && x->r->optional) {
        ht_reset_body(x);
        return false;
    }
    if (code < 200 || code >= 300) ht_status_error(x, code);
    else ht_check_range(x, code);
    return false;
}

/* ------------------------------------------------------------------ the loop */

/* On a terminal, after 1 s: one line, rewritten at most 5 times a second. */
static void ht_progress(const lx_http_opts *o, const lx_http_stats *s, double t0, double now, double *last, bool *shown)
{
    if (!o->progress || now - t0 < 1.0 || now - *last < 0.2 || !isatty(STDERR_FILENO)) return;
    *last = now;
    fprintf(stderr, "\rllmxray: fetching headers: %u requests, %.1f MB", s->requests, (double)s->bytes / 1e6);
    fflush(stderr);
    *shown = true;
}

static bool ht_start(CURLM *m, ht_xfer *x)
{
    if (ht_setup(x) && curl_multi_add_handle(m, x->h) == CURLM_OK) {
        x->queued = true;
        return true;
    }
    ht_fail(x, "out of memory");
    ht_cleanup_hop(x);
    return false;
}

/* Reads finished hops; a request that goes on waits for ht_restart. */
static void ht_collect(CURLM *m, double now)
{
    CURLMsg *msg;
    int left;
    while ((msg = curl_multi_info_read(m, &left))) {
        if (msg->msg != CURLMSG_DONE) continue;
        CURL *h = msg->easy_handle;
        CURLcode rc = msg->data.result;
        ht_xfer *x = NULL;
        curl_easy_getinfo(h, CURLINFO_PRIVATE, (char **)&x);
        curl_multi_remove_handle(m, h);
        x->queued = false;
        bool again = ht_done(x, rc, now);
        ht_cleanup_hop(x);
        if (!again) x->wake = -1; /* finished */
    }
}

/* Starts the requests whose retry time has come; true while any is pending or running. */
static bool ht_restart(CURLM *m, ht_xfer *xs, size_t n, double now, double *next)
{
    bool busy = false;
    *next = now + 0.1;
    for (size_t i = 0; i < n; i++) {
        ht_xfer *x = &xs[i];
        if (x->queued) { busy = true; continue; }
        if (x->wake < 0) continue;
        if (x->wake <= now) {
            x->wake = 0;
            if (ht_start(m, x)) busy = true;
            else x->wake = -1;
        } else {
            busy = true;
            if (x->wake < *next) *next = x->wake;
        }
    }
    return busy;
}

static void ht_run(CURLM *m, ht_xfer *xs, size_t n, const lx_http_opts *o, lx_http_stats *stats)
{
    double t0 = ht_now(), next, last = 0;
    bool shown = false;
    for (;;) {
        int running = 0;
        curl_multi_perform(m, &running);
        double now = ht_now();
        ht_collect(m, now);
        if (!ht_restart(m, xs, n, now, &next)) break;
        int ms = (int)((next - now) * 1000);
        curl_multi_poll(m, NULL, 0, ms < 1 ? 1 : ms, NULL);
        ht_progress(o, stats, t0, ht_now(), &last, &shown);
    }
    if (shown) fputs("\r\033[K", stderr);
}

struct lx_http {
    CURLM *m;
    lx_http_opts o;
    double deadline; /* --timeout bounds the whole session: every fetch, wave, redirect and retry */
};

lx_http *lx_http_new(const lx_http_opts *opts)
{
    if (!lx_curl_load()) return NULL;
    lx_http *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        free(h);
        return NULL;
    }
    if (!(h->m = curl_multi_init())) {
        curl_global_cleanup();
        free(h);
        return NULL;
    }
    h->o = *opts;
    h->deadline = ht_now() + (double)ht_timeout(opts);
    long conns = opts->max_conns > 0 ? opts->max_conns : 8;
    curl_multi_setopt(h->m, CURLMOPT_MAX_TOTAL_CONNECTIONS, conns);
    curl_multi_setopt(h->m, CURLMOPT_MAX_HOST_CONNECTIONS, conns);
    curl_multi_setopt(h->m, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX); /* the bound is on connections */
    return h;
}

void lx_http_free(lx_http *h)
{
    if (!h) return;
    curl_multi_cleanup(h->m);
    curl_global_cleanup();
    free(h);
}

lx_status lx_http_fetch(lx_http *h, lx_http_req *reqs, size_t n, lx_http_stats *stats, lx_err *err)
{
    if (!n) return LX_OK;
    ht_xfer *xs = calloc(n, sizeof *xs);
    if (!xs) return lx_err_set(err, LX_ERR_IO, "%s: out of memory", reqs[0].url);
    const lx_http_opts *opts = &h->o;
    CURLM *m = h->m;
    double t0 = ht_now();
    for (size_t i = 0; i < n; i++) {
        ht_xfer *x = &xs[i];
        *x = (ht_xfer){ .r = &reqs[i], .stats = stats, .o = opts, .deadline = h->deadline, .retry_after = -1 };
        reqs[i].status = 0;
        reqs[i].body = NULL;
        reqs[i].n = 0;
        reqs[i].total = 0;
        reqs[i].etag[0] = '\0';
        x->cap = reqs[i].len ? reqs[i].len : reqs[i].max_body;
        x->url = x->seen[0] = strdup(reqs[i].url);
        x->n_seen = 1;
        if (!x->url) {
            lx_err_set(&x->err, LX_ERR_IO, "%s: out of memory", reqs[i].url);
            x->wake = -1;
        }
    }
    ht_run(m, xs, n, opts, stats);
    for (size_t i = 0; i < n; i++) {
        if (lx_err_failed(&xs[i].err)) {
            lx_err_set(err, xs[i].err.code, "%s", xs[i].err.msg); /* the first one sticks */
            lx_http_req_free(&reqs[i]);
        }
        for (int k = 0; k < xs[i].n_seen; k++) free(xs[i].seen[k]);
    }
    free(xs);
    stats->seconds += ht_now() - t0;
    return err->code;
}

void lx_http_req_free(lx_http_req *r)
{
    free(r->body);
    r->body = NULL;
    r->n = 0;
}
