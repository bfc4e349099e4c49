/* infer/tok_pre — see tok_pre.h. Each matcher is one regular expression, read as the regex
 * engines read it (leftmost alternative first, greedy with backtracking); the comment above
 * each gives the expression. Classes are Unicode's (\s = White_Space). */
#include "infer/tok_pre.h"

#include <stdio.h>
#include <string.h>

#include "infer/tok_uni.h"

static unsigned cls(const uint32_t *cp, size_t pos, size_t end) { return pos < end ? lx_uni_class(cp[pos]) : 0; }
static bool is_ws(const uint32_t *cp, size_t pos, size_t end) { return cls(cp, pos, end) & LX_UNI_WS; }
static bool is_nl(const uint32_t *cp, size_t pos, size_t end) { return pos < end && (cp[pos] == '\r' || cp[pos] == '\n'); }

static size_t run(const uint32_t *cp, size_t pos, size_t end, unsigned want, size_t max)
{
    size_t k = 0;
    while (k < max && (cls(cp, pos + k, end) & want)) k++;
    return k;
}

/* Characters outside \s, \p{L}, \p{N}. */
static bool is_other(const uint32_t *cp, size_t pos, size_t end)
{
    return pos < end && !(cls(cp, pos, end) & (LX_UNI_WS | LX_UNI_L | LX_UNI_N));
}

static size_t run_other(const uint32_t *cp, size_t pos, size_t end)
{
    size_t k = 0;
    while (is_other(cp, pos + k, end)) k++;
    return k;
}

static uint32_t lower_ascii(uint32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* 's|'t|'re|'ve|'m|'ll|'d, with upper case letters too when fold. */
static size_t contraction(const uint32_t *cp, size_t pos, size_t end, bool fold)
{
    if (pos + 1 >= end || cp[pos] != '\'') return 0;
    uint32_t a = fold ? lower_ascii(cp[pos + 1]) : cp[pos + 1];
    if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
    if (pos + 2 >= end) return 0;
    uint32_t b = fold ? lower_ascii(cp[pos + 2]) : cp[pos + 2];
    if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
    return 0;
}

/* \s+(?!\S)|\s+ : a run of spaces keeps its last one for the word after it. */
static size_t spaces(const uint32_t *cp, size_t pos, size_t end)
{
    size_t n = run(cp, pos, end, LX_UNI_WS, SIZE_MAX);
    return n > 1 && pos + n < end ? n - 1 : n;
}

/* GPT-2: 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+ */
static size_t m_gpt2(const uint32_t *cp, size_t pos, size_t end)
{
    size_t k = contraction(cp, pos, end, false);
    if (k) return k;
    size_t sp = cp[pos] == ' ' ? 1 : 0;
    if ((k = run(cp, pos + sp, end, LX_UNI_L, SIZE_MAX))) return sp + k;
    if ((k = run(cp, pos + sp, end, LX_UNI_N, SIZE_MAX))) return sp + k;
    if ((k = run_other(cp, pos + sp, end))) return sp + k;
    if ((k = spaces(cp, pos, end))) return k;
    return 1;
}

/* The alternatives Llama 3, Qwen2 and o200k end with:
 *  ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+  (o200k: [\r\n/]* after the symbols),
 * and any one character when none matches. */
static size_t symbols_or_spaces(const uint32_t *cp, size_t pos, size_t end, bool slash)
{
    size_t k, sp = cp[pos] == ' ' && is_other(cp, pos + 1, end) ? 1 : 0;
    if ((k = run_other(cp, pos + sp, end))) {
        k += sp;
        while (is_nl(cp, pos + k, end) || (slash && pos + k < end && cp[pos + k] == '/')) k++;
        return k;
    }
    size_t last_nl = 0;
    for (size_t i = 0; is_ws(cp, pos + i, end); i++)
        if (is_nl(cp, pos + i, end)) last_nl = i + 1;
    if (last_nl) return last_nl;
    if ((k = spaces(cp, pos, end))) return k;
    return 1;
}

/* (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,D}| ?[^\s\p{L}\p{N}]+[\r\n]*|
 * \s*[\r\n]+|\s+(?!\S)|\s+   (Llama 3: D = 3; Qwen2: D = 1) */
static size_t llama3_like(const uint32_t *cp, size_t pos, size_t end, size_t digits)
{
    size_t k = contraction(cp, pos, end, true);
    if (k) return k;
    unsigned c0 = cls(cp, pos, end);
    size_t lead = !(c0 & (LX_UNI_L | LX_UNI_N)) && !is_nl(cp, pos, end) ? 1 : 0;
    if (lead && (k = run(cp, pos + 1, end, LX_UNI_L, SIZE_MAX))) return 1 + k;
    if ((k = run(cp, pos, end, LX_UNI_L, SIZE_MAX))) return k;
    if ((k = run(cp, pos, end, LX_UNI_N, digits))) return k;
    return symbols_or_spaces(cp, pos, end, false);
}

static size_t m_llama3(const uint32_t *cp, size_t pos, size_t end) { return llama3_like(cp, pos, end, 3); }
static size_t m_qwen2(const uint32_t *cp, size_t pos, size_t end) { return llama3_like(cp, pos, end, 1); }

/* o200k (GPT-4o, gpt-oss) as llama.cpp adapts it: "upper" = a letter but a-z, "lower" = a
 * letter but A-Z (other scripts count as both):
 *   [^\r\n\p{L}\p{N}]?U*L+C?|[^\r\n\p{L}\p{N}]?U+L*C?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|
 *   \s*[\r\n]+|\s+(?!\S)|\s+      with C the contractions, case-insensitive */
static bool is_upper(const uint32_t *cp, size_t pos, size_t end)
{
    return (cls(cp, pos, end) & LX_UNI_L) && !(cp[pos] >= 'a' && cp[pos] <= 'z');
}

static bool is_lower(const uint32_t *cp, size_t pos, size_t end)
{
    return (cls(cp, pos, end) & LX_UNI_L) && !(cp[pos] >= 'A' && cp[pos] <= 'Z');
}

/* U*L+ at pos (then U+L* when that fails), backtracking as a regex engine does; 0: none. */
static size_t cased_word(const uint32_t *cp, size_t pos, size_t end)
{
    size_t u = 0, l = 0;
    while (is_upper(cp, pos + u, end)) u++;
    while (is_lower(cp, pos + u + l, end)) l++;
    if (l) return u + l;
    for (size_t j = u; j-- > 0;)
        if (is_lower(cp, pos + j, end)) return j + 1;
    return u;
}

static size_t m_gpt4o(const uint32_t *cp, size_t pos, size_t end)
{
    size_t k, lead = !(cls(cp, pos, end) & (LX_UNI_L | LX_UNI_N)) && !is_nl(cp, pos, end) ? 1 : 0;
    if ((lead && (k = cased_word(cp, pos + 1, end)) && (k += 1)) || (k = cased_word(cp, pos, end)))
        return k + contraction(cp, pos + k, end, true);
    if ((k = run(cp, pos, end, LX_UNI_N, 3))) return k;
    return symbols_or_spaces(cp, pos, end, true);
}

/* \p{N} */
static size_t m_digit(const uint32_t *cp, size_t pos, size_t end) { return cls(cp, pos, end) & LX_UNI_N ? 1 : 0; }
/* [\r\n] */
static size_t m_newline(const uint32_t *cp, size_t pos, size_t end) { return is_nl(cp, pos, end) ? 1 : 0; }

/* \s?X+ for a class X */
static size_t ws_opt_run(const uint32_t *cp, size_t pos, size_t end, unsigned want)
{
    size_t k;
    if (is_ws(cp, pos, end) && (k = run(cp, pos + 1, end, want, SIZE_MAX))) return 1 + k;
    return run(cp, pos, end, want, SIZE_MAX);
}

static size_t m_ws_letters(const uint32_t *cp, size_t pos, size_t end) { return ws_opt_run(cp, pos, end, LX_UNI_L); }
static size_t m_ws_punct(const uint32_t *cp, size_t pos, size_t end) { return ws_opt_run(cp, pos, end, LX_UNI_P); }

/* [一-龥ࠀ-一가-퟿]+ */
static size_t m_cjk_run(const uint32_t *cp, size_t pos, size_t end)
{
    size_t k = 0;
    for (; pos + k < end; k++) {
        uint32_t c = cp[pos + k];
        if (!((c >= 0x0800 && c <= 0x9FA5) || (c >= 0xAC00 && c <= 0xD7FF))) break;
    }
    return k;
}

/* [\p{P}\$\+<=>\^~\|]+ */
static bool is_punct_sym(uint32_t c)
{
    return (lx_uni_class(c) & LX_UNI_P) || (c && c < 128 && strchr("$+<=>^~|", (int)c));
}

static size_t m_punct_sym(const uint32_t *cp, size_t pos, size_t end)
{
    size_t k = 0;
    while (pos + k < end && is_punct_sym(cp[pos + k])) k++;
    return k;
}

/* \p{N}+ */
static size_t m_digits(const uint32_t *cp, size_t pos, size_t end) { return run(cp, pos, end, LX_UNI_N, SIZE_MAX); }

/* [0-9][0-9][0-9] */
static size_t m_three_digits(const uint32_t *cp, size_t pos, size_t end)
{
    for (size_t k = 0; k < 3; k++)
        if (pos + k >= end || cp[pos + k] < '0' || cp[pos + k] > '9') return 0;
    return 3;
}

#define LLAMA3_RE "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"
#define QWEN2_RE "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"
#define GPT2_RE "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"

static const lx_tok_pre PRES[] = {
    {"default", NULL, {m_punct_sym, m_gpt2, m_digits, m_three_digits}, false, false},
    {"gpt-2", GPT2_RE, {m_gpt2}, false, false},
    {"mpt", NULL, {m_gpt2}, false, false},
    {"olmo", NULL, {m_gpt2}, false, false},
    {"llama-bpe", LLAMA3_RE, {m_llama3}, true, true},
    {"dbrx", NULL, {m_llama3}, false, false},
    {"smaug-bpe", NULL, {m_llama3}, false, false},
    {"qwen2", QWEN2_RE, {m_qwen2}, false, false},
    {"stablelm2", NULL, {m_qwen2}, false, false},
    {"deepseek-coder", NULL, {m_newline, m_ws_letters, m_ws_punct, m_cjk_run, m_digit}, false, false},
    {"gpt-4o", NULL, {m_gpt4o}, false, false},
    {"smollm", NULL, {m_digit, m_gpt2}, false, false},
    {"starcoder", NULL, {m_digit, m_gpt2}, false, false},
    {"refact", NULL, {m_digit, m_gpt2}, false, false},
};
#define N_PRES (sizeof PRES / sizeof PRES[0])

const lx_tok_pre *lx_tok_pre_find(const char *name)
{
    if (!name || !*name) return &PRES[0];
    for (size_t i = 0; i < N_PRES; i++)
        if (strcmp(PRES[i].name, name) == 0) return &PRES[i];
    return NULL;
}

const lx_tok_pre *lx_tok_pre_by_regex(const char *regex)
{
    for (size_t i = 0; i < N_PRES; i++)
        if (PRES[i].hf_regex && strcmp(PRES[i].hf_regex, regex) == 0) return &PRES[i];
    return NULL;
}

void lx_tok_pre_names(char *out, size_t cap)
{
    size_t at = 0;
    out[0] = '\0';
    for (size_t i = 0; i < N_PRES && at < cap; i++) {
        int k = snprintf(out + at, cap - at, "%s%s", i ? ", " : "", PRES[i].name);
        if (k < 0) break;
        at += (size_t)k;
    }
}

/* One step over the pieces ending at in[0..n_in): writes the new ends to out. */
static size_t split_step(lx_tok_match_fn m, const uint32_t *cp, const size_t *in, size_t n_in, size_t *out)
{
    size_t n_out = 0, start = 0;
    for (size_t f = 0; f < n_in; f++) {
        size_t end = in[f], last = start;
        for (size_t pos = start; pos < end;) {
            size_t k = m(cp, pos, end);
            if (!k) { pos++; continue; }
            if (pos > last) out[n_out++] = pos;
            out[n_out++] = pos += k;
            last = pos;
        }
        if (last < end) out[n_out++] = end;
        start = end;
    }
    return n_out;
}

size_t lx_tok_pre_split(const lx_tok_pre *p, const uint32_t *cp, size_t n, size_t *ends, size_t *tmp)
{
    if (n == 0) return 0;
    size_t m = 1;
    ends[0] = n;
    for (size_t s = 0; s < 6 && p->steps[s]; s++) {
        m = split_step(p->steps[s], cp, ends, m, tmp);
        memcpy(ends, tmp, m * sizeof *ends);
    }
    return m;
}
