/* bench/gen_header — writes a Llama-3.1-405B-shaped GGUF whose data region is sparse:
 * the real tensor list (126 blocks x 9 + 3 = 1,137 tensors, F16 shapes), the metadata
 * llama.cpp writes, and a tokenizer of 128,256 tokens with 280,147 merges, so the header
 * is as large as the real file's. Used by bench/info.sh; not part of the product.
 *
 * usage: gen_header OUT.gguf */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "families.h"
#include "fixture_gguf.h"

enum { N_VOCAB = 128256, N_MERGES = 280147 };

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

static const lx_fam_spec LLAMA_405B = {
    .name = "Llama-3.1-405B", .family = "llama", .n_layers = 126, .d_model = 16384, .n_heads = 128,
    .n_kv_heads = 8, .head_dim = 128, .d_ff = 53248, .vocab = 128256, .published_total = 405853388800ULL};

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: gen_header OUT.gguf\n"); return 2; }
    char **toks = make_strings(N_VOCAB, "tok%u_%u");
    char **merges = make_strings(N_MERGES, "m%u m%u");
    if (!toks || !merges) return 1;
    bool ok = lx_fam_write_gguf_tokenizer(&LLAMA_405B, argv[1], (const char *const *)toks, N_VOCAB,
                                          (const char *const *)merges, N_MERGES);
    free_strings(toks, N_VOCAB);
    free_strings(merges, N_MERGES);
    if (!ok) { perror(argv[1]); return 1; }
    return 0;
}
