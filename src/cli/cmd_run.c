/* cli/cmd_run — `llmxray run MODEL [--prompt TEXT] [-n N] [--top K] [--threads T]
 * [--max-memory SIZE] [--stats]`: runs a small GGUF model or Hugging Face folder (an
 * llmxray_session of the public API) on the prompt
 * (BOS alone when there is none) and prints the prompt followed by its greedy
 * continuation of N tokens, and with --top K first the K most probable next tokens;
 * --stats adds timings on stderr.
 * Text from the model is filtered so that no control character but newline and tab
 * reaches the terminal; byte tokens are joined into the characters they complete, and a
 * byte that completes none is printed as the text "\xNN". */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/infer_opts.h"
#include "llmxray.h"
#include "util/buf.h"

typedef struct run_opts {
    const char *model;
    lx_infer_cli c;
} run_opts;

/* ---- arguments ---- */

static bool parse_count(const char *s, uint64_t max, uint64_t *out)
{
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-') return false;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || *end || v > max) return false;
    *out = v;
    return true;
}

/* "1500000000", "512M", "4G", "4GiB", "2T" (K/M/G/T are powers of 1024). */
static bool parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    if (!s || !*s || *s == '-') return false;
    double v = strtod(s, &end);
    static const char units[] = "KMGT";
    const char *u = *end ? strchr(units, *end) : NULL;
    double scale = u ? (double)(1ull << (10 * (u - units + 1))) : 1.0;
    if (u) end++;
    if (u && (!strcmp(end, "B") || !strcmp(end, "iB"))) end += strlen(end);
    if (errno || *end || !(v > 0) || v * scale >= 1.8e19) return false;
    *out = (uint64_t)(v * scale);
    return true;
}

static int set_prompt(void *field, const char *cmd, const char *v)
{
    (void)cmd;
    *(const char **)field = v;
    return 0;
}

static int set_n(void *field, const char *cmd, const char *v)
{
    uint64_t x;
    if (!parse_count(v, 1000000, &x)) return lx_cli_usage_error("%s: -n wants a count from 0 to 1000000, not '%s'", cmd, v);
    *(size_t *)field = (size_t)x;
    return 0;
}

static int set_top(void *field, const char *cmd, const char *v)
{
    uint64_t x;
    if (!parse_count(v, 1000, &x) || x == 0)
        return lx_cli_usage_error("%s: --top wants a count from 1 to 1000, not '%s'", cmd, v);
    *(size_t *)field = (size_t)x;
    return 0;
}

static int set_threads(void *field, const char *cmd, const char *v)
{
    uint64_t x;
    if (!parse_count(v, 64, &x) || x == 0)
        return lx_cli_usage_error("%s: --threads wants a count from 1 to 64, not '%s'", cmd, v);
    *(int *)field = (int)x;
    return 0;
}

static int set_memory(void *field, const char *cmd, const char *v)
{
    if (parse_size(v, field)) return 0;
    return lx_cli_usage_error("%s: --max-memory wants a size such as 2G or 512M, not '%s'", cmd, v);
}

#define F(m) offsetof(lx_infer_cli, m)
const lx_cli_opt lx_cli_infer_opts[LX_CLI_N_INFER_OPTS] = {
    {"--prompt", "-p", "TEXT", "the prompt (default: BOS alone)", LX_COMPLETE_NONE, set_prompt, F(prompt)},
    {"-n", NULL, "N", "tokens to continue greedily, 0 to 1000000", LX_COMPLETE_NONE, set_n, F(n_new)},
    {"--top", NULL, "K", "rank the K most probable next tokens, 1 to 1000", LX_COMPLETE_NONE, set_top, F(top)},
    {"--threads", NULL, "T", "threads for the matrix products, 1 to 64 (default: one per online CPU)", LX_COMPLETE_NONE, set_threads,
     F(threads)},
    {"--max-memory", NULL, "SIZE", "refuse a run needing more (2G, 512M; default: what is available)",
     LX_COMPLETE_NONE, set_memory, F(max_memory)},
    {"--stats", NULL, NULL, "timings of the prompt and of generation on stderr", LX_COMPLETE_NONE, lx_cli_set_flag,
     F(stats)},
};
#undef F

static int run(int argc, char **argv);

const lx_cli_cmd lx_cmd_run_def = {
    .name = "run", .operands = "MODEL", .summary = "greedy continuation of a small GGUF model or Hugging Face folder",
    .description = "Runs MODEL (a .gguf file, or a Hugging Face folder: config.json, safetensors weights and\n"
                   "tokenizer.json) on the prompt and prints the prompt followed by N greedily chosen tokens\n"
                   "(default 64); with --top K, the K most probable next tokens first. Runs that would not fit\n"
                   "in memory are refused before anything is allocated.",
    .min_operands = 1, .max_operands = 1, .operand = LX_COMPLETE_MODEL,
    .groups = {{lx_cli_infer_opts, LX_CLI_N_INFER_OPTS, offsetof(run_opts, c)}},
    .run = run,
};

static int parse_args(int argc, char **argv, run_opts *o)
{
    *o = (run_opts){NULL, {NULL, 64, 0, 0, 0, false}}; /* threads 0: one per online CPU */
    const char *ops[1];
    int n = 0, rc = lx_cli_parse(&lx_cmd_run_def, argc, argv, o, ops, &n);
    if (rc) return rc;
    o->model = ops[0];
    return lx_cli_local_only("run", o->model);
}

/* ---- output ---- */

/* True when s[0..n) is the start of a UTF-8 character that more bytes could complete. */
static bool unfinished(const unsigned char *s, size_t n)
{
    size_t want = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
    if (want <= n) return false;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80) return false;
    return true;
}

/* Writes the characters of p (model text) to the terminal: C0 controls other than newline
 * and tab, DEL and C1 controls dropped, bytes that are no character written "\xNN". A
 * character cut at the end stays in p for the next token unless final. */
static void put_text(lx_buf *p, FILE *out, bool final)
{
    if (!p->len) return;
    const unsigned char *s = (const unsigned char *)p->data;
    size_t i = 0;
    while (i < p->len) {
        uint32_t cp;
        size_t k = s[i] ? lx_utf8_decode(s + i, p->len - i, &cp) : 0;
        if (k) {
            bool shown = (cp >= 0x20 && cp != 0x7F && !(cp >= 0x80 && cp < 0xA0)) || cp == '\n' || cp == '\t';
            if (shown) fwrite(s + i, 1, k, out);
            i += k;
        } else if (!final && unfinished(s + i, p->len - i)) {
            break;
        } else {
            fprintf(out, "\\x%02X", s[i++]);
        }
    }
    memmove(p->data, p->data + i, p->len - i);
    p->len -= i;
}

typedef struct text_out {
    const llmxray_tokenizer *tok;
    int32_t prev;
    FILE *f;
    lx_buf pending; /* bytes of a character later tokens may complete */
    bool oom;
} text_out;

/* Appends len bytes of model text and writes the characters they complete. */
static void emit_text(text_out *o, const char *text, size_t len)
{
    lx_buf_put(&o->pending, text, len);
    put_text(&o->pending, o->f, false);
    fflush(o->f);
}

/* A prompt token, as the generated ones are shown. */
static void emit_prompt_token(text_out *o, int32_t id)
{
    char *text = NULL;
    size_t len = 0;
    llmxray_status st = llmxray_token_text(o->tok, o->prev, id, &text, &len);
    if (st == LLMXRAY_OK) emit_text(o, text, len);
    else if (st == LLMXRAY_ERR_IO) o->oom = true;
    llmxray_free(text);
    o->prev = id;
}

static int emit_token(void *ctx, const llmxray_token *t)
{
    text_out *o = ctx;
    emit_text(o, t->text, t->text_len);
    o->prev = t->id;
    return 0;
}

static bool print_top(const llmxray_session *s, size_t vocab, size_t k)
{
    if (k > vocab) k = vocab;
    llmxray_top *top = malloc(k * sizeof *top);
    size_t n = 0;
    if (!top || llmxray_session_top(s, k, top, &n) != LLMXRAY_OK) { free(top); return false; }
    const llmxray_tokenizer *tok = llmxray_session_tokenizer(s);
    lx_buf b;
    lx_buf_init(&b);
    lx_buf_printf(&b, "Next token after the prompt (top %zu of %zu):\n", n, vocab);
    for (size_t i = 0; i < n; i++) {
        char *label = llmxray_token_piece(tok, top[i].id);
        lx_buf_printf(&b, "%4zu  id %6d  p %.5f  logit %9.4f  ", i + 1, top[i].id, top[i].prob, top[i].logit);
        lx_buf_put_json(&b, label ? label : "");
        lx_buf_putc(&b, '\n');
        llmxray_free(label);
    }
    lx_buf_putc(&b, '\n');
    fputs(lx_buf_cstr(&b), stdout);
    lx_buf_free(&b);
    free(top);
    return true;
}

/* ---- the run ---- */

static void print_stats(const llmxray_session *s)
{
    llmxray_timing t = {.size = sizeof t};
    llmxray_session_timing(s, &t);
    fprintf(stderr, "llmxray: %zu prompt tokens in %.3f s (%.1f tokens/s); %zu new tokens in %.3f s (%.1f tokens/s)\n",
            t.n_prompt, t.prompt_s, t.prompt_s > 0 ? (double)t.n_prompt / t.prompt_s : 0.0, t.n_generated,
            t.generate_s, t.generate_s > 0 ? (double)t.n_generated / t.generate_s : 0.0);
}

/* Prints the API's one-line message; the exit code is its status. */
static int fail(llmxray_status st, const char *msg)
{
    if (st == LLMXRAY_ERR_USAGE) return lx_cli_usage_error("%s", msg);
    lx_cli_error(msg);
    return st ? (int)st : 1;
}

static int generate(llmxray_session *s, const run_opts *o, const int32_t *ids, size_t n_prompt)
{
    char err[1200] = "";
    llmxray_session_info info = {.size = sizeof info};
    llmxray_session_describe(s, &info);
    llmxray_status st = llmxray_session_start(s, ids, n_prompt, o->c.n_new, err, sizeof err);
    if (st) return fail(st, err);
    if (o->c.top && !print_top(s, info.vocab_size, o->c.top)) return fail(LLMXRAY_ERR_IO, "out of memory");
    text_out out = {llmxray_session_tokenizer(s), -1, stdout, {NULL, 0, 0, false}, false};
    for (size_t i = 0; i < n_prompt; i++)
        if (ids[i] != info.bos || i > 0) emit_prompt_token(&out, ids[i]);
        else out.prev = ids[i];
    st = out.oom ? LLMXRAY_ERR_IO : llmxray_generate(s, o->c.n_new, NULL, emit_token, &out, NULL, err, sizeof err);
    put_text(&out.pending, stdout, true);
    lx_buf_free(&out.pending);
    fputc('\n', stdout);
    if (o->c.stats) print_stats(s);
    return st ? fail(st, *err ? err : "out of memory") : 0;
}

static int run(int argc, char **argv)
{
    run_opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc == LX_CLI_HELP_SHOWN ? 0 : rc;
    char err[1200] = "";
    llmxray_session_opts so = {sizeof so, o.c.threads, o.c.max_memory};
    llmxray_session *s = NULL;
    llmxray_status st = llmxray_session_open(o.model, &so, &s, err, sizeof err);
    if (st) return fail(st, err);
    int32_t *ids = NULL;
    size_t n = 0;
    const char *prompt = o.c.prompt ? o.c.prompt : "";
    st = llmxray_tokenize(llmxray_session_tokenizer(s), prompt, strlen(prompt), LLMXRAY_TOKENIZE_BOS_IF_ASKED, &ids,
                          &n, err, sizeof err);
    if (st) rc = fail(st, err);
    else if (n == 0) rc = lx_cli_usage_error("%s has no BOS token: give a --prompt", o.model);
    else rc = generate(s, &o, ids, n);
    llmxray_free(ids);
    llmxray_session_close(s);
    return rc;
}
