/* cli/cmd_tokenize — `llmxray tokenize [--json] [--bos] [--special] MODEL TEXT`: the
 * token ids of TEXT ("-" reads standard input) under MODEL's tokenizer (a .gguf file, a
 * tokenizer.json, or a folder holding one; infer/tokenizer) and their pieces.
 * --bos puts the vocabulary's BOS first; --special recognises control tokens such as
 * "<|im_start|>" in the text (user-defined tokens always are, as in llama.cpp).
 * Text output: a summary line, then one line per token: its id and its piece in quotes,
 * escaped for the terminal (bytes that are no character on their own as \xNN).
 * JSON (--json): {"model", "tokenizer", "kind", "pre", "vocab_size", "ids", "pieces"}. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "infer/tokenizer.h"
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

static void put_text(const lx_tok *t, const int32_t *ids, size_t n, const char *model, lx_buf *out)
{
    lx_buf_put_term(out, model);
    lx_buf_printf(out, ": %s", lx_tok_algo_name(t));
    if (lx_tok_pre_name(t)) lx_buf_printf(out, " (pre-tokenizer %s)", lx_tok_pre_name(t));
    lx_buf_printf(out, ", %zu pieces; %zu token%s\n", t->n, n, n == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        char *label = lx_tok_label(t, ids[i]);
        lx_buf_printf(out, "%8d  '", ids[i]);
        lx_buf_put_term(out, label ? label : "");
        lx_buf_puts(out, "'\n");
        free(label);
    }
}

static void put_json(const lx_tok *t, const int32_t *ids, size_t n, const char *model, lx_buf *out)
{
    lx_buf_puts(out, "{\"model\": ");
    lx_buf_put_json(out, model);
    lx_buf_puts(out, ", \"tokenizer\": ");
    lx_buf_put_json(out, lx_tok_algo_name(t));
    lx_buf_printf(out, ", \"kind\": \"%s\"", lx_tok_algo_code(t));
    lx_buf_puts(out, ", \"pre\": ");
    if (lx_tok_pre_name(t)) lx_buf_put_json(out, lx_tok_pre_name(t));
    else lx_buf_puts(out, "null");
    lx_buf_printf(out, ", \"vocab_size\": %zu, \"ids\": [", t->n);
    for (size_t i = 0; i < n; i++) lx_buf_printf(out, "%s%d", i ? ", " : "", ids[i]);
    lx_buf_puts(out, "], \"pieces\": [");
    for (size_t i = 0; i < n; i++) {
        char *label = lx_tok_label(t, ids[i]);
        if (i) lx_buf_puts(out, ", ");
        lx_buf_put_json(out, label ? label : "");
        free(label);
    }
    lx_buf_puts(out, "]}\n");
}

static int fail(const lx_err *err)
{
    lx_cli_error(err->msg);
    return err->code ? (int)err->code : 1;
}

static int run(int argc, char **argv)
{
    tokenize_opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc == LX_CLI_HELP_SHOWN ? 0 : rc;
    lx_buf text, out;
    lx_buf_init(&text), lx_buf_init(&out);
    lx_err err = {0};
    lx_tok t;
    int32_t *ids = NULL;
    size_t n = 0;
    if (!read_text(o.text, &text)) lx_err_set(&err, LX_ERR_IO, "cannot read the text from standard input");
    else if (!lx_buf_ok(&text)) lx_err_set(&err, LX_ERR_IO, "out of memory reading the text");
    else if (lx_tok_load(&t, o.model, &err) == LX_OK) {
        if (lx_tok_encode_ex(&t, lx_buf_cstr(&text), text.len, o.bos, o.special, &ids, &n, &err) == LX_OK)
            (o.json ? put_json : put_text)(&t, ids, n, o.model, &out);
        lx_tok_free(&t);
    }
    char msg[512];
    if (lx_err_failed(&err)) rc = fail(&err);
    else if (!lx_buf_ok(&out)) rc = lx_err_set(&err, LX_ERR_IO, "out of memory formatting the tokens"), fail(&err);
    else if (!lx_buf_write_file(&out, "-", msg, sizeof msg)) lx_cli_error(msg), rc = LX_ERR_IO;
    free(ids);
    lx_buf_free(&text), lx_buf_free(&out);
    return rc;
}
