/* api/api_int — what the files of src/api/ share (not installed): the error and buffer
 * hand-over, and the tokenizer handle a session lends. */
#ifndef LX_API_INT_H
#define LX_API_INT_H

#include <stddef.h>

#include "llmxray.h"
#include "infer/tokenizer.h"
#include "util/buf.h"
#include "util/err.h"

/* A tokenizer: its own (llmxray_tokenizer_open) or a session's (tok points at the engine's). */
struct llmxray_tokenizer {
    lx_tok own;
    const lx_tok *tok;
};

/* e's message into errbuf (errcap bytes, may be 0); its code as a status (LLMXRAY_ERR_MODEL
 * when none is set). */
llmxray_status lx_api_fail(const lx_err *e, char *errbuf, size_t errcap);

/* What every call that opens a handle checks first: what is named (not NULL) and the
 * caller's options struct, whose first field is its size (opts_size NULL: no options), holds
 * at least want bytes (opts_name names it in the message); then a zeroed handle of size bytes.
 * NULL with err set (LX_ERR_USAGE, or LX_ERR_IO out of memory) otherwise. */
void *lx_api_new(const char *what, const size_t *opts_size, size_t want, const char *opts_name, size_t size,
                 lx_err *err);

/* b's bytes handed to the caller as *out, *len (NUL-terminated, freed with llmxray_free); on
 * failure b is freed and what names the output in the out-of-memory message. */
llmxray_status lx_api_hand_over(lx_buf *b, const char *what, char **out, size_t *len, char *errbuf, size_t errcap);

#endif
