/* tests/support/hostile — see hostile.h. */
#include "hostile.h"

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "fixture_gguf.h"

/* ------------------------------------------------------------------ running the CLI */

/* Reads all of an (anonymous, rewound) temporary file. */
static char *hx_read_stream(FILE *f, size_t *len)
{
    long n;
    if (fflush(f) != 0 || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s) return NULL;
    *len = fread(s, 1, (size_t)n, f);
    s[*len] = '\0';
    return s;
}

/* In the child: limits, redirections, exec. Never returns. */
static void hx_child(const char *const *argv, uint64_t as_limit, int out_fd, int err_fd)
{
    int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) _exit(125);
    if (null_fd > 2) close(null_fd);
    if (as_limit) {
        struct rlimit rl = { (rlim_t)as_limit, (rlim_t)as_limit };
        if (setrlimit(RLIMIT_AS, &rl) != 0) _exit(125);
    }
    execv(argv[0], (char *const *)argv);
    _exit(126);
}

/* Waits for pid at most timeout_s seconds; kills it when it runs longer. */
static void hx_wait(pid_t pid, unsigned timeout_s, lx_hx_run *r)
{
    struct timespec tick = { 0, 5 * 1000 * 1000 };
    long ticks = (long)timeout_s * 200;
    int st = 0;
    struct rusage ru;
    pid_t w;
    while ((w = wait4(pid, &st, WNOHANG, &ru)) == 0 && ticks-- > 0) nanosleep(&tick, NULL);
    if (w == 0) {
        r->timed_out = true;
        kill(pid, SIGKILL);
        waitpid(pid, &st, 0);
        return;
    }
    if (w < 0) return;
    r->max_rss_kb = ru.ru_maxrss;
    if (WIFEXITED(st)) r->code = WEXITSTATUS(st);
    if (WIFSIGNALED(st)) r->signal = WTERMSIG(st);
}

bool lx_hx_exec(const char *const *argv, uint64_t as_limit, unsigned timeout_s, lx_hx_run *r)
{
    memset(r, 0, sizeof *r);
    r->code = -1;
    FILE *out = tmpfile(), *err = tmpfile();
    bool ok = out && err;
    pid_t pid = ok ? fork() : -1;
    if (pid == 0) hx_child(argv, as_limit, fileno(out), fileno(err));
    if (pid > 0) hx_wait(pid, timeout_s, r);
    ok = pid > 0 && (r->out = hx_read_stream(out, &r->out_len)) && (r->err = hx_read_stream(err, &r->err_len));
    if (out) fclose(out);
    if (err) fclose(err);
    return ok;
}

void lx_hx_run_free(lx_hx_run *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof *r);
}

bool lx_hx_sanitized(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return true;
#endif
#endif
    return getenv("LX_NO_MEMCAP") != NULL;
}

/* ------------------------------------------------------------------ assertions */

/* First fragment of words that msg lacks, or NULL. */
static const char *hx_missing_word(const char *msg, const char *const *words)
{
    for (size_t i = 0; i < LX_HX_MAX_WORDS && words[i]; i++)
        if (!strstr(msg, words[i])) return words[i];
    return NULL;
}

/* After "PATH: " a message says where: "offset N: " or "line L:C: ". */
static bool hx_has_location(const char *s)
{
    unsigned long a, b;
    int n = 0;
    if (sscanf(s, "offset %lu: %n", &a, &n) == 1 && n > 0) return true;
    n = 0;
    return sscanf(s, "line %lu:%lu: %n", &a, &b, &n) == 2 && n > 0;
}

/* What is wrong with r as a clean failure, written to why; false when nothing is. */
static bool hx_unclean(const lx_hx_run *r, int code, const char *msg_path, const char *const *words,
                       char *why, size_t cap)
{
    size_t pl = 9 + strlen(msg_path);
    const char *nl = memchr(r->err, '\n', r->err_len), *rest = r->err_len >= pl ? r->err + pl : "", *w;
    if (r->timed_out) snprintf(why, cap, "still running after %d s (a hang)", LX_HX_TIMEOUT_S);
    else if (r->signal) snprintf(why, cap, "killed by signal %d; stderr: %.300s", r->signal, r->err);
    else if (r->code != code) snprintf(why, cap, "exit code %d (expected %d); stderr: %.300s", r->code, code, r->err);
    else if (r->out_len) snprintf(why, cap, "%zu bytes on stdout (expected none): %.200s", r->out_len, r->out);
    else if (!nl || (size_t)(nl - r->err) != r->err_len - 1 || strlen(r->err) != r->err_len)
        snprintf(why, cap, "stderr is not exactly one line: \"%.300s\"", r->err);
    else if (strncmp(r->err, "llmxray: ", 9) != 0 || strncmp(r->err + 9, msg_path, strlen(msg_path)) != 0)
        snprintf(why, cap, "stderr \"%.300s\" does not start with \"llmxray: PATH\"", r->err);
    else if (strncmp(rest, ": ", 2) != 0 || !hx_has_location(rest + 2))
        snprintf(why, cap, "stderr \"%.300s\" names no \"offset N:\" or \"line L:C:\" after the path", r->err);
    else if ((w = hx_missing_word(rest, words)))
        snprintf(why, cap, "stderr \"%.300s\" lacks \"%s\"", r->err, w);
    else return false;
    return true;
}

void lx_hx_expect_clean_failure(const lx_hx_run *r, int code, const char *msg_path,
                                const char *const *words)
{
    char why[768];
    if (hx_unclean(r, code, msg_path, words, why, sizeof why)) fail_msg("%s: %s", msg_path, why);
}

void lx_hx_case_path(const char *dir, const lx_hx_case *c, const char *suffix, char *out, size_t cap)
{
    snprintf(out, cap, "%s/%s%s", dir, c->name, suffix ? suffix : "");
}

/* The opened path and the path the message must name. */
static void hx_paths(const char *dir, const lx_hx_case *c, char *open, char *msg, size_t cap)
{
    lx_hx_case_path(dir, c, c->open_suffix, open, cap);
    lx_hx_case_path(dir, c, c->msg_suffix ? c->msg_suffix : c->open_suffix, msg, cap);
}


void lx_hx_build_all(const lx_hx_case *cases, size_t n, const char *dir)
{
    if (!lx_hx_mkdirs(dir)) fail_msg("cannot create %s: %s", dir, strerror(errno));
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        lx_hx_case_path(dir, &cases[i], NULL, path, sizeof path);
        if (!cases[i].make(path)) fail_msg("case %s: cannot write %s: %s", cases[i].name, path, strerror(errno));
    }
}

/* What is wrong with a reader's result on case c, written to why; false when nothing is. */
static bool hx_reader_wrong(const lx_hx_case *c, const char *mpath, lx_status got, const lx_err *err,
                            char *why, size_t cap)
{
    lx_status want = c->code ? c->code : LX_ERR_MODEL;
    size_t ml = strlen(mpath);
    const char *w;
    if (got != want || err->code != want) snprintf(why, cap, "status %d (expected %d): %s", got, want, err->msg);
    else if (strchr(err->msg, '\n')) snprintf(why, cap, "message has a newline: %s", err->msg);
    else if (strncmp(err->msg, mpath, ml) != 0 || strncmp(err->msg + ml, ": ", 2) != 0)
        snprintf(why, cap, "message \"%.400s\" does not start with \"%.400s: \"", err->msg, mpath);
    else if (!hx_has_location(err->msg + ml + 2))
        snprintf(why, cap, "message \"%s\" names no \"offset N:\" or \"line L:C:\"", err->msg);
    else if ((w = hx_missing_word(err->msg + ml, c->words))) snprintf(why, cap, "message \"%s\" lacks \"%s\"", err->msg, w);
    else return false;
    return true;
}

bool lx_hx_check_reader(const lx_hx_case *c, const char *dir, lx_hx_reader read)
{
    char path[1024], mpath[1024], why[1024];
    hx_paths(dir, c, path, mpath, sizeof path);
    lx_err err = { 0 };
    lx_status got = read(path, &err);
    if (getenv("LX_SHOW")) print_message("%-34s %s\n", c->name, err.msg);
    if (!hx_reader_wrong(c, mpath, got, &err, why, sizeof why)) return true;
    print_error("case %s: %s\n", c->name, why);
    return false;
}

bool lx_hx_check_cli(const char *binary, const lx_hx_case *c, const char *dir, uint64_t as_limit)
{
    char path[1024], mpath[1024], why[768];
    hx_paths(dir, c, path, mpath, sizeof path);
    const char *argv[] = { binary, "info", path, NULL };
    lx_hx_run r;
    bool ran = lx_hx_exec(argv, as_limit, LX_HX_TIMEOUT_S, &r);
    if (ran && getenv("LX_SHOW")) print_message("%-34s %s", c->name, r.err);
    bool bad = !ran || hx_unclean(&r, c->code ? (int)c->code : 1, mpath, c->words, why, sizeof why);
    if (!ran) snprintf(why, sizeof why, "cannot run %s", binary);
    lx_hx_run_free(&r);
    if (bad) print_error("case %s: llmxray info%s: %s\n", c->name, as_limit ? " (memory cap)" : "", why);
    return !bad;
}

void lx_hx_expect_readers(const lx_hx_case *cases, size_t n, const char *dir, lx_hx_reader read)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) bad += !lx_hx_check_reader(&cases[i], dir, read);
    if (bad) fail_msg("%d of %zu cases were not refused as expected", bad, n);
}

void lx_hx_expect_clis(const char *binary, const lx_hx_case *cases, size_t n, const char *dir, uint64_t as_limit)
{
    int bad = 0;
    for (size_t i = 0; i < n; i++) bad += !lx_hx_check_cli(binary, &cases[i], dir, as_limit);
    if (bad) fail_msg("%d of %zu cases did not fail cleanly through the CLI", bad, n);
}

void lx_hx_expect_memory(const char *binary, const char *path, uint64_t header_bytes, unsigned factor)
{
    const char *argv[] = { binary, "info", path, NULL };
    lx_hx_run r;
    assert_true(lx_hx_exec(argv, 0, LX_HX_TIMEOUT_S, &r));
    int code = r.code, sig = r.signal;
    uint64_t peak = (uint64_t)r.max_rss_kb * 1024, bound = factor * header_bytes + LX_HX_MEM_BASE;
    print_message("%s: header %llu bytes, peak resident %llu bytes (%.1f x header), bound %llu\n", path,
                  (unsigned long long)header_bytes, (unsigned long long)peak, (double)peak / (double)header_bytes,
                  (unsigned long long)bound);
    lx_hx_run_free(&r);
    assert_int_equal(sig, 0);
    assert_true(code == 0 || code == 1);
    assert_true(peak > 0);
    assert_true(peak <= bound);
}

/* ------------------------------------------------------------------ files */

bool lx_hx_mkdirs(const char *path)
{
    char p[1024];
    if (snprintf(p, sizeof p, "%s", path) >= (int)sizeof p) return false;
    for (char *s = p + 1; *s; s++) {
        if (*s != '/') continue;
        *s = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST) return false;
        *s = '/';
    }
    return mkdir(p, 0755) == 0 || errno == EEXIST;
}

bool lx_hx_write_text(const char *path, const char *text)
{
    return lx_hx_write_repeat(path, text, ' ', 0, "");
}

char *lx_hx_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *s = hx_read_stream(f, len);
    fclose(f);
    return s;
}

bool lx_hx_write_repeat(const char *path, const char *prefix, char fill, uint64_t n, const char *suffix)
{
    FILE *f = fopen(path, "wb");
    if (!f) return false;
    static const size_t CHUNK = 1 << 20;
    char *chunk = n ? malloc(CHUNK) : NULL;
    bool ok = fputs(prefix, f) >= 0 && (!n || chunk);
    if (chunk) memset(chunk, fill, CHUNK);
    for (uint64_t left = n; ok && left;) {
        size_t k = left < CHUNK ? (size_t)left : CHUNK;
        ok = fwrite(chunk, 1, k, f) == k;
        left -= k;
    }
    free(chunk);
    ok = ok && fputs(suffix, f) >= 0;
    return fclose(f) == 0 && ok;
}

/* ---- a tiny hostile Llama ---- */

static void put_f32(lx_fx_gguf *w, const char *name, uint64_t a, uint64_t b)
{
    lx_fx_gguf_tensor(w, name, 0, b ? 2 : 1, (uint64_t[]){a, b});
}

bool lx_hx_write_tiny_llama(const char *path, const char *arch, const char *name, const char *extra_tensor,
                            const char *const (*kv)[2], size_t n_kv)
{
    char key[96];
    lx_fx_gguf *w = lx_fx_gguf_new(3);
    lx_fx_gguf_kv_str(w, "general.architecture", arch);
    lx_fx_gguf_kv_str(w, "general.name", name);
    for (size_t i = 0; i < n_kv; i++) lx_fx_gguf_kv_str(w, kv[i][0], kv[i][1]);
    static const char *const k[][2] = {{"block_count", "1"}, {"embedding_length", "32"},
                                       {"feed_forward_length", "64"}, {"attention.head_count", "4"}};
    for (size_t i = 0; i < 4; i++) {
        snprintf(key, sizeof key, "%s.%s", arch, k[i][0]);
        lx_fx_gguf_kv_u32(w, key, (uint32_t)atoi(k[i][1]));
    }
    put_f32(w, "token_embd.weight", 32, 16);
    static const char *const sq[] = {"blk.0.attn_q.weight", "blk.0.attn_k.weight", "blk.0.attn_v.weight",
                                     "blk.0.attn_output.weight"};
    for (int i = 0; i < 4; i++) put_f32(w, sq[i], 32, 32);
    put_f32(w, "blk.0.ffn_gate.weight", 32, 64);
    put_f32(w, "blk.0.ffn_up.weight", 32, 64);
    put_f32(w, "blk.0.ffn_down.weight", 64, 32);
    put_f32(w, "blk.0.attn_norm.weight", 32, 0);
    put_f32(w, "blk.0.ffn_norm.weight", 32, 0);
    put_f32(w, "output_norm.weight", 32, 0);
    put_f32(w, extra_tensor, 4, 0);
    bool ok = lx_fx_gguf_write(w, path);
    lx_fx_gguf_free(w);
    return ok;
}
