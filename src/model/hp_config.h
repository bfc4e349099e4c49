/* model/hp_config — a Hugging Face config.json turned into hyper-parameters.
 *
 * Stage: model (above read/jsoncfg, which parses the text and locates keys). Input: the text
 * of a config.json (from a file, or a catalogue entry's compact JSON string). Output: a
 * filled lx_hparams (plain values, but for the quantization_config's module patterns when it
 * lists some: lx_quant_free(&hp->quant) releases them; lx_source_free does).
 *
 * The family record (model/families) is chosen from model_type, else the architectures
 * list's class names; a wrapper's nested text model ("text_config", "llm_config",
 * "language_config") is read when present, and its own model_type picks the record when
 * the outer one is unknown. Fields are read through key aliases (hidden_size | n_embd |
 * d_model | dim, ...): the config's own spelling wins, and the family's defaults (its
 * transformers config class) apply only when every alias is absent. An explicit null means
 * "none" (no window, no q compression, the family's derived default for d_ff). The
 * per-layer pattern (layer_types, the family's rule) is always resolved and has_layer_bits
 * set. A model_type no record knows is read from the common keys and kept as its family
 * name (model/arch then builds it generically, with a warning).
 *
 * Errors: JSON syntax "PATH: line L:C: <why> (expected valid JSON)"; wrong types
 * "PATH: line L:C: KEY: expected a positive integer, found string"; missing required keys
 * "PATH: KEY missing (expected one of …)".
 * Ownership: nothing is kept; hp owns what it was given (above).
 */
#ifndef LX_MODEL_HP_CONFIG_H
#define LX_MODEL_HP_CONFIG_H

#include <stddef.h>

#include "model/hparams.h"
#include "util/err.h"

#define LX_HFCONFIG_MAX_BYTES (16u * 1024u * 1024u)

/* Parses config.json text. path names the input in messages and gives the model's name: the
 * folder holding a config.json (a hub cache snapshot: the repository's name), else the
 * config's _name_or_path. */
lx_status lx_hfconfig_parse(const char *text, size_t len, const char *path, lx_hparams *hp, lx_err *err);
/* Reads the file (at most LX_HFCONFIG_MAX_BYTES) and parses it. */
lx_status lx_hfconfig_load(const char *path, lx_hparams *hp, lx_err *err);

#endif
