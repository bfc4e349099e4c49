/* infer/tok_merge — the pair-merging loop SentencePiece and BPE share: symbols in a list,
 * candidate adjacent pairs in a binary heap, the best pair (lowest priority value, leftmost
 * on ties) merged into a new symbol until no pair joins. O(n log n) in the symbols, so a
 * long text or word costs what it should.
 *
 * Stage: inference (tokenizers). The caller allocates the nodes (room for 2n - 1: every
 * merge adds one) and says, through pair_fn, whether two symbols join and how good that is.
 */
#ifndef LX_INFER_TOK_MERGE_H
#define LX_INFER_TOK_MERGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct lx_tok_node {
    size_t start, len;    /* bytes of the text */
    int32_t id;           /* the piece, or -1 */
    int32_t left, right;  /* the nodes merged into this one, -1 for an initial symbol */
    int32_t prev, next;   /* neighbours while alive, -1 at the ends */
    bool dead;            /* merged into a later node */
} lx_tok_node;

/* Whether a and b (adjacent, in that order) join: *prio (lower is better) and *id. */
typedef bool (*lx_tok_pair_fn)(const void *ctx, const lx_tok_node *a, const lx_tok_node *b, double *prio,
                               int32_t *id);

/* Merges over nodes[0..n) (linked in order); returns the index of the first live node
 * (follow next), or -1 when n is 0; false result in *oom when the heap cannot be had. */
int32_t lx_tok_merge_all(lx_tok_node *nodes, size_t n, lx_tok_pair_fn pair, const void *ctx, bool *oom);

#endif
