/* model/diff — two or more architectures compared field by field (`llmxray compare`).
 *
 * Stage: model (a pure function over built lx_arch values; reads nothing else). Input:
 * N >= 2 architectures. Output: one row per compared property, in one fixed order, each
 * with a typed value per model (for JSON), the same value for people (for the text table
 * and the picture) and whether the models differ in it.
 *
 * The rows are one table in diff.c (key, label, section, component, getter): adding a
 * compared property is one line there. A value of type LX_DIFF_NONE means "not there /
 * not known" (JSON null, shown as "-"); a row where every model has none does not apply.
 * Values differ when their types or contents differ (numbers exactly, not as printed).
 *
 * Ownership: lx_diff owns its row and value arrays (lx_diff_free); it borrows the
 * architectures, which must outlive it.
 */
#ifndef LX_MODEL_DIFF_H
#define LX_MODEL_DIFF_H

#include <stdbool.h>
#include <stdint.h>

#include "model/arch.h"
#include "util/err.h"

#define LX_DIFF_MAX_MODELS 8

typedef enum lx_diff_type { LX_DIFF_NONE, LX_DIFF_INT, LX_DIFF_REAL, LX_DIFF_BOOL, LX_DIFF_STR } lx_diff_type;

typedef struct lx_diff_val {
    lx_diff_type type;
    uint64_t u;         /* INT */
    double d;           /* REAL */
    bool b;             /* BOOL */
    char s[64];         /* STR (may come from a model file: escape at output) */
    char text[64];      /* for people: "128,256", "500,000", "yes", "-" */
} lx_diff_val;

typedef struct lx_diff_row_def {
    const char *key;     /* JSON key, stable: "vocab_size", "attn.n_kv_heads", "params.ffn_experts" */
    const char *label;   /* for people: "Vocabulary" */
    const char *section; /* "Shape", "Attention", "Position", "Norms", "Feed-forward", "Output", "Parameters", "Bytes", "Totals" */
    lx_comp comp;        /* the component on the spine it describes; LX_COMP_COUNT: the whole model */
    int arg;             /* getter argument (a component, an offset) */
    void (*get)(const lx_arch *a, int arg, lx_diff_val *out);
} lx_diff_row_def;

typedef struct lx_diff_row {
    const lx_diff_row_def *def;
    lx_diff_val v[LX_DIFF_MAX_MODELS]; /* one per model */
    bool applies;                      /* some model has a value */
    bool differs;
} lx_diff_row;

typedef struct lx_diff {
    int n_models;
    const lx_arch *models[LX_DIFF_MAX_MODELS]; /* borrowed */
    int n_rows;
    lx_diff_row *rows;
    int n_applies, n_differ;
} lx_diff;

/* Compares n (2..LX_DIFF_MAX_MODELS) architectures; usage error (code 2) outside that range. */
lx_status lx_diff_build(const lx_arch *const *models, int n, lx_diff *out, lx_err *err);
void lx_diff_free(lx_diff *d);

/* True when some row of component c differs. */
bool lx_diff_comp_differs(const lx_diff *d, lx_comp c);
/* The row with this key, NULL when none. */
const lx_diff_row *lx_diff_find(const lx_diff *d, const char *key);

#endif
