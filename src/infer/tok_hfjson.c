/* infer/tok_hfjson — builds an lx_tok from a Hugging Face tokenizer.json: byte-level BPE
 * (model.vocab, model.merges as "a b" strings or [a, b] pairs, added_tokens, the Split
 * regex of pre_tokenizer, model.ignore_merges), or a SentencePiece model as transformers
 * converts it (BPE with byte_fallback and no ByteLevel: Gemma, Llama 2), read as the
 * SentencePiece kind with each piece scored by its first merge; with BOS and EOS named by a
 * tokenizer_config.json beside it when there is one; and lx_tok_load, which opens what a
 * user names (a .gguf, a tokenizer.json or a folder holding one). add_bos_token comes
 * from tokenizer_config.json too (when it does not say, the pre-tokenizer's row does, as
 * for a GGUF).
 *
 * Token types as llama.cpp's converter gives them: added tokens marked special, or that
 * look special ("<|...|>", "<｜...｜>", "<unused...>", "<pad>", "<mask>"), are control
 * tokens; the other added tokens are user-defined; ids no entry names are unused "[PADn]".
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "infer/tok_int.h"
#include "infer/tok_pre.h"

#define MAX_VOCAB ((size_t)1 << 24)

typedef struct hf_vocab {
    size_t n;
    const char **pieces;
    uint32_t *lens;
    uint8_t *kinds;
    char *pad;          /* "[PADn]" strings for holes, 24 bytes each */
    const char **merges;
    uint32_t *merge_lens;
    char *merge_text;   /* joined [a, b] pairs */
} hf_vocab;

static void hf_free(hf_vocab *v)
{
    free(v->pieces), free(v->lens), free(v->kinds), free(v->pad);
    free(v->merges), free(v->merge_lens), free(v->merge_text);
}

static bool looks_special(const char *s)
{
    size_t n = strlen(s);
    static const char fw_open[] = "<\xef\xbd\x9c", fw_close[] = "\xef\xbd\x9c>"; /* <｜ ｜> */
    if (n >= 4 && strncmp(s, "<|", 2) == 0 && strcmp(s + n - 2, "|>") == 0) return true;
    if (n >= 8 && strncmp(s, fw_open, 4) == 0 && strcmp(s + n - 4, fw_close) == 0) return true;
    if (n >= 8 && strncmp(s, "<unused", 7) == 0 && s[n - 1] == '>') return true;
    return strcmp(s, "<pad>") == 0 || strcmp(s, "<mask>") == 0;
}

/* The largest id in model.vocab and added_tokens, plus one. */
static lx_status count_ids(json_t *vocab, json_t *added, const char *path, size_t *n, lx_err *err)
{
    json_int_t max = -1;
    const char *key;
    json_t *v;
    json_object_foreach(vocab, key, v) {
        if (!json_is_integer(v) || json_integer_value(v) < 0 || (size_t)json_integer_value(v) >= MAX_VOCAB)
            return lx_err_set(err, LX_ERR_MODEL, "%s: model.vocab[\"%.40s\"] is not an id (expected 0 to %zu)", path,
                              key, MAX_VOCAB - 1);
        if (json_integer_value(v) > max) max = json_integer_value(v);
    }
    size_t i;
    json_array_foreach(added, i, v) {
        json_t *id = json_object_get(v, "id");
        if (!json_is_integer(id) || json_integer_value(id) < 0 || (size_t)json_integer_value(id) >= MAX_VOCAB ||
            !json_is_string(json_object_get(v, "content")))
            return lx_err_set(err, LX_ERR_MODEL, "%s: added_tokens[%zu] has no id and content (expected an id "
                              "below %zu and a string)", path, i, MAX_VOCAB);
        if (json_integer_value(id) > max) max = json_integer_value(id);
    }
    if (max < 0) return lx_err_set(err, LX_ERR_MODEL, "%s: model.vocab is empty (expected pieces)", path);
    *n = (size_t)max + 1;
    return LX_OK;
}

static lx_status read_vocab(json_t *vocab, json_t *added, const char *path, size_t min_n, hf_vocab *v, lx_err *err)
{
    if (count_ids(vocab, added, path, &v->n, err)) return err->code;
    if (v->n < min_n && min_n <= MAX_VOCAB) v->n = min_n; /* ids past the file's: unused "[PADn]" */
    v->pieces = calloc(v->n, sizeof *v->pieces);
    v->lens = calloc(v->n, sizeof *v->lens);
    v->kinds = calloc(v->n, sizeof *v->kinds);
    v->pad = calloc(v->n, 24);
    if (!v->pieces || !v->lens || !v->kinds || !v->pad) return lx_err_set(err, LX_ERR_IO, "out of memory reading the vocabulary");
    const char *key;
    json_t *x;
    json_object_foreach(vocab, key, x) {
        size_t id = (size_t)json_integer_value(x);
        v->pieces[id] = key, v->lens[id] = (uint32_t)strlen(key), v->kinds[id] = LX_TOK_NORMAL;
    }
    size_t i;
    json_array_foreach(added, i, x) {
        size_t id = (size_t)json_integer_value(json_object_get(x, "id"));
        const char *c = json_string_value(json_object_get(x, "content"));
        v->pieces[id] = c, v->lens[id] = (uint32_t)json_string_length(json_object_get(x, "content"));
        v->kinds[id] = json_is_true(json_object_get(x, "special")) || looks_special(c) ? LX_TOK_CONTROL : LX_TOK_USER;
    }
    for (size_t id = 0; id < v->n; id++)
        if (!v->pieces[id]) {
            char *p = v->pad + 24 * id;
            snprintf(p, 24, "[PAD%u]", (unsigned)id);
            v->pieces[id] = p, v->lens[id] = (uint32_t)strlen(p), v->kinds[id] = LX_TOK_UNUSED;
        }
    return LX_OK;
}

/* Total bytes of the [a, b] pairs joined as "a b", or SIZE_MAX when an entry is neither. */
static size_t pair_bytes(json_t *merges)
{
    size_t total = 0, i;
    json_t *m;
    json_array_foreach(merges, i, m) {
        if (json_is_string(m)) continue;
        json_t *a = json_array_get(m, 0), *b = json_array_get(m, 1);
        if (json_array_size(m) != 2 || !json_is_string(a) || !json_is_string(b)) return SIZE_MAX;
        total += json_string_length(a) + json_string_length(b) + 2;
    }
    return total;
}

static lx_status read_merges(json_t *merges, const char *path, hf_vocab *v, lx_err *err)
{
    size_t n = json_array_size(merges), bytes = pair_bytes(merges);
    if (bytes == SIZE_MAX)
        return lx_err_set(err, LX_ERR_MODEL, "%s: model.merges holds an entry that is no merge (expected \"a b\" or "
                          "[\"a\", \"b\"])", path);
    v->merges = malloc((n ? n : 1) * sizeof *v->merges);
    v->merge_lens = malloc((n ? n : 1) * sizeof *v->merge_lens);
    v->merge_text = malloc(bytes ? bytes : 1);
    if (!v->merges || !v->merge_lens || !v->merge_text) return lx_err_set(err, LX_ERR_IO, "out of memory reading the merges");
    char *w = v->merge_text;
    size_t i;
    json_t *m;
    json_array_foreach(merges, i, m) {
        if (json_is_string(m)) {
            v->merges[i] = json_string_value(m), v->merge_lens[i] = (uint32_t)json_string_length(m);
            continue;
        }
        json_t *a = json_array_get(m, 0), *b = json_array_get(m, 1);
        size_t la = json_string_length(a), lb = json_string_length(b);
        memcpy(w, json_string_value(a), la), w[la] = ' ', memcpy(w + la + 1, json_string_value(b), lb);
        v->merges[i] = w, v->merge_lens[i] = (uint32_t)(la + lb + 1);
        w += la + lb + 2;
    }
    return LX_OK;
}

/* The Split regex of a pre_tokenizer (itself or inside a Sequence), or NULL; *byte_level
 * tells whether a ByteLevel step is there and *byte_regex whether it splits by itself. */
static const char *find_split(json_t *pre, bool *byte_level, bool *byte_regex)
{
    const char *type = json_string_value(json_object_get(pre, "type"));
    if (!type) return NULL;
    if (strcmp(type, "ByteLevel") == 0) {
        *byte_level = true;
        *byte_regex = !json_is_false(json_object_get(pre, "use_regex"));
        return NULL;
    }
    if (strcmp(type, "Split") == 0) return json_string_value(json_object_get(json_object_get(pre, "pattern"), "Regex"));
    const char *found = NULL;
    size_t i;
    json_t *p;
    json_array_foreach(json_object_get(pre, "pretokenizers"), i, p) {
        const char *r = find_split(p, byte_level, byte_regex);
        if (r && !found) found = r;
    }
    return found;
}

static lx_status find_pre(json_t *root, const char *path, const char **name, lx_err *err)
{
    bool byte_level = false, byte_regex = false;
    const char *re = find_split(json_object_get(root, "pre_tokenizer"), &byte_level, &byte_regex);
    const lx_tok_pre *p = re ? lx_tok_pre_by_regex(re) : byte_regex ? lx_tok_pre_find("gpt-2") : NULL;
    if (!p)
        return lx_err_set(err, LX_ERR_MODEL, "%s: pre_tokenizer regex \"%.80s\" is not supported (expected "
                          "GPT-2's, Llama 3's or Qwen2's)", path, re ? re : "(none)");
    *name = p->name;
    return LX_OK;
}

static bool has_byte_level(json_t *root)
{
    bool byte_level = false, byte_regex = false;
    find_split(json_object_get(root, "pre_tokenizer"), &byte_level, &byte_regex);
    return byte_level;
}

/* True when the normalizer (or a step of its Sequence) prepends "▁". */
static bool prepends_space(json_t *norm)
{
    const char *type = json_string_value(json_object_get(norm, "type"));
    if (type && strcmp(type, "Prepend") == 0) return true;
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(norm, "normalizers"), i, n)
        if (prepends_space(n)) return true;
    return false;
}

/* SentencePiece-style BPE (byte_fallback, no ByteLevel): as llama.cpp's converter does, a
 * piece scores minus the rank of the first merge that makes it; "<0xNN>" are byte pieces. */
static lx_status spm_scores(json_t *vocab, const hf_vocab *v, size_t n_merges, float **scores, lx_err *err)
{
    float *sc = calloc(v->n, sizeof *sc);
    bool *set = calloc(v->n, sizeof *set);
    if (!sc || !set) {
        free(sc), free(set);
        return lx_err_set(err, LX_ERR_IO, "out of memory reading the merges");
    }
    for (size_t i = 0; i < n_merges; i++) {
        const char *m = v->merges[i], *sp = v->merge_lens[i] > 1 ? memchr(m + 1, ' ', v->merge_lens[i] - 1) : NULL;
        if (!sp) continue;
        char join[1024];
        size_t la = (size_t)(sp - m), lb = v->merge_lens[i] - la - 1;
        if (la + lb >= sizeof join) continue;
        memcpy(join, m, la), memcpy(join + la, sp + 1, lb);
        json_t *id = json_object_getn(vocab, join, la + lb);
        if (!json_is_integer(id) || (size_t)json_integer_value(id) >= v->n || set[json_integer_value(id)]) continue;
        sc[json_integer_value(id)] = -(float)i, set[json_integer_value(id)] = true;
    }
    free(set);
    *scores = sc;
    return LX_OK;
}

static int32_t vocab_id(json_t *vocab, json_t *name)
{
    json_t *id = json_is_string(name) ? json_object_get(vocab, json_string_value(name)) : NULL;
    return json_is_integer(id) && json_integer_value(id) < INT32_MAX ? (int32_t)json_integer_value(id) : -1;
}

/* A special token named in tokenizer_config.json: a string or {"content": ...}. */
static int32_t config_token(const lx_tok *t, json_t *cfg, const char *key)
{
    json_t *v = json_object_get(cfg, key);
    if (json_is_object(v)) v = json_object_get(v, "content");
    if (!json_is_string(v)) return -1;
    return lx_tok_find(t, json_string_value(v), json_string_length(v));
}

static void read_config(lx_tok *t, const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    char *cfg_path = malloc(dir + sizeof "tokenizer_config.json");
    if (!cfg_path) return;
    memcpy(cfg_path, path, dir);
    strcpy(cfg_path + dir, "tokenizer_config.json");
    json_t *cfg = json_load_file(cfg_path, JSON_DECODE_INT_AS_REAL, NULL); /* model_max_length can be 1e30 */
    free(cfg_path);
    if (!cfg) return;
    t->bos = config_token(t, cfg, "bos_token");
    t->eos = config_token(t, cfg, "eos_token");
    json_t *add = json_object_get(cfg, "add_bos_token");
    if (json_is_boolean(add)) t->add_bos = json_is_true(add);
    json_decref(cfg);
}

/* What both kinds read: the vocabulary, added tokens and merges. */
static lx_status read_common(json_t *root, const char *path, size_t min_n, hf_vocab *v, lx_err *err)
{
    json_t *model = json_object_get(root, "model");
    json_t *vocab = json_object_get(model, "vocab"), *merges = json_object_get(model, "merges");
    json_t *added = json_object_get(root, "added_tokens");
    if (!json_is_object(vocab) || !json_is_array(merges))
        return lx_err_set(err, LX_ERR_MODEL, "%s: model.vocab or model.merges is missing (expected an object and an array)",
                          path);
    if (added && !json_is_array(added)) return lx_err_set(err, LX_ERR_MODEL, "%s: added_tokens is not an array", path);
    if (read_vocab(vocab, added, path, min_n, v, err) || read_merges(merges, path, v, err)) return err->code;
    return LX_OK;
}

static lx_status build(lx_tok *t, json_t *root, const char *path, size_t min_n, lx_err *err)
{
    json_t *model = json_object_get(root, "model"), *vocab = json_object_get(model, "vocab");
    const char *type = json_string_value(json_object_get(model, "type"));
    if (!type || strcmp(type, "BPE") != 0)
        return lx_err_set(err, LX_ERR_MODEL, "%s: model.type is '%s' (expected BPE)", path, type ? type : "missing");
    bool byte_level = has_byte_level(root), fallback = json_is_true(json_object_get(model, "byte_fallback"));
    if (!byte_level && !fallback)
        return lx_err_set(err, LX_ERR_MODEL, "%s: pre_tokenizer has no ByteLevel step and model.byte_fallback is not "
                          "true (expected a byte-level or a SentencePiece-style BPE)", path);
    hf_vocab v = {0};
    float *scores = NULL;
    lx_tok_spec s = {.algo = byte_level ? LX_TOK_BPE : LX_TOK_SPM, .bos = -1, .eos = -1, .unk = -1};
    if ((byte_level && find_pre(root, path, &s.pre, err)) || read_common(root, path, min_n, &v, err) ||
        (!byte_level && spm_scores(vocab, &v, json_array_size(json_object_get(model, "merges")), &scores, err))) {
        hf_free(&v);
        return err->code;
    }
    s.n = v.n, s.pieces = v.pieces, s.lens = v.lens, s.kinds = v.kinds, s.scores = scores;
    if (byte_level) {
        s.n_merges = json_array_size(json_object_get(model, "merges")), s.merges = v.merges, s.merge_lens = v.merge_lens;
        s.ignore_merges = json_is_true(json_object_get(model, "ignore_merges"));
        s.add_bos = lx_tok_pre_find(s.pre)->add_bos;
    } else {
        for (size_t i = 0; i < v.n; i++)
            if (v.kinds[i] == LX_TOK_NORMAL && lx_tok_parse_byte_piece(v.pieces[i], v.lens[i]) >= 0) v.kinds[i] = LX_TOK_BYTE;
        s.unk = vocab_id(vocab, json_object_get(model, "unk_token"));
        s.add_space_prefix = prepends_space(json_object_get(root, "normalizer"));
        s.add_bos = true;
    }
    lx_status st = lx_tok_build_spec(t, &s, path, err);
    if (st == LX_OK) read_config(t, path);
    free(scores);
    hf_free(&v);
    return st;
}

lx_status lx_tok_from_hf_json(lx_tok *t, const char *path, lx_err *err) { return lx_tok_from_hf_json_padded(t, path, 0, err); }

lx_status lx_tok_from_hf_json_padded(lx_tok *t, const char *path, size_t n_vocab, lx_err *err)
{
    memset(t, 0, sizeof *t);
    json_error_t je;
    json_t *root = json_load_file(path, 0, &je);
    if (!root) {
        FILE *f = fopen(path, "rb");
        if (!f) return lx_err_set(err, LX_ERR_IO, "%s: cannot open", path);
        fclose(f);
        return lx_err_set(err, LX_ERR_MODEL, "%s: line %d:%d: %s", path, je.line, je.column, je.text);
    }
    lx_status st = build(t, root, path, n_vocab, err);
    json_decref(root);
    return st;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

lx_status lx_tok_load(lx_tok *t, const char *path, lx_err *err)
{
    memset(t, 0, sizeof *t);
    struct stat st;
    if (stat(path, &st) != 0) return lx_err_set(err, LX_ERR_IO, "%s: cannot open", path);
    if (S_ISDIR(st.st_mode)) {
        size_t n = strlen(path);
        char *p = malloc(n + sizeof "/tokenizer.json");
        if (!p) return lx_err_set(err, LX_ERR_IO, "out of memory");
        snprintf(p, n + sizeof "/tokenizer.json", "%s/tokenizer.json", path);
        lx_status s = lx_tok_from_hf_json(t, p, err);
        free(p);
        return s;
    }
    if (ends_with(path, ".json")) return lx_tok_from_hf_json(t, path, err);
    lx_gguf *g = NULL;
    if (lx_gguf_open(path, &g, err)) return err->code;
    lx_status s = lx_tok_from_gguf(t, g, path, err);
    lx_gguf_close(g);
    return s;
}
