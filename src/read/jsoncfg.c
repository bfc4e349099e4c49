/* read/jsoncfg — see jsoncfg.h. */
#include "read/jsoncfg.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOT_FOUND ((size_t)-1)

/* ---------------------------------------------------------------- Python's json extensions */

/* Replaces bare Infinity / NaN outside strings in place, keeping every offset. */
static void replace_nonfinite(char *t, size_t len)
{
    static const struct { const char *word, *with; } W[] = {{"Infinity", "1.0e+308"}, {"NaN", "0.0"}};
    bool in_str = false;
    for (size_t i = 0; i < len; i++) {
        if (in_str) {
            if (t[i] == '\\') i++;
            else if (t[i] == '"') in_str = false;
            continue;
        }
        if (t[i] == '"') { in_str = true; continue; }
        for (size_t k = 0; k < sizeof W / sizeof W[0]; k++) {
            size_t n = strlen(W[k].word);
            if (i + n <= len && memcmp(t + i, W[k].word, n) == 0) { memcpy(t + i, W[k].with, n); i += n - 1; break; }
        }
    }
}

/* ---------------------------------------------------------------- locating keys in text
 *
 * The text has been accepted by jansson, so it is valid JSON: a key is found by walking
 * from the opening brace of the object that holds it, comparing only that object's own
 * members (never a key nested deeper or the contents of a string), after decoding escapes. */

static size_t skip_ws(const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) i++;
    return i;
}

/* i at an opening quote; returns the index just past the closing one. */
static size_t skip_string(const char *t, size_t len, size_t i)
{
    for (i++; i < len && t[i] != '"'; i++)
        if (t[i] == '\\') i++;
    return i < len ? i + 1 : len;
}

/* i at the first byte of a value; returns the index just past it. */
static size_t skip_value(const char *t, size_t len, size_t i)
{
    if (i < len && t[i] == '"') return skip_string(t, len, i);
    if (i < len && (t[i] == '{' || t[i] == '[')) {
        for (size_t depth = 0; i < len;) {
            if (t[i] == '"') { i = skip_string(t, len, i); continue; }
            if (t[i] == '{' || t[i] == '[') depth++;
            else if ((t[i] == '}' || t[i] == ']') && --depth == 0) return i + 1;
            i++;
        }
        return len;
    }
    while (i < len && !strchr(",]} \t\n\r", t[i])) i++;
    return i;
}

static int hex_digit(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

/* One decoded character of a string body at t[*i], which it advances; escapes decode to
 * ASCII only (anything else is -1: no key we look for has it). */
static int next_char(const char *t, size_t end, size_t *i)
{
    static const char ESC[] = "\"\"\\\\//b\bf\fn\nr\rt\t";
    char ch = t[(*i)++];
    if (ch != '\\') return (unsigned char)ch;
    if (*i >= end) return -1;
    char e = t[(*i)++];
    for (size_t k = 0; ESC[k]; k += 2)
        if (ESC[k] == e) return (unsigned char)ESC[k + 1];
    int v = 0;
    for (int k = 0; e == 'u' && k < 4; k++) {
        int d = *i < end ? hex_digit(t[(*i)++]) : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return e == 'u' && v > 0 && v < 0x80 ? v : -1;
}

/* Is the string body t[start, end) equal to key? */
static bool key_equals(const char *t, size_t start, size_t end, const char *key)
{
    size_t i = start;
    for (; *key; key++)
        if (i >= end || next_char(t, end, &i) != (unsigned char)*key) return false;
    return i == end;
}

/* In the object whose '{' is at obj: where member key starts (its opening quote), and
 * where its value starts (*value, may be NULL); NOT_FOUND when there is no such member. */
static size_t find_member(const char *t, size_t len, size_t obj, const char *key, size_t *value)
{
    if (obj >= len || t[obj] != '{') return NOT_FOUND;
    for (size_t i = obj + 1;; i++) {
        i = skip_ws(t, len, i);
        if (i >= len || t[i] != '"') return NOT_FOUND;
        size_t k = i, k_end = skip_string(t, len, i);
        i = skip_ws(t, len, k_end);
        if (i >= len || t[i] != ':') return NOT_FOUND;
        i = skip_ws(t, len, i + 1);
        if (k_end > k + 1 && key_equals(t, k + 1, k_end - 1, key)) {
            if (value) *value = i;
            return k;
        }
        i = skip_ws(t, len, skip_value(t, len, i));
        if (i >= len || t[i] != ',') return NOT_FOUND;
    }
}

static void line_col(const char *text, size_t off, int *line, int *col)
{
    *line = 1;
    size_t start = 0;
    for (size_t i = 0; i < off; i++)
        if (text[i] == '\n') { (*line)++; start = i + 1; }
    *col = (int)(off - start) + 1;
}

size_t lx_jcfg_key_pos(const lx_jcfg *c, const char *key)
{
    size_t off = find_member(c->text, c->len, c->scope, key, NULL);
    if (off == NOT_FOUND) off = find_member(c->text, c->len, c->top, key, NULL);
    if (off == NOT_FOUND) off = c->scope < c->len ? c->scope : 0;
    return off;
}

void lx_jcfg_pos_error(lx_jcfg *c, size_t off, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    int line, col;
    line_col(c->text, off, &line, &col);
    lx_err_set(c->err, LX_ERR_MODEL, "%s: line %d:%d: %s", c->path, line, col, what);
}

void lx_jcfg_key_error(lx_jcfg *c, const char *key, const char *what)
{
    lx_jcfg_pos_error(c, lx_jcfg_key_pos(c, key), "%s%s: %s", c->scope_name, key, what);
}

static void describe(const json_t *v, char *out, size_t cap)
{
    if (!v) { /* the key is absent */
        snprintf(out, cap, "no value");
        return;
    }
    switch (json_typeof(v)) {
    case JSON_OBJECT: snprintf(out, cap, "an object"); break;
    case JSON_ARRAY: snprintf(out, cap, "an array"); break;
    case JSON_STRING: snprintf(out, cap, "string"); break;
    case JSON_INTEGER: snprintf(out, cap, "%lld", (long long)json_integer_value(v)); break;
    case JSON_REAL: snprintf(out, cap, "%g", json_real_value(v)); break;
    case JSON_TRUE: case JSON_FALSE: snprintf(out, cap, "boolean"); break;
    default: snprintf(out, cap, "null"); break;
    }
}

void lx_jcfg_type_error(lx_jcfg *c, const char *key, const char *expected, const json_t *v)
{
    char found[64], what[200];
    describe(v, found, sizeof found);
    snprintf(what, sizeof what, "expected %s, found %s", expected, found);
    lx_jcfg_key_error(c, key, what);
}

void lx_jcfg_elem_error(lx_jcfg *c, const char *key, size_t i, const char *expected, const json_t *v)
{
    char found[64];
    describe(v, found, sizeof found);
    lx_jcfg_pos_error(c, lx_jcfg_key_pos(c, key), "%s%s[%zu]: expected %s, found %s", c->scope_name, key, i,
                      expected, found);
}

/* ---------------------------------------------------------------- scopes */

lx_status lx_jcfg_open(lx_jcfg *c, const char *text, size_t len, const char *path, lx_err *err)
{
    memset(c, 0, sizeof *c);
    c->path = path;
    c->err = err;
    c->text = malloc(len + 1);
    if (!c->text) return lx_err_set(err, LX_ERR_IO, "%s: out of memory", path);
    memcpy(c->text, text, len);
    c->text[len] = '\0';
    c->len = len;
    replace_nonfinite(c->text, len);
    json_error_t je;
    c->root = json_loadb(c->text, len, JSON_REJECT_DUPLICATES, &je);
    if (!c->root)
        return lx_err_set(err, LX_ERR_MODEL, "%s: line %d:%d: %s (expected valid JSON)", path, je.line, je.column,
                          je.text);
    if (!json_is_object(c->root))
        return lx_err_set(err, LX_ERR_MODEL, "%s: line 1:1: the top level is not an object "
                          "(expected a config.json object)", path);
    c->cfg = c->root;
    c->top = c->scope = skip_ws(c->text, c->len, 0);
    return LX_OK;
}

void lx_jcfg_close(lx_jcfg *c)
{
    json_decref(c->defs);
    json_decref(c->root);
    free(c->text);
    memset(c, 0, sizeof *c);
}

bool lx_jcfg_enter(lx_jcfg *c, const char *key)
{
    json_t *v = json_object_get(c->cfg, key);
    if (!v || !json_is_object(v)) return false;
    size_t value, len = strlen(c->scope_name);
    if (find_member(c->text, c->len, c->scope, key, &value) != NOT_FOUND) c->scope = value;
    snprintf(c->scope_name + len, sizeof c->scope_name - len, "%s.", key);
    c->cfg = v;
    return true;
}

bool lx_jcfg_sub(const lx_jcfg *c, const char *key, lx_jcfg *sub)
{
    json_t *v = json_object_get(c->cfg, key);
    if (!v || json_is_null(v)) return false;
    if (!json_is_object(v)) {
        lx_jcfg_type_error((lx_jcfg *)c, key, "an object or null", v);
        return false;
    }
    *sub = *c;
    sub->defs = NULL;
    size_t len = strlen(sub->scope_name);
    snprintf(sub->scope_name + len, sizeof sub->scope_name - len, "%s.", key);
    size_t value;
    if (find_member(c->text, c->len, c->scope, key, &value) != NOT_FOUND) sub->scope = value;
    sub->cfg = v;
    return true;
}

void lx_jcfg_set_defaults(lx_jcfg *c, const char *json)
{
    json_decref(c->defs);
    json_error_t je;
    c->defs = json ? json_loads(json, JSON_REJECT_DUPLICATES, &je) : NULL;
}

/* ---------------------------------------------------------------- typed getters */

json_t *lx_jcfg_get(const lx_jcfg *c, const char *key)
{
    json_t *v = json_object_get(c->cfg, key);
    if (!v && c->defs) v = json_object_get(c->defs, key);
    return (v && !json_is_null(v)) ? v : NULL;
}

bool lx_jcfg_has(const lx_jcfg *c, const char *key) { return json_object_get(c->cfg, key) != NULL; }

bool lx_jcfg_is_null(const lx_jcfg *c, const char *key) { return json_is_null(json_object_get(c->cfg, key)); }

bool lx_jcfg_u64(lx_jcfg *c, const char *key, uint64_t *out, bool positive)
{
    json_t *v = lx_jcfg_get(c, key);
    if (!v || lx_err_failed(c->err)) return false;
    const char *expected = positive ? "a positive integer" : "a non-negative integer";
    double d = json_is_integer(v) ? (double)json_integer_value(v) : json_is_real(v) ? json_real_value(v) : -1;
    bool ok = json_is_number(v) && d == floor(d) && d >= (positive ? 1 : 0) && d <= (double)LX_JCFG_MAX_COUNT;
    if (!ok) { lx_jcfg_type_error(c, key, expected, v); return false; }
    *out = json_is_integer(v) ? (uint64_t)json_integer_value(v) : (uint64_t)d;
    return true;
}

bool lx_jcfg_f64(lx_jcfg *c, const char *key, double *out)
{
    json_t *v = lx_jcfg_get(c, key);
    if (!v || lx_err_failed(c->err)) return false;
    if (!json_is_number(v) || json_number_value(v) < 0) {
        lx_jcfg_type_error(c, key, "a non-negative number", v);
        return false;
    }
    *out = json_number_value(v);
    return true;
}

bool lx_jcfg_bool(lx_jcfg *c, const char *key, bool *out)
{
    json_t *v = lx_jcfg_get(c, key);
    if (!v || lx_err_failed(c->err)) return false;
    if (!json_is_boolean(v)) { lx_jcfg_type_error(c, key, "true or false", v); return false; }
    *out = json_is_true(v);
    return true;
}

const char *lx_jcfg_str(lx_jcfg *c, const char *key)
{
    json_t *v = lx_jcfg_get(c, key);
    if (!v || lx_err_failed(c->err)) return NULL;
    if (!json_is_string(v)) { lx_jcfg_type_error(c, key, "a string", v); return NULL; }
    return json_string_value(v);
}

json_t *lx_jcfg_array(lx_jcfg *c, const char *key, size_t want, const char *what)
{
    json_t *a = json_object_get(c->cfg, key);
    if (!a || json_is_null(a) || lx_err_failed(c->err)) return NULL;
    if (!json_is_array(a)) { lx_jcfg_type_error(c, key, what, a); return NULL; }
    if (want && json_array_size(a) != want) {
        char msg[160];
        snprintf(msg, sizeof msg, "expected %zu entries, found %zu (%s)", want, json_array_size(a), what);
        lx_jcfg_key_error(c, key, msg);
        return NULL;
    }
    return a;
}
