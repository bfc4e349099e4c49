/* model/quant — a checkpoint as shipped: its quantization_config and what it does to bytes.
 *
 * Stage: model. Input: config.json's "quantization_config" (top level or the text model's),
 * read by model/hp_config into lx_hparams.quant. Output, for config-only input, the stored
 * form of the tensors model/synth built: each quantized linear weight gets the storage type
 * its files use and the scale / zero-point / index tensors the method writes beside it
 * (named as the files name them: "X.weight_scale_inv", "X.qzeros", ...; model/roles marks
 * those names as quantization data, bytes without parameters). Modules the config leaves
 * unquantized (modules_to_not_convert, ignore, the output head and embeddings by default,
 * norms, biases, routers) keep the config's dtype.
 *
 * Methods and what they store per quantized matrix of R rows (outputs) x C columns (inputs),
 * stacked experts counted per expert:
 *   fp8 (e4m3 / e5m2)     weight 1 byte; block scales F32 ceil(R/br) x ceil(C/bc)
 *                         ("weight_scale_inv"), or one F32 per matrix without a block size
 *                         (+ one F32 input scale when activations are static)
 *   mxfp4                 4-bit values + one E8M0 scale per 32 (ggml's MXFP4: 17 bytes / 32)
 *   nvfp4 (modelopt)      4-bit values; F8_E4M3 scale per 16; F32 global scale (+ input scale)
 *   gptq / awq            packed I32 weight at `bits`; F16 scales and packed zeros per group
 *                         of inputs; GPTQ adds g_idx (I32 per input)
 *   compressed-tensors    per config group: int (pack-quantized: I32 packed weight, scales at
 *                         the model dtype per group, I64 weight_shape, zeros when asymmetric),
 *                         float 8-bit (as fp8) or float 4-bit (as nvfp4); "targets" select
 *                         the modules ("Linear" = every linear layer)
 *   bitsandbytes          4-bit: packed U8, absmax per 64 (nested when double-quantized),
 *                         quant_map; 8-bit: I8 weight + F32 row scale (SCB)
 * Ownership: lx_quant is plain values but for its module patterns, allocated (one bounded
 * block) only when the config lists some, and owned by the lx_hparams lx_quant_from_json
 * filled — the lx_source's (lx_source_free releases them with lx_quant_free). Copies of an
 * lx_hparams (lx_arch.hp, synth's working copies) borrow them and never free them.
 */
#ifndef LX_MODEL_QUANT_H
#define LX_MODEL_QUANT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "read/tensor.h"
#include "util/err.h"

typedef enum lx_qscheme_kind {
    LX_QS_FP8, LX_QS_MXFP4, LX_QS_NVFP4, LX_QS_GPTQ, LX_QS_AWQ, LX_QS_CT_INT, LX_QS_BNB4, LX_QS_BNB8
} lx_qscheme_kind;

typedef struct lx_qscheme {
    lx_qscheme_kind kind;
    uint32_t bits;
    uint64_t group;           /* elements per scale along the inputs (0: one per row / tensor) */
    uint64_t block_r, block_c; /* fp8 block scales (0: one scale per matrix) */
    bool e5m2, sym, act_scale, g_idx, double_quant, channel;
    bool linear;              /* targets every linear layer */
} lx_qscheme;

#define LX_QUANT_MAX_SCHEMES 4
#define LX_QUANT_MAX_PATTERNS 768
#define LX_QUANT_POOL 40000

/* Module patterns: group >= 0 a scheme's targets, -1 modules left unquantized. */
typedef struct lx_quant_pats {
    int n;
    struct { uint32_t off; int8_t group; } pat[LX_QUANT_MAX_PATTERNS];
    char pool[LX_QUANT_POOL];
} lx_quant_pats;

typedef struct lx_quant {
    bool present;             /* the config declares a quantization_config */
    bool known;               /* a method llmxray can size */
    char method[32];          /* quant_method as declared ("fp8", "mxfp4", "gptq", ...) */
    char note[160];           /* why a declared config could not be sized, "" when it could */
    int n_schemes;
    lx_qscheme s[LX_QUANT_MAX_SCHEMES];
    bool expert_fp4;          /* DeepSeek-V4's expert_dtype "fp4": routed experts in MXFP4 */
    bool truncated;           /* more patterns than fit: the rest were dropped */
    lx_quant_pats *pats;      /* NULL when the config lists none (see Ownership) */
} lx_quant;

/* From a config object (jansson json_t *, the object holding "quantization_config"; NULL or
 * no such key leaves q->present false). Never fails: what cannot be read goes in q->note.
 * q holds no patterns on entry (zeroed or freed). */
void lx_quant_from_json(const void *config_object, lx_quant *q);
/* Frees q's patterns (q->pats NULL after); q's other fields are kept. */
void lx_quant_free(lx_quant *q);
/* How many module patterns q holds. */
int lx_quant_n_patterns(const lx_quant *q);

struct lx_hparams;
/* Rewrites a synthesized tensor list into the stored form (see above); a no-op when the
 * config declares no sizeable quantization. */
lx_status lx_quant_apply(const struct lx_hparams *hp, lx_tensors *t, lx_err *err);

/* Parameters in a packed quantized weight of a real file ("X_blocks", "X.qweight",
 * "X.weight_packed"): its bits divided by the quantized width (the first scheme's, 4 when
 * the config declares none). */
uint64_t lx_quant_packed_params(const lx_quant *q, const lx_tensor *t);

/* For JSON: bits and group size of the main scheme (0 when not applicable). */
uint32_t lx_quant_bits(const lx_quant *q);
uint64_t lx_quant_group(const lx_quant *q);
/* For people: the schemes' formats, distinct, in declared order, and the method:
 * "FP8 + NVFP4 (modelopt)", "GPTQ int4 (gptq)"; "" when q declares none it can size. */
void lx_quant_label(const lx_quant *q, char *out, size_t cap);
/* Patterns of modules left unquantized, in declared order: the i-th, or NULL past the end. */
const char *lx_quant_skip(const lx_quant *q, int i);

#endif
