/* model/catalogue — well-known models built into the binary, usable by name without a file.
 *
 * Stage: model (input side: open/source dispatches catalogue names here). Input: a name.
 * Output: lx_hparams, read from the entry's published hyper-parameters, which are kept as
 * a compact config.json string so they go through the one config reader (model/hp_config).
 * Parameter counts then come from model/synth like any config-only input.
 * Ownership: static data only; lx_catalogue_at/find return borrowed pointers.
 */
#ifndef LX_MODEL_CATALOGUE_H
#define LX_MODEL_CATALOGUE_H

#include <stddef.h>

#include "model/hparams.h"
#include "util/err.h"

typedef struct lx_catalogue_entry {
    const char *slug;        /* "llama-3.1-8b": lowercase, what users type */
    const char *display;     /* "Llama 3.1 8B" */
    const char *description; /* one line: what it is and where the numbers come from */
    const char *config;      /* compact config.json with the published hyper-parameters */
} lx_catalogue_entry;

size_t lx_catalogue_count(void);
const lx_catalogue_entry *lx_catalogue_at(size_t i); /* NULL when i is out of range */
/* Case-insensitive; accepts the slug or the display name. NULL when unknown. */
const lx_catalogue_entry *lx_catalogue_find(const char *name);
/* The entry whose slug is closest to name (edit distance, case-insensitive) when that
 * distance is small enough to be a typo (at most 3, and less than half the name); else NULL. */
const lx_catalogue_entry *lx_catalogue_suggest(const char *name);
/* Fills hp from the named entry; hp->name is the display name. LX_ERR_USAGE for an unknown
 * name ("no catalogue model 'x' (expected a name from 'llmxray list')"). */
lx_status lx_catalogue_load(const char *name, lx_hparams *hp, lx_err *err);

#endif
