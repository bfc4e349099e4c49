/* model/synth_int — what model/synth shares with the builders of other token mixers and of
 * families whose structure is their own (model/synth_mixers.c, model/families/). */
#ifndef LX_MODEL_SYNTH_INT_H
#define LX_MODEL_SYNTH_INT_H

#include "model/hparams.h"
#include "read/dtype.h"
#include "read/tensor.h"
#include "util/err.h"

struct lx_syn {
    const lx_hparams *hp;
    lx_tensors *out;
    lx_err *err;
    lx_dtype dt;
    unsigned flags;  /* enum lx_recipe_flag of the family */
    char pfx[32];    /* "blk.N.", "enc.blk.N.", or "" */
    uint64_t layer;  /* the block being built */
};

/* One tensor of nd dimensions {a, b, c}, named by fmt (the prefix is not added). */
void lx_syn_add(struct lx_syn *s, int nd, uint64_t a, uint64_t b, uint64_t c, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* A Linear "<pfx><base>": weight {out, in}, optional bias {out}. */
void lx_syn_lin(struct lx_syn *s, const char *base, uint64_t out, uint64_t in, bool bias);
/* A norm "<pfx><base>": weight {n}, and a bias for LayerNorm unless the family has none. */
void lx_syn_nrm(struct lx_syn *s, const char *base, uint64_t n);

/* Token mixers other than softmax attention (synth_mixers.c), for layer s->layer. */
void lx_syn_gdn(struct lx_syn *s);    /* Gated DeltaNet */
void lx_syn_kda(struct lx_syn *s);    /* Kimi Delta Attention */
void lx_syn_mamba(struct lx_syn *s);  /* Mamba-1 */
void lx_syn_mamba2(struct lx_syn *s); /* Mamba-2 */
void lx_syn_conv(struct lx_syn *s);   /* LFM2 short convolution */
void lx_syn_mlstm(struct lx_syn *s);  /* xLSTM mLSTM */

#endif
