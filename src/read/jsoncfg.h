/* read/jsoncfg — a JSON configuration file (config.json) with positions for errors.
 *
 * Stage: read. Knows JSON and where keys sit in the text; knows nothing of model families
 * (model/hp_config and model/families interpret the keys).
 * Input: text (from a file or a catalogue string). Python's json extensions that real
 * configs use are accepted: bare Infinity, -Infinity and NaN become the largest double,
 * its negative, and 0 (nemotron-h writes "time_step_limit": [0.0, Infinity]).
 * Typed getters read a key of the current scope object (the top level, or a nested object
 * entered with lx_jcfg_enter, e.g. "text_config"), falling back to an optional defaults
 * object; an explicit null is "absent" and does not fall back. A getter that meets the
 * wrong type sets the error "PATH: line L:C: SCOPE.KEY: expected …, found …" at the key's
 * position (jansson keeps none, so keys are found by walking the already-valid text, only
 * among the scope object's own members).
 * Ownership: lx_jcfg owns the parsed document and the defaults; lx_jcfg_close frees both.
 * Strings returned by getters live until then.
 */
#ifndef LX_READ_JSONCFG_H
#define LX_READ_JSONCFG_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define LX_JCFG_MAX_COUNT (1ull << 40) /* larger than any real dimension; keeps products sane */

typedef struct lx_jcfg {
    const char *path;
    char *text;             /* own copy, with Infinity/NaN replaced */
    size_t len;
    size_t top;             /* offset of the top-level '{' */
    size_t scope;           /* offset of the '{' of the scope object */
    char scope_name[64];    /* "text_config." or "" */
    json_t *root, *cfg, *defs;
    lx_err *err;
} lx_jcfg;

/* Parses text; errors "PATH: line L:C: <why> (expected valid JSON)" or a non-object top. */
lx_status lx_jcfg_open(lx_jcfg *c, const char *text, size_t len, const char *path, lx_err *err);
void lx_jcfg_close(lx_jcfg *c);
/* Makes the object at key (of the current scope) the scope; false when absent or not an
 * object. name is the prefix errors show ("text_config."). */
bool lx_jcfg_enter(lx_jcfg *c, const char *key);
/* A copy of c scoped to the object at key of c's scope (for rope_scaling and the like);
 * false when absent or null; an error when present but not an object. No defaults. */
bool lx_jcfg_sub(const lx_jcfg *c, const char *key, lx_jcfg *sub);
/* Defaults (a JSON object text) consulted when the scope lacks a key. */
void lx_jcfg_set_defaults(lx_jcfg *c, const char *json);

/* The value at key: the scope's own, else the default; NULL when absent or null. */
json_t *lx_jcfg_get(const lx_jcfg *c, const char *key);
/* Whether the scope itself has key (null counts as present). */
bool lx_jcfg_has(const lx_jcfg *c, const char *key);
bool lx_jcfg_is_null(const lx_jcfg *c, const char *key);

/* Typed reads; false when absent or on error (then set). */
bool lx_jcfg_u64(lx_jcfg *c, const char *key, uint64_t *out, bool positive);
bool lx_jcfg_f64(lx_jcfg *c, const char *key, double *out);
bool lx_jcfg_bool(lx_jcfg *c, const char *key, bool *out);
const char *lx_jcfg_str(lx_jcfg *c, const char *key);
/* An array at key (of the scope only, no default); NULL when absent or null; an error when
 * present but not an array or not of length want (want 0: any length). */
json_t *lx_jcfg_array(lx_jcfg *c, const char *key, size_t want, const char *what);

/* Errors at key's position ("PATH: line L:C: SCOPEKEY: what"). */
void lx_jcfg_key_error(lx_jcfg *c, const char *key, const char *what);
void lx_jcfg_type_error(lx_jcfg *c, const char *key, const char *expected, const json_t *v);
/* Error for an element of the array at key: "… KEY[i]: expected …, found …". */
void lx_jcfg_elem_error(lx_jcfg *c, const char *key, size_t i, const char *expected, const json_t *v);
void lx_jcfg_pos_error(lx_jcfg *c, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Byte offset of key in the scope, else at the top level, else of the scope's brace. */
size_t lx_jcfg_key_pos(const lx_jcfg *c, const char *key);

#endif
