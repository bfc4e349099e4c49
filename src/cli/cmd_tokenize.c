/* cli/cmd_tokenize — `llmxray tokenize [--json] [--bos] [--special] MODEL TEXT`: the
 * token ids of TEXT ("-" reads standard input) under MODEL's tokenizer (a .gguf file, a
 * tokenizer.json, or a folder holding one; infer/tokenizer) and their pieces.
 * --bos puts the vocabulary's BOS first; --special recognises control tokens such as
 * "<|im_start|>" in the text (user-defined tokens always are, as in llama.cpp).
 * Text output: a summary line, then one line per token: its id and its piece in quotes,
 * escaped for the terminal (bytes that are no character on their own as \xNN).
 * JSON (--json): {"model", "tokenizer", "kind", "pre", "vocab_size", "ids", "pieces"}.
 * A client of the public API (llmxray_tokenizer_open, llmxray_tokenize, llmxray_token_piece). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "llmxray.h"
#include "util/buf.h"

typedef struct tokenize_opts {
    const char *model, *text;
    bool json, bos, special;
} tokenize_opts;

#define F(m) offsetof(tokenize_opts, m)
static const lx_cli_opt OPTS[] = {
    {"--json", NULL, NULL, "print {model, tokenizer, kind, pre, vocab_size, ids, pieces} as JSON", LX_COMPLETE_NONE,
     lx_cli_set_flag, F(json)},
    {"--bos", NULL, NULL, "put the vocabulary's BOS token first", LX_COMPLETE_NONE, lx_cli_set_flag, F(bos)},
    {"--special", NULL, NULL, "recognise control tokens such as <|im_start|> in TEXT", LX_COMPLETE_NONE,
     lx_cli_set_flag, F(special)},
};
#undef F

static int run(int argc, char **argv);

const lx_cli_cmd lx_cmd_tokenize_def = {
    .name = "tokenize", .operands = "MODEL TEXT", .summary = "token ids and pieces of TEXT under MODEL's tokenizer",
    .description = "MODEL is a .gguf file, a tokenizer.json, or a folder holding one; TEXT - reads standard\n"
                   "input. Prints a summary line, then one line per token: its id and its piece in quotes\n"
                   "(bytes that are no character on their own as \\xNN). User-defined tokens are always\n"
                   "recognised, as in llama.cpp.",
    .min_operands = 2, .max_operands = 2, .operand = LX_COMPLETE_FILE,
    .groups = {{OPTS, sizeof OPTS / sizeof OPTS[0], 0}}, .run = run,
};

static int parse_args(int argc, char **argv, tokenize_opts *o)
{
    *o = (tokenize_opts){0};
    const char *ops[2];
    int n = 0, rc = lx_cli_parse(&lx_cmd_tokenize_def, argc, argv, o, ops, &n);
    if (rc) return rc;
    o->model = ops[0];
    o->text = ops[1];
    return 0;
}

/* TEXT, or standard input for "-", into b. */
static bool read_text(const char *text, lx_buf *b)
{
    if (strcmp(text, "-") != 0) { lx_buf_puts(b, text); return true; }
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) lx_buf_put(b, chunk, n);
    return !ferror(stdin);
}

static void put_text(const llmxray_tokenizer *t, const int32_t *ids, size_t n, const char *model, lx_buf *out)
{
    llmxray_tokenizer_info ti = {.size = sizeof ti};
    llmxray_tokenizer_describe(t, &ti);
    lx_buf_put_term(out, model);
    lx_buf_printf(out, ": %s", ti.algorithm);
    if (ti.pre) lx_buf_printf(out, " (pre-tokenizer %s)", ti.pre);
    lx_buf_printf(out, ", %zu pieces; %zu token%s\n", ti.vocab_size, n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        char *label = llmxray_token_piece(t, ids[i]);
        lx_buf_printf(out, "%8d  '", ids[i]);
        lx_buf_put_term(out, label ? label : "");
        lx_buf_puts(out, "'\n");
        llmxray_free(label);
    }
}

static void put_json(const llmxray_tokenizer *t, const int32_t *ids, size_t n, const char *model, lx_buf *out)
{
    llmxray_tokenizer_info ti = {.size = sizeof ti};
    llmxray_tokenizer_describe(t, &ti);
    lx_buf_puts(out, "{\"model\": ");
    lx_buf_put_json(out, model);
    lx_buf_puts(out, ", \"tokenizer\": ");
    lx_buf_put_json(out, ti.algorithm);
    lx_buf_printf(out, ", \"kind\": \"%s\"", ti.kind);
    lx_buf_puts(out, ", \"pre\": ");
    if (ti.pre) lx_buf_put_json(out, ti.pre);
    else lx_buf_puts(out, "null");
    lx_buf_printf(out, ", \"vocab_size\": %zu, \"ids\": [", ti.vocab_size);
    for (size_t i = 0; i < n; i++) lx_buf_printf(out, "%s%d", i ? ", " : "", ids[i]);
    lx_buf_puts(out, "], \"pieces\": [");
    for (size_t i = 0; i < n; i++) {
        char *label = llmxray_token_piece(t, ids[i]);
        if (i) lx_buf_puts(out, ", ");
        lx_buf_put_json(out, label ? label : "");
        llmxray_free(label);
    }
    lx_buf_puts(out, "]}\n");
}

/* The ids of text under o's tokenizer, formatted into out; 0, or the status (its message
 * in err). */
static int tokenize(const tokenize_opts *o, lx_buf *text, lx_buf *out, char *err, size_t errcap)
{
    llmxray_tokenizer *t = NULL;
    llmxray_status st = llmxray_tokenizer_open(o->model, &t, err, errcap);
    if (st != LLMXRAY_OK) return (int)st;
    int32_t *ids = NULL;
    size_t n = 0;
    unsigned flags = (o->bos ? LLMXRAY_TOKENIZE_BOS : 0) | (o->special ? LLMXRAY_TOKENIZE_SPECIAL : 0);
    st = llmxray_tokenize(t, lx_buf_cstr(text), text->len, flags, &ids, &n, err, errcap);
    if (st == LLMXRAY_OK) (o->json ? put_json : put_text)(t, ids, n, o->model, out);
    llmxray_free(ids);
    llmxray_tokenizer_close(t);
    return (int)st;
}

static int run(int argc, char **argv)
{
    tokenize_opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc == LX_CLI_HELP_SHOWN ? 0 : rc;
    lx_buf text, out;
    lx_buf_init(&text), lx_buf_init(&out);
    char err[1024];
    if (!read_text(o.text, &text)) rc = 3, snprintf(err, sizeof err, "cannot read the text from standard input");
    else if (!lx_buf_ok(&text)) rc = 3, snprintf(err, sizeof err, "out of memory reading the text");
    else if (!(rc = tokenize(&o, &text, &out, err, sizeof err)) && !lx_buf_ok(&out))
        rc = 3, snprintf(err, sizeof err, "out of memory formatting the tokens");
    if (rc) lx_cli_error(err);
    else if (!lx_buf_write_file(&out, "-", err, sizeof err)) lx_cli_error(err), rc = 3;
    lx_buf_free(&text), lx_buf_free(&out);
    return rc;
}
