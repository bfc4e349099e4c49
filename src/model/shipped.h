/* model/shipped — a release's own index as a check on the counts.
 *
 * Stage: model (called by model/arch). Input: the source a model was read from; when it is a
 * local folder, an index file or a config.json beside one, open/source has kept its
 * model.safetensors.index.json (else pytorch_model.bin.index.json) parsed in src->index
 * (names and metadata.total_size are used; it is not read again). Output: what the index's tensor names say — whether an output head is listed
 * apart from the embedding, how many names are vision/audio towers, multi-token-prediction
 * layers or non-parameter buffers — used (1) before synthesis, to tie or untie the head of a
 * config-only model as the release does (from a safetensors index only: PyTorch .bin files
 * save a tied head twice), and (2) after counting, to compare total_size with
 * the bytes counted plus what the names show the files hold beside them (the buffers, sized
 * from the config, and a tied head a PyTorch .bin file saves twice): any difference left is
 * one warning naming both figures, what was accounted for and the likely cause.
 * Ownership: lx_index_facts holds plain values only.
 */
#ifndef LX_MODEL_SHIPPED_H
#define LX_MODEL_SHIPPED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/hparams.h"
#include "model/source.h"

/* Non-parameter buffers a checkpoint may store with its weights; their sizes follow from the
 * config: a rotary inv_freq table (rotary dims / 2 values), a causal mask (context x context,
 * uint8 or bool: old transformers sized a bool at 1/8 byte in total_size), a scalar
 * (masked_bias), BART's final_logits_bias (vocab values), position_ids (context int64). */
typedef enum lx_buf_kind {
    LX_BUF_ROTARY, LX_BUF_MASK, LX_BUF_SCALAR, LX_BUF_LOGITS, LX_BUF_POS_IDS, LX_BUF_KIND_COUNT
} lx_buf_kind;

typedef struct lx_index_facts {
    bool found;
    char file[40];            /* "model.safetensors.index.json" or "pytorch_model.bin.index.json" */
    bool has_total;
    bool bad_total;           /* metadata.total_size present but no byte count */
    uint64_t total_size;      /* metadata.total_size */
    bool embed_listed, head_listed;
    char head_name[96];       /* the listed output head, e.g. "lm_head.weight" */
    size_t n_names, n_vision, n_mtp, n_buffers;
    size_t n_buf[LX_BUF_KIND_COUNT]; /* the buffers by kind (see lx_buf_kind) */
} lx_index_facts;

/* The facts of src->index (see above); f->found false when there is none (a broken index
 * beside a config is not kept; one opened for its shards is an error of the source). */
void lx_shipped_read(const lx_source *src, const lx_hparams *hp, lx_index_facts *f);

/* Config-only input: makes hp->tied what the index's names show. Writes a note for people into
 * msg (empty when nothing changed). */
void lx_shipped_tie(const lx_index_facts *f, lx_hparams *hp, bool encoder_only, char *msg, size_t cap);

/* Config-only input: a config that declares multi-token-prediction layers whose index lists
 * none (a pruned or converted release): hp->n_nextn_layers becomes 0, with a note in msg. */
void lx_shipped_mtp(const lx_index_facts *f, lx_hparams *hp, char *msg, size_t cap);

/* The total_size check: msg gets the warning (empty when the figures agree or the index has
 * no total_size). counted = the bytes llmxray counts; tied = its head is the embedding. */
void lx_shipped_check(const lx_index_facts *f, const lx_hparams *hp, uint64_t counted, bool tied, char *msg,
                      size_t cap);

#endif
