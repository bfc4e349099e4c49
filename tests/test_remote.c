/* Remote models end to end: Debian's nginx on 127.0.0.1 serves fixture GGUF (single, split,
 * a tokenizer-sized header), safetensors (single, sharded with index) and a Hub-shaped tree;
 * `llmxray info` on URLs and hf: names must print exactly what it prints for the same files on
 * disk, fetch only header bytes (counted against nginx's access log) and send the token only to
 * the endpoint's host. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "draw_support.h"
#include "families.h"
#include "fixture_st.h"
#include "servers.h"

static lx_nginx NG;
static char ROOT[512];

typedef struct run_result {
    int code;
    lx_buf out, err;
} run_result;

static void run(const char *args, run_result *r)
{
    lx_buf_free(&r->out);
    lx_buf_free(&r->err);
    r->code = lx_test_cli(LX_BINARY, LX_TMP_DIR, "remote.stderr", args, &r->out, &r->err);
}

static void runf(run_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void runf(run_result *r, const char *fmt, ...)
{
    char args[3000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    run(args, r);
}

static void done(run_result *r)
{
    lx_buf_free(&r->out);
    lx_buf_free(&r->err);
}

static void mkdirs(const char *rel)
{
    char p[1024];
    snprintf(p, sizeof p, "%s/%s", ROOT, rel);
    for (char *s = p + strlen(ROOT) + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0755);
            *s = '/';
        }
    mkdir(p, 0755);
}

static void path_of(char *out, size_t cap, const char *rel)
{
    snprintf(out, cap, "%s/%s", ROOT, rel);
}

static void write_json(const char *rel, const char *text)
{
    char p[1024];
    path_of(p, sizeof p, rel);
    assert_true(lx_fx_write_bytes(p, text, strlen(text)));
}

static const char CONFIG[] =
    "{\"architectures\":[\"LlamaForCausalLM\"],\"model_type\":\"llama\",\"hidden_size\":4096,"
    "\"intermediate_size\":14336,\"num_hidden_layers\":32,\"num_attention_heads\":32,\"num_key_value_heads\":8,"
    "\"vocab_size\":128256,\"max_position_embeddings\":131072,\"rope_theta\":500000.0,\"rms_norm_eps\":1e-05,"
    "\"tie_word_embeddings\":false,\"torch_dtype\":\"bfloat16\"}";

static char **make_strings(size_t n, const char *fmt)
{
    char **v = malloc(n * sizeof *v);
    for (size_t i = 0; v && i < n; i++) {
        char s[48];
        snprintf(s, sizeof s, fmt, (unsigned)i, (unsigned)(i * 7919u % 100000u));
        v[i] = strdup(s);
    }
    return v;
}

static void free_strings(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) free(v[i]);
    free(v);
}

static void write_fixtures(void)
{
    char p[1024];
    mkdirs("www/files/split");
    mkdirs("www/files/st");
    mkdirs("www/files/one");
    path_of(p, sizeof p, "www/files/llama.gguf");
    assert_true(lx_fam_write_gguf(&LX_FAM_LLAMA31_8B, p));
    path_of(p, sizeof p, "www/files/split/qwen");
    assert_true(lx_fam_write_gguf_split(&LX_FAM_QWEN25_7B, p, 3));
    path_of(p, sizeof p, "www/files/st");
    assert_true(lx_fam_write_safetensors_sharded(&LX_FAM_LLAMA31_8B, p, 4));
    write_json("www/files/st/config.json", CONFIG);
    path_of(p, sizeof p, "www/files/one/model.safetensors");
    assert_true(lx_fam_write_safetensors(&LX_FAM_GPT2, p));
    /* a header as large as Llama 3's tokenizer makes it */
    enum { N_TOK = 128256, N_MERGE = 280147 };
    char **toks = make_strings(N_TOK, "tok%u_%u"), **merges = make_strings(N_MERGE, "m%u m%u");
    path_of(p, sizeof p, "www/files/big.gguf");
    assert_true(lx_fam_write_gguf_tokenizer(&LX_FAM_LLAMA31_8B, p, (const char *const *)toks, N_TOK,
                                            (const char *const *)merges, N_MERGE));
    free_strings(toks, N_TOK);
    free_strings(merges, N_MERGE);
    /* the Hub: org/llama (sharded safetensors + config), org/ggufs (two GGUF), org/cdn (LFS elsewhere) */
    mkdirs("www/org/llama/resolve/main");
    mkdirs("www/api/models/org");
    path_of(p, sizeof p, "www/org/llama/resolve/main");
    assert_true(lx_fam_write_safetensors_sharded(&LX_FAM_LLAMA31_8B, p, 2));
    write_json("www/org/llama/resolve/main/config.json", CONFIG);
    write_json("www/api/models/org/llama.json",
               "{\"id\":\"org/llama\",\"siblings\":[{\"rfilename\":\".gitattributes\"},{\"rfilename\":\"config.json\"},"
               "{\"rfilename\":\"model-00001-of-00002.safetensors\"},{\"rfilename\":\"model-00002-of-00002.safetensors\"},"
               "{\"rfilename\":\"model.safetensors.index.json\"}]}");
    mkdirs("www/org/ggufs/resolve/main");
    mkdirs("www/org/ggufs/resolve/v2");
    mkdirs("www/api/models/org/ggufs/revision");
    path_of(p, sizeof p, "www/org/ggufs/resolve/main/b-Q8_0.gguf");
    assert_true(lx_fam_write_gguf(&LX_FAM_QWEN3_8B, p));
    path_of(p, sizeof p, "www/org/ggufs/resolve/main/a-Q4_K_M.gguf");
    assert_true(lx_fam_write_gguf(&LX_FAM_QWEN25_7B, p));
    path_of(p, sizeof p, "www/org/ggufs/resolve/v2/c.gguf");
    assert_true(lx_fam_write_gguf(&LX_FAM_GEMMA2_9B, p));
    write_json("www/api/models/org/ggufs.json",
               "{\"id\":\"org/ggufs\",\"siblings\":[{\"rfilename\":\"README.md\"},{\"rfilename\":\"b-Q8_0.gguf\"},"
               "{\"rfilename\":\"a-Q4_K_M.gguf\"}]}");
    write_json("www/api/models/org/ggufs/revision/v2.json", "{\"id\":\"org/ggufs\",\"siblings\":[{\"rfilename\":\"c.gguf\"}]}");
    mkdirs("www2/org/cdn");
    path_of(p, sizeof p, "www2/org/cdn/model.gguf");
    assert_true(lx_fam_write_gguf(&LX_FAM_LLAMA31_8B, p));
}

static int setup(void **state)
{
    (void)state;
    snprintf(ROOT, sizeof ROOT, "%s/remote-XXXXXX", LX_TMP_DIR);
    if (!mkdtemp(ROOT)) return -1;
    chmod(ROOT, 0755);
    write_fixtures();
    char why[600];
    if (!lx_nginx_start(&NG, ROOT, why, sizeof why)) {
        fprintf(stderr, "test_remote: %s\n", why);
        printf("test_remote: %s\n", why);
        return -1;
    }
    unsetenv("HF_TOKEN");
    unsetenv("http_proxy");
    unsetenv("https_proxy");
    unsetenv("HTTP_PROXY");
    unsetenv("ALL_PROXY");
    setenv("HF_HOME", ROOT, 1);
    setenv("XDG_CACHE_HOME", ROOT, 1);
    char ep[128];
    snprintf(ep, sizeof ep, "http://127.0.0.1:%d", NG.port);
    setenv("HF_ENDPOINT", ep, 1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    lx_nginx_stop(&NG);
    char cmd[700];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", ROOT);
    return system(cmd) == 0 ? 0 : -1;
}

/* ------------------------------------------------------------------ helpers */

/* The remote object's numbers; the output with it removed is left in out. */
static void split_remote(lx_buf *out, uint64_t *bytes, unsigned *requests)
{
    char *s = strstr(lx_buf_cstr(out), ",\"remote\":{");
    assert_non_null(s);
    double seconds = -1;
    assert_int_equal(sscanf(s, ",\"remote\":{\"bytes_fetched\":%" SCNu64 ",\"requests\":%u,\"seconds\":%lf}", bytes,
                            requests, &seconds), 3);
    assert_true(seconds >= 0 && seconds < 60);
    assert_true(*requests > 0 || seconds == 0);
    char *e = strchr(s, '}');
    memmove(s, e + 1, strlen(e + 1) + 1);
    out->len = strlen(out->data);
}

static uint64_t json_u64(const char *json, const char *key)
{
    char k[80];
    snprintf(k, sizeof k, "\"%s\":", key);
    const char *s = strstr(json, k);
    assert_non_null(s);
    return strtoull(s + strlen(k), NULL, 10);
}

/* Access-log lines after `from` bytes: count and the sum of body bytes sent. */
static void log_since(size_t from, unsigned *lines, uint64_t *bytes, lx_buf *tail)
{
    lx_buf b;
    lx_buf_init(&b);
    assert_true(lx_nginx_log(&NG, &b));
    *lines = 0;
    *bytes = 0;
    const char *s = lx_buf_cstr(&b) + from;
    if (tail) lx_buf_puts(tail, s);
    for (const char *l = s; *l; l = strchr(l, '\n') + 1) {
        char status[8];
        uint64_t n = 0;
        const char *f = strchr(l, '|');
        f = f ? strchr(f + 1, '|') : NULL;
        if (!f || sscanf(f + 1, "%7[^|]|%" SCNu64, status, &n) != 2) break;
        (*lines)++;
        *bytes += n;
        if (!strchr(l, '\n')) break;
    }
    lx_buf_free(&b);
}

static size_t log_size(void)
{
    lx_buf b;
    lx_buf_init(&b);
    assert_true(lx_nginx_log(&NG, &b));
    size_t n = b.len;
    lx_buf_free(&b);
    return n;
}

/* info --json of the remote name equals info --json of the local path (remote object aside);
 * the bytes and requests it reports are the ones nginx logged. */
static void same_as_local(const char *remote, const char *local_rel, uint64_t *bytes, unsigned *requests)
{
    run_result loc = {0}, rem = {0};
    char p[1024];
    path_of(p, sizeof p, local_rel);
    runf(&loc, "info --json '%s'", p);
    assert_int_equal(loc.code, 0);
    char *main_name = strstr(lx_buf_cstr(&loc.out), "{\"name\":\"main\",");
    if (main_name && strstr(remote, "org/llama")) { /* a Hub folder is named after its repository */
        lx_buf fixed;
        lx_buf_init(&fixed);
        lx_buf_puts(&fixed, "{\"name\":\"llama\",");
        lx_buf_puts(&fixed, main_name + strlen("{\"name\":\"main\","));
        lx_buf_free(&loc.out);
        loc.out = fixed;
    }
    size_t mark = log_size();
    runf(&rem, "info --json %s", remote);
    if (rem.code != 0) fail_msg("%s: %s", remote, lx_buf_cstr(&rem.err));
    split_remote(&rem.out, bytes, requests);
    assert_string_equal(lx_buf_cstr(&rem.out), lx_buf_cstr(&loc.out));
    unsigned lines;
    uint64_t logged;
    log_since(mark, &lines, &logged, NULL);
    assert_int_equal(lines, *requests);
    assert_int_equal(logged, *bytes);
    done(&loc);
    done(&rem);
}

/* ------------------------------------------------------------------ tests */

static void gguf_url(void **state)
{
    (void)state;
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/files/llama.gguf", NG.port);
    uint64_t bytes;
    unsigned req;
    same_as_local(url, "www/files/llama.gguf", &bytes, &req);
    assert_int_equal(req, 1);            /* the header fits in the first range */
    assert_int_equal(bytes, 4u << 20);   /* exactly the first range: 4 MiB */
}

static void gguf_big_header(void **state)
{
    (void)state;
    char url[256], p[1024];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/files/big.gguf", NG.port);
    uint64_t bytes;
    unsigned req;
    same_as_local(url, "www/files/big.gguf", &bytes, &req);
    run_result r = {0};
    path_of(p, sizeof p, "www/files/big.gguf");
    runf(&r, "info --json '%s'", p);
    uint64_t header = json_u64(lx_buf_cstr(&r.out), "header_size");
    done(&r);
    assert_true(header > 4u << 20);
    assert_true(bytes >= header - 32);
    if (bytes > header + header / 4 + (4u << 20) || req > 2)
        fail_msg("%" PRIu64 " bytes in %u requests for a %" PRIu64 "-byte header (expected at most 1.25 x the "
                 "header + 4 MiB, 2 requests)", bytes, req, header);
}

/* After gguf_big_header: the header bytes are cached. Online, the first range's ETag matches
 * and the rest comes from the cache; --offline needs no request at all; a name never read
 * fails offline. */
static void cache_offline(void **state)
{
    (void)state;
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/files/big.gguf", NG.port);
    uint64_t bytes;
    unsigned req;
    same_as_local(url, "www/files/big.gguf", &bytes, &req);
    assert_int_equal(req, 1);
    assert_int_equal(bytes, 4u << 20);
    char off[300];
    snprintf(off, sizeof off, "--offline %s", url);
    same_as_local(off, "www/files/big.gguf", &bytes, &req);
    assert_int_equal(req, 0);
    assert_int_equal(bytes, 0);
    run_result r = {0};
    runf(&r, "info --offline http://127.0.0.1:%d/files/never.gguf", NG.port);
    assert_int_equal(r.code, 3);
    assert_non_null(strstr(lx_buf_cstr(&r.err), "/files/never.gguf: not in the cache and --offline forbids the network"));
    done(&r);
}

static void gguf_split(void **state)
{
    (void)state;
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/files/split/qwen-00002-of-00003.gguf", NG.port);
    uint64_t bytes;
    unsigned req;
    same_as_local(url, "www/files/split/qwen-00002-of-00003.gguf", &bytes, &req);
    assert_int_equal(req, 3); /* one range per shard, in parallel */
}

static void safetensors_index(void **state)
{
    (void)state;
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/files/st/model.safetensors.index.json", NG.port);
    uint64_t bytes;
    unsigned req;
    same_as_local(url, "www/files/st/model.safetensors.index.json", &bytes, &req);
    assert_int_equal(req, 2 + 4); /* index + config, then each shard's header in one range */
    run_result r = {0};
    char p[1024];
    path_of(p, sizeof p, "www/files/st/model.safetensors.index.json");
    runf(&r, "info --json '%s'", p);
    uint64_t header = json_u64(lx_buf_cstr(&r.out), "header_size");
    done(&r);
    path_of(p, sizeof p, "www/files/st/config.json");
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    if (bytes < header || bytes > header + header / 4 + (uint64_t)st.st_size)
        fail_msg("%" PRIu64 " bytes for %" PRIu64 " header bytes and a %lld-byte config.json (expected at most "
                 "1.25 x the headers)", bytes, header, (long long)st.st_size);
}

static void safetensors_single(void **state)
{
    (void)state;
    char url[256];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/files/one/model.safetensors", NG.port);
    uint64_t bytes;
    unsigned req;
    same_as_local(url, "www/files/one/model.safetensors", &bytes, &req);
    assert_int_equal(req, 2); /* config.json (absent: 404) and the header */
}

static void hub_repo(void **state)
{
    (void)state;
    uint64_t bytes;
    unsigned req;
    same_as_local("hf:org/llama", "www/org/llama/resolve/main/model.safetensors.index.json", &bytes, &req);
    assert_int_equal(req, 1 + 2 + 2); /* listing; index + config; two shard headers */
    same_as_local("hf:org/llama@main", "www/org/llama/resolve/main/model.safetensors.index.json", &bytes, &req);
    same_as_local("hf://org/llama", "www/org/llama/resolve/main/model.safetensors.index.json", &bytes, &req);
    same_as_local("org/llama", "www/org/llama/resolve/main/model.safetensors.index.json", &bytes, &req);
    same_as_local("hf:org/llama/config.json", "www/org/llama/resolve/main/config.json", &bytes, &req);
}

static void hub_many_gguf(void **state)
{
    (void)state;
    run_result r = {0};
    run("info hf:org/ggufs", &r);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(lx_buf_cstr(&r.out), "the repository holds 2 GGUF files; drawing a-Q4_K_M.gguf "
                                                "(others: b-Q8_0.gguf"));
    uint64_t bytes;
    unsigned req;
    same_as_local("hf:org/ggufs/b-Q8_0.gguf", "www/org/ggufs/resolve/main/b-Q8_0.gguf", &bytes, &req);
    same_as_local("hf:org/ggufs@v2", "www/org/ggufs/resolve/v2/c.gguf", &bytes, &req);
    done(&r);
}

static void hub_draw(void **state)
{
    (void)state;
    char out[600];
    lx_test_tmp_path(out, sizeof out, LX_TMP_DIR, "remote_hub.svg");
    run_result r = {0};
    runf(&r, "hf:org/llama -o '%s'", out);
    assert_int_equal(r.code, 0);
    lx_buf svg;
    lx_buf_init(&svg);
    assert_true(lx_test_read_file(out, &svg));
    assert_non_null(strstr(lx_buf_cstr(&svg), "<svg"));
    lx_buf_free(&svg);
    unlink(out);
    done(&r);
}

/* compare reads remote names too (with the default settings). */
static void hub_compare(void **state)
{
    (void)state;
    run_result r = {0};
    run("compare --json hf:org/llama llama-3.1-8b", &r);
    if (r.code) fail_msg("%s", lx_buf_cstr(&r.err));
    run_result loc = {0};
    runf(&loc, "compare --json '%s/www/org/llama/resolve/main' llama-3.1-8b", ROOT);
    assert_int_equal(loc.code, 0);
    /* the same rows as for the files on disk; only the first model's name and source differ */
    char src[700];
    snprintf(src, sizeof src, "{\"name\": \"main\", \"source\": \"%s/www/org/llama/resolve/main\"", ROOT);
    char *n = strstr(lx_buf_cstr(&loc.out), src);
    assert_non_null(n);
    lx_buf fixed;
    lx_buf_init(&fixed);
    lx_buf_printf(&fixed, "%.*s{\"name\": \"llama\", \"source\": \"hf:org/llama\"%s", (int)(n - loc.out.data),
                  loc.out.data, n + strlen(src));
    assert_string_equal(lx_buf_cstr(&r.out), lx_buf_cstr(&fixed));
    lx_buf_free(&fixed);
    done(&loc);
    done(&r);
}

/* The token reaches the endpoint (the resolve URL) but not the CDN it redirects to, and is
 * never printed. */
static void token_stays_home(void **state)
{
    (void)state;
    setenv("HF_TOKEN", "hf_SeCrEt123", 1);
    size_t mark = log_size();
    run_result r = {0};
    run("info --json hf:org/cdn/model.gguf", &r);
    unsetenv("HF_TOKEN");
    if (r.code) fail_msg("%s", lx_buf_cstr(&r.err));
    assert_null(strstr(lx_buf_cstr(&r.out), "SeCrEt"));
    assert_null(strstr(lx_buf_cstr(&r.err), "SeCrEt"));
    lx_buf tail;
    lx_buf_init(&tail);
    unsigned lines;
    uint64_t bytes;
    log_since(mark, &lines, &bytes, &tail);
    assert_int_equal(lines, 2);
    char home[200], cdn[200];
    snprintf(home, sizeof home, "%d|GET /org/cdn/resolve/main/model.gguf|302|", NG.port);
    snprintf(cdn, sizeof cdn, "%d|GET /org/cdn/model.gguf|206|", NG.port2);
    const char *h = strstr(lx_buf_cstr(&tail), home), *c = strstr(lx_buf_cstr(&tail), cdn);
    assert_non_null(h);
    assert_non_null(c);
    assert_true(strncmp(strchr(h, '\n') - strlen("|Bearer hf_SeCrEt123"), "|Bearer hf_SeCrEt123", 20) == 0);
    const char *ce = strchr(c, '\n');
    assert_true(ce - c > 2 && strncmp(ce - 2, "|-", 2) == 0); /* no Authorization header */
    lx_buf_free(&tail);
    done(&r);
}

/* The token file at $HF_HOME/token is read when HF_TOKEN is unset. */
static void token_file(void **state)
{
    (void)state;
    write_json("token", "hf_FiLe456\n");
    size_t mark = log_size();
    run_result r = {0};
    run("info hf:org/ggufs/a-Q4_K_M.gguf", &r);
    assert_int_equal(r.code, 0);
    lx_buf tail;
    lx_buf_init(&tail);
    unsigned lines;
    uint64_t bytes;
    log_since(mark, &lines, &bytes, &tail);
    assert_non_null(strstr(lx_buf_cstr(&tail), "|Bearer hf_FiLe456\n"));
    char p[1024];
    path_of(p, sizeof p, "token");
    unlink(p);
    lx_buf_free(&tail);
    done(&r);
}

static void not_found(void **state)
{
    (void)state;
    run_result r = {0};
    run("info hf:org/nothere", &r);
    assert_int_equal(r.code, 3);
    char want[200];
    snprintf(want, sizeof want, "llmxray: http://127.0.0.1:%d/api/models/org/nothere: HTTP 404: not found", NG.port);
    assert_non_null(strstr(lx_buf_cstr(&r.err), want));
    assert_int_equal(strchr(lx_buf_cstr(&r.err), '\n') - lx_buf_cstr(&r.err) + 1, (long)r.err.len);
    done(&r);
}

/* http_proxy is honoured: the request goes through the proxy, which nginx logs on its port. */
static void proxy(void **state)
{
    (void)state;
    char env[100];
    snprintf(env, sizeof env, "http://127.0.0.1:%d", NG.port_proxy);
    size_t mark = log_size();
    run_result r = {0};
    runf(&r, "info --json http://127.0.0.1:%d/files/llama.gguf", NG.port);
    assert_int_equal(r.code, 0);
    lx_buf direct, via;
    lx_buf_init(&direct);
    lx_buf_init(&via);
    unsigned lines;
    uint64_t bytes;
    log_since(mark, &lines, &bytes, &direct);
    setenv("http_proxy", env, 1);
    size_t mark2 = log_size();
    runf(&r, "info --json http://127.0.0.1:%d/files/llama.gguf", NG.port);
    unsetenv("http_proxy");
    assert_int_equal(r.code, 0);
    log_since(mark2, &lines, &bytes, &via);
    char line[120];
    snprintf(line, sizeof line, "%d|GET /files/llama.gguf|206|", NG.port_proxy);
    assert_null(strstr(lx_buf_cstr(&direct), line));
    if (!strstr(lx_buf_cstr(&via), line)) fail_msg("no \"%s\" in:\n%s", line, lx_buf_cstr(&via));
    lx_buf_free(&direct);
    lx_buf_free(&via);
    done(&r);
}

/* Over TLS, nginx offers HTTP/2 as the Hub does: a hf: name read with HF_ENDPOINT on https
 * gives what the files on disk give, every request is logged as HTTP/2.0 and all of them
 * (listing, index, config, shard headers) are streams of one connection; bytes and requests
 * counted are the ones nginx logged. */
static void hub_http2(void **state)
{
    (void)state;
    char ep[128], plain[128];
    snprintf(plain, sizeof plain, "%s", getenv("HF_ENDPOINT"));
    snprintf(ep, sizeof ep, "https://127.0.0.1:%d", NG.port_tls);
    setenv("HF_ENDPOINT", ep, 1);
    size_t mark = log_size();
    uint64_t bytes;
    unsigned req;
    same_as_local("--insecure hf:org/llama", "www/org/llama/resolve/main/model.safetensors.index.json", &bytes, &req);
    setenv("HF_ENDPOINT", plain, 1);
    assert_int_equal(req, 1 + 2 + 2);
    lx_buf tail;
    lx_buf_init(&tail);
    unsigned lines;
    uint64_t logged;
    log_since(mark, &lines, &logged, &tail);
    assert_int_equal(lines, req);
    char first[64];
    assert_int_equal(sscanf(lx_buf_cstr(&tail), "HTTP/2.0 %63[0-9] ", first), 1);
    char want[100];
    snprintf(want, sizeof want, "HTTP/2.0 %s %d|GET ", first, NG.port_tls);
    for (const char *l = lx_buf_cstr(&tail); *l; l = strchr(l, '\n') + 1) {
        if (strncmp(l, want, strlen(want)) != 0) fail_msg("expected \"%s...\", got: %.200s", want, l);
        if (!strchr(l, '\n')) break;
    }
    lx_buf_free(&tail);
}

static void gated(void **state)
{
    (void)state;
    run_result r = {0};
    run("draw hf:org/gated -o never.svg", &r);
    assert_int_equal(r.code, 3);
    char want[300];
    snprintf(want, sizeof want, "llmxray: http://127.0.0.1:%d/api/models/org/gated: HTTP 401: the repository is "
             "gated or private: a token is needed (set HF_TOKEN or write one to $HF_HOME/token)\n", NG.port);
    assert_string_equal(lx_buf_cstr(&r.err), want);
    assert_int_equal(access("never.svg", F_OK), -1);
    done(&r);
}

/* A self-signed certificate is refused, unless --insecure. */
static void tls(void **state)
{
    (void)state;
    run_result r = {0};
    runf(&r, "info https://127.0.0.1:%d/files/llama.gguf", NG.port_tls);
    assert_int_equal(r.code, 3);
    assert_non_null(strstr(lx_buf_cstr(&r.err), "/files/llama.gguf: TLS certificate refused: "));
    assert_non_null(strstr(lx_buf_cstr(&r.err), "--insecure skips the check"));
    runf(&r, "info --insecure https://127.0.0.1:%d/files/llama.gguf", NG.port_tls);
    assert_int_equal(r.code, 0);
    assert_non_null(strstr(lx_buf_cstr(&r.out), "Llama-3.1-8B"));
    done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gguf_url),
        cmocka_unit_test(gguf_big_header),
        cmocka_unit_test(cache_offline),
        cmocka_unit_test(gguf_split),
        cmocka_unit_test(safetensors_index),
        cmocka_unit_test(safetensors_single),
        cmocka_unit_test(hub_repo),
        cmocka_unit_test(hub_many_gguf),
        cmocka_unit_test(hub_draw),
        cmocka_unit_test(hub_compare),
        cmocka_unit_test(token_stays_home),
        cmocka_unit_test(token_file),
        cmocka_unit_test(not_found),
        cmocka_unit_test(tls),
        cmocka_unit_test(hub_http2),
        cmocka_unit_test(gated),
        cmocka_unit_test(proxy),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
