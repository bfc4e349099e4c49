/* cli/cmd_tokenize — `llmxray tokenize [--json] [--bos] [--special] MODEL TEXT`: the
 * token ids of TEXT ("-" reads standard input) under MODEL's tokenizer (a .gguf file, a
 * tokenizer.json, or a folder holding one; infer/tokenizer) and their pieces.
 * --bos puts the vocabulary's BOS first; --special recognises control tokens such as
 * "<|im_start|>" in the text (user-defined tokens always are, as in llama.cpp).
 * Text output: a summary line, then one line per token: its id and its piece in quotes,
 * escaped for the terminal (bytes that are no character on their own as \xNN).
 * JSON (--json): {"model", "tokenizer", "kind", "pre", "vocab_size", "ids", "pieces"}. */
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

static int parse_args(int argc, char **argv, tokenize_opts *o)
{
    *o = (tokenize_opts){0};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--json")) o->json = true;
        else if (!strcmp(a, "--bos")) o->bos = true;
        else if (!strcmp(a, "--special")) o->special = true;
        else if (a[0] == '-' && a[1]) return lx_cli_usage_error("tokenize: unknown option '%s'", a);
        else if (!o->model) o->model = a;
        else if (!o->text) o->text = a;
        else return lx_cli_usage_error("tokenize takes MODEL and TEXT, got a third argument '%s'", a);
    }
    if (!o->text) return lx_cli_usage_error("tokenize needs a MODEL and a TEXT (usage: llmxray tokenize MODEL TEXT)");
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

int lx_cmd_tokenize(int argc, char **argv)
{
    tokenize_opts o;
    int rc = parse_args(argc, argv, &o);
    if (rc) return rc;
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
