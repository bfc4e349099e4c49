/* Remote faults: a misbehaving server (tests/support/servers) for each way a server can go
 * wrong. Each must end with exit code 3, exactly one line on stderr naming the URL and what
 * happened, and no output file written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "draw_support.h"
#include "families.h"
#include "open/remote.h"
#include "servers.h"

static char ROOT[512];

static int setup(void **state)
{
    (void)state;
    snprintf(ROOT, sizeof ROOT, "%s/faults-XXXXXX", LX_TMP_DIR);
    if (!mkdtemp(ROOT)) return -1;
    char p[600];
    snprintf(p, sizeof p, "%s/m.gguf", ROOT);
    if (!lx_fam_write_gguf(&LX_FAM_LLAMA31_8B, p)) return -1;
    static const char *const DIRS[] = { "org", "org/slow", "org/slow/resolve", "org/slow/resolve/main", "api",
                                        "api/models", "api/models/org" };
    for (size_t i = 0; i < sizeof DIRS / sizeof DIRS[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", ROOT, DIRS[i]);
        if (mkdir(p, 0755) != 0) return -1;
    }
    snprintf(p, sizeof p, "%s/org/slow/resolve/main/m.gguf", ROOT);
    if (!lx_fam_write_gguf(&LX_FAM_LLAMA31_8B, p)) return -1;
    static const char LISTING[] = "{\"id\":\"org/slow\",\"siblings\":[{\"rfilename\":\"m.gguf\"}]}";
    snprintf(p, sizeof p, "%s/api/models/org/slow.json", ROOT);
    FILE *f = fopen(p, "w");
    if (!f || fputs(LISTING, f) < 0 || fclose(f) != 0) return -1;
    unsetenv("http_proxy");
    unsetenv("HTTP_PROXY");
    unsetenv("ALL_PROXY");
    unsetenv("HF_TOKEN");
    setenv("XDG_CACHE_HOME", ROOT, 1);
    setenv("HF_HOME", ROOT, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", ROOT);
    return system(cmd) == 0 ? 0 : -1;
}

/* Runs `args` (which write OUT when they succeed), then stops `server` (may be NULL; before any
 * check, so a failed one leaves no server behind); checks exit code, one stderr line containing
 * `want`, and that OUT was not written. Returns the seconds it took. */
static double run_cli(const char *args, lx_bad *server, const char *out, int want_code, const char *want)
{
    lx_buf err;
    lx_buf_init(&err);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = lx_test_cli(LX_BINARY, LX_TMP_DIR, "faults.stderr", args, NULL, &err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (server) lx_bad_stop(server);
    const char *e = lx_buf_cstr(&err);
    if (rc != want_code || !strstr(e, want)) fail_msg("%s: exit %d (expected %d): %s", args, rc, want_code, e);
    if (want_code) {
        assert_int_equal(strchr(e, '\n') - e + 1, (long)err.len); /* one line */
        assert_true(strncmp(e, "llmxray: http://127.0.0.1:", 26) == 0);
        assert_int_equal(access(out, F_OK), -1);
    }
    unlink(out);
    lx_buf_free(&err);
    return (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/* Runs `draw URL -o OUT EXTRA` against a server in `mode` (see run_cli). */
static double fault(lx_bad_mode mode, int status, const char *path, const char *extra, int want_code,
                    const char *want)
{
    lx_bad b;
    assert_true(lx_bad_start(&b, ROOT, mode, status, 0));
    char out[600], args[1500];
    lx_test_tmp_path(out, sizeof out, LX_TMP_DIR, "fault.svg");
    snprintf(args, sizeof args, "draw http://127.0.0.1:%d%s -o '%s' %s", b.port, path, out, extra);
    return run_cli(args, &b, out, want_code, want);
}

static void behaves(void **state)
{
    (void)state;
    fault(LX_BAD_NONE, 0, "/m.gguf", "", 0, "");
}

static void range_ignored(void **state)
{
    (void)state;
    fault(LX_BAD_IGNORE_RANGE, 0, "/m.gguf", "", 3,
          "the server ignored the Range request and sent the whole file; stopped reading after the 4194304 bytes");
}

static void truncated(void **state)
{
    (void)state;
    fault(LX_BAD_TRUNCATE, 0, "/m.gguf", "", 3, "the body ended after 2097152 bytes");
}

static void wrong_range(void **state)
{
    (void)state;
    fault(LX_BAD_WRONG_RANGE, 0, "/m.gguf", "", 3,
          "Content-Range \"bytes 1-4194304/");
}

static void statuses(void **state)
{
    (void)state;
    fault(LX_BAD_STATUS, 404, "/m.gguf", "", 3, "/m.gguf: HTTP 404: not found");
    fault(LX_BAD_STATUS, 401, "/m.gguf", "", 3, "HTTP 401: the repository is gated or private: a token is needed");
    fault(LX_BAD_STATUS, 403, "/m.gguf", "", 3, "HTTP 403: the repository is gated or private: a token is needed");
    fault(LX_BAD_STATUS, 500, "/m.gguf", "", 3, "HTTP 500 (expected 200 or 206)");
    double t = fault(LX_BAD_STATUS, 429, "/m.gguf", "", 3, "HTTP 429: still refused after 3 retries");
    assert_true(t < 5); /* Retry-After: 0 honoured */
    fault(LX_BAD_STATUS, 503, "/m.gguf", "", 3, "HTTP 503: still refused after 3 retries");
}

static void retried(void **state)
{
    (void)state;
    fault(LX_BAD_FLAKY, 2, "/m.gguf", "", 0, ""); /* two 503s, then the file */
}

static void redirect_loop(void **state)
{
    (void)state;
    fault(LX_BAD_LOOP, 0, "/m.gguf", "", 3, "redirect loop back to http://127.0.0.1:");
}

static void redirect_chain(void **state)
{
    (void)state;
    fault(LX_BAD_CHAIN, 0, "/m.gguf", "", 3, "/hop-10: more than 10 redirects (expected at most 10)");
}

static void endless_headers(void **state)
{
    (void)state;
    fault(LX_BAD_ENDLESS, 0, "/m.gguf", "", 3, "the response headers run past 65536 bytes");
}

static void silent(void **state)
{
    (void)state;
    double t = fault(LX_BAD_SILENT, 0, "/m.gguf", "--timeout 1", 3, "no complete answer within 1 s");
    assert_true(t < 4);
}

/* --timeout bounds the whole fetch, not each request: hf:org/slow takes two rounds of answers
 * delayed 0.7 s each (the listing with the index and config.json, then the GGUF), so it fits
 * in --timeout 3 but not in --timeout 1, though every single answer would. */
static void timeout_overall(void **state)
{
    (void)state;
    lx_bad b;
    assert_true(lx_bad_start(&b, ROOT, LX_BAD_NONE, 0, 700));
    char ep[64], out[600], args[1000];
    snprintf(ep, sizeof ep, "http://127.0.0.1:%d", b.port);
    setenv("HF_ENDPOINT", ep, 1);
    lx_test_tmp_path(out, sizeof out, LX_TMP_DIR, "slow.svg");
    snprintf(args, sizeof args, "draw hf:org/slow -o '%s' --timeout 3", out);
    run_cli(args, NULL, out, 0, "");
    snprintf(args, sizeof args, "draw hf:org/slow -o '%s' --timeout 1", out);
    double t = run_cli(args, &b, out, 3, "no complete answer within 1 s, the time-out for the whole fetch");
    unsetenv("HF_ENDPOINT");
    assert_true(t < 4);
}

/* A server whose accept queue is full never completes the handshake (Linux drops the SYN):
 * the connect time-out, which is what is left of --timeout, ends it. */
static void connect_stalls(void **state)
{
    (void)state;
    int s = socket(AF_INET, SOCK_STREAM, 0), fill[2] = { -1, -1 };
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t len = sizeof a;
    assert_true(s >= 0 && bind(s, (struct sockaddr *)&a, sizeof a) == 0 && listen(s, 0) == 0 &&
                getsockname(s, (struct sockaddr *)&a, &len) == 0);
    for (int i = 0; i < 2; i++) { /* fill the queue (backlog 0 holds one) */
        fill[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
        assert_true(fill[i] >= 0);
        connect(fill[i], (struct sockaddr *)&a, sizeof a);
    }
    char out[600], args[1000];
    lx_test_tmp_path(out, sizeof out, LX_TMP_DIR, "stall.svg");
    snprintf(args, sizeof args, "draw http://127.0.0.1:%d/m.gguf -o '%s' --timeout 1", ntohs(a.sin_port), out);
    lx_buf err;
    lx_buf_init(&err);
    int rc = lx_test_cli(LX_BINARY, LX_TMP_DIR, "faults.stderr", args, NULL, &err);
    for (int i = 0; i < 2; i++) close(fill[i]);
    close(s);
    assert_int_equal(rc, 3);
    if (!strstr(lx_buf_cstr(&err), "/m.gguf: could not connect in time (at most 1.0 s to connect, 1 s for the whole fetch)"))
        fail_msg("%s", lx_buf_cstr(&err));
    assert_int_equal(strchr(lx_buf_cstr(&err), '\n') - lx_buf_cstr(&err) + 1, (long)err.len); /* one line */
    assert_int_equal(access(out, F_OK), -1);
    lx_buf_free(&err);
}

static void header_cap(void **state)
{
    (void)state;
    fault(LX_BAD_NONE, 0, "/m.gguf", "--max-header 4K", 3, "the header runs past 4096 bytes, the --max-header cap");
}

static void refused(void **state)
{
    (void)state;
    int port = lx_free_port();
    char args[300];
    snprintf(args, sizeof args, "info http://127.0.0.1:%d/m.gguf", port);
    lx_buf err;
    lx_buf_init(&err);
    assert_int_equal(lx_test_cli(LX_BINARY, LX_TMP_DIR, "faults.stderr", args, NULL, &err), 3);
    assert_non_null(strstr(lx_buf_cstr(&err), "cannot connect"));
    lx_buf_free(&err);
}

/* On a terminal (script(1) gives one), a fetch slower than a second shows a progress line and
 * clears it; without a terminal nothing is printed. */
static void progress(void **state)
{
    (void)state;
    lx_bad b;
    assert_true(lx_bad_start(&b, ROOT, LX_BAD_NONE, 0, 1500));
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "script -qec \"'%s' info http://127.0.0.1:%d/m.gguf >/dev/null\" /dev/null", LX_BINARY, b.port);
    lx_buf out, err;
    lx_buf_init(&out);
    lx_buf_init(&err);
    assert_int_equal(lx_test_run(cmd, &out), 0);
    const char *o = lx_buf_cstr(&out);
    assert_non_null(strstr(o, "\rllmxray: fetching headers: 1 requests, "));
    assert_non_null(strstr(o, "\r\033[K"));
    snprintf(cmd, sizeof cmd, "info http://127.0.0.1:%d/m.gguf", b.port);
    assert_int_equal(lx_test_cli(LX_BINARY, LX_TMP_DIR, "faults.stderr", cmd, NULL, &err), 0);
    assert_int_equal(err.len, 0);
    lx_bad_stop(&b);
    lx_buf_free(&out);
    lx_buf_free(&err);
}

static void local_only(void **state)
{
    (void)state;
    lx_buf err;
    lx_buf_init(&err);
    assert_int_equal(lx_test_cli(LX_BINARY, LX_TMP_DIR, "faults.stderr", "run hf:org/model --prompt hi", NULL, &err), 2);
    assert_non_null(strstr(lx_buf_cstr(&err), "llmxray: run: hf:org/model is remote and only its headers are read; "
                                              "run needs a local .gguf file (download it first)\n"));
    assert_int_equal(lx_test_cli(LX_BINARY, LX_TMP_DIR, "faults.stderr", "inside https://x/m.gguf --prompt hi -o x.svg",
                                 NULL, &err), 2);
    assert_non_null(strstr(lx_buf_cstr(&err), "inside needs a local .gguf file"));
    lx_buf_free(&err);
}

static void names(void **state)
{
    (void)state;
    assert_true(lx_remote_name("hf:org/name"));
    assert_true(lx_remote_name("hf://org/name"));
    assert_true(lx_remote_name("https://host/m.gguf"));
    assert_true(lx_remote_name("http://host/m.gguf"));
    assert_false(lx_remote_name("org/name"));
    assert_false(lx_remote_name("ftp://host/m.gguf"));
    assert_true(lx_remote_repo_id("meta-llama/Llama-3.1-8B"));
    assert_true(lx_remote_repo_id("Qwen/Qwen2.5-7B_x.y"));
    assert_false(lx_remote_repo_id("foo/bar.gguf"));
    assert_false(lx_remote_repo_id("dir/config.json"));
    assert_false(lx_remote_repo_id("a/b/c"));
    assert_false(lx_remote_repo_id("../x"));
    assert_false(lx_remote_repo_id("./x"));
    assert_false(lx_remote_repo_id("/abs"));
    assert_false(lx_remote_repo_id("org/"));
    assert_false(lx_remote_repo_id("llama-3.1-8b"));
}

static void usage(void **state)
{
    (void)state;
    lx_buf err;
    lx_buf_init(&err);
    assert_int_equal(lx_test_cli(LX_BINARY, LX_TMP_DIR, "faults.stderr", "info --timeout soon hf:a/b", NULL, &err), 2);
    assert_non_null(strstr(lx_buf_cstr(&err), "--timeout needs whole seconds from 1 to 3600 (got 'soon')"));
    assert_int_equal(lx_test_cli(LX_BINARY, LX_TMP_DIR, "faults.stderr", "info --max-header 0 hf:a/b", NULL, &err), 2);
    assert_int_equal(lx_test_cli(LX_BINARY, LX_TMP_DIR, "faults.stderr", "info hf:a/b@", NULL, &err), 2);
    lx_buf_free(&err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(behaves),       cmocka_unit_test(range_ignored), cmocka_unit_test(truncated),
        cmocka_unit_test(wrong_range),   cmocka_unit_test(statuses),      cmocka_unit_test(retried),
        cmocka_unit_test(redirect_loop), cmocka_unit_test(endless_headers), cmocka_unit_test(silent),
        cmocka_unit_test(timeout_overall), cmocka_unit_test(connect_stalls),
        cmocka_unit_test(header_cap),    cmocka_unit_test(refused),       cmocka_unit_test(usage),
        cmocka_unit_test(progress),      cmocka_unit_test(local_only),    cmocka_unit_test(names),
        cmocka_unit_test(redirect_chain),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
