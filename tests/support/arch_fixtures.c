/* tests/support/arch_fixtures — see arch_fixtures.h. Per-layer counts are built from the
 * models' published shapes; whole-model totals are summed from them, and the tests compare
 * those sums with the published totals, so a wrong shape here fails a test. */
#include "arch_fixtures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum fx_store { FX_BF16, FX_F32, FX_Q8_0 } fx_store;

static uint64_t store_bytes(fx_store s, uint64_t params)
{
    switch (s) {
    case FX_BF16: return params * 2;
    case FX_F32: return params * 4;
    case FX_Q8_0: return params / 32 * 34;
    }
    return 0;
}

static lx_dtype store_dtype(fx_store s)
{
    return s == FX_BF16 ? LX_DT_BF16 : s == FX_F32 ? LX_DT_F32 : LX_DT_Q8_0;
}

typedef struct fx_layer {
    lx_ffn_kind ffn;
    uint64_t attn, ffn_dense, experts, shared, router, norms, d_ff;
} fx_layer;

/* weights: storage of matrices; norms are F32 when the weights are quantized. */
typedef struct fx_ctx {
    lx_arch *a;
    fx_store weights, norms;
} fx_ctx;

static void count_add(fx_ctx *c, lx_count *to, lx_comp comp, uint64_t params)
{
    fx_store s = comp == LX_COMP_NORM ? c->norms : c->weights;
    uint64_t bytes = store_bytes(s, params);
    to->params += params;
    to->bytes += bytes;
}

static void fx_group(fx_ctx *c, int first, int last, const fx_layer *l)
{
    lx_arch *a = c->a;
    a->groups = realloc(a->groups, (size_t)(a->n_groups + 1) * sizeof *a->groups);
    lx_group *g = &a->groups[a->n_groups++];
    memset(g, 0, sizeof *g);
    g->first = first;
    g->last = last;
    g->ffn = l->ffn;
    g->attn = a->attn.kind;
    g->d_ff = l->d_ff;
    count_add(c, &g->per_layer[LX_COMP_ATTENTION], LX_COMP_ATTENTION, l->attn);
    count_add(c, &g->per_layer[LX_COMP_FFN_DENSE], LX_COMP_FFN_DENSE, l->ffn_dense);
    count_add(c, &g->per_layer[LX_COMP_FFN_EXPERTS], LX_COMP_FFN_EXPERTS, l->experts);
    count_add(c, &g->per_layer[LX_COMP_FFN_SHARED], LX_COMP_FFN_SHARED, l->shared);
    count_add(c, &g->per_layer[LX_COMP_ROUTER], LX_COMP_ROUTER, l->router);
    count_add(c, &g->per_layer[LX_COMP_NORM], LX_COMP_NORM, l->norms);
    for (int k = 0; k < LX_COMP_COUNT; k++) g->params_per_layer += g->per_layer[k].params;
}

/* Whole-model tensors, then sums over groups; totals, bytes by type, active parameters. */
static void fx_finish(fx_ctx *c, uint64_t embed, uint64_t pos, uint64_t output, uint64_t final_norm)
{
    lx_arch *a = c->a;
    count_add(c, &a->comp[LX_COMP_EMBEDDING], LX_COMP_EMBEDDING, embed);
    count_add(c, &a->comp[LX_COMP_POSITION], LX_COMP_POSITION, pos);
    count_add(c, &a->comp[LX_COMP_OUTPUT], LX_COMP_OUTPUT, output);
    count_add(c, &a->comp[LX_COMP_NORM], LX_COMP_NORM, final_norm);
    uint64_t routed = 0;
    for (int i = 0; i < a->n_groups; i++) {
        const lx_group *g = &a->groups[i];
        uint64_t n = (uint64_t)(g->last - g->first + 1);
        for (int k = 0; k < LX_COMP_COUNT; k++) {
            a->comp[k].params += g->per_layer[k].params * n;
            a->comp[k].bytes += g->per_layer[k].bytes * n;
        }
        routed += g->per_layer[LX_COMP_FFN_EXPERTS].params * n;
    }
    for (int k = 0; k < LX_COMP_COUNT; k++) {
        a->total_params += a->comp[k].params;
        a->total_bytes += a->comp[k].bytes;
        lx_dtype t = store_dtype(k == LX_COMP_NORM ? c->norms : c->weights);
        a->bytes_by_type[t] += a->comp[k].bytes;
        a->params_by_type[t] += a->comp[k].params;
    }
    uint64_t active_routed = a->ffn.n_experts ? routed / a->ffn.n_experts * a->ffn.n_experts_used : 0;
    a->active_params = a->total_params - routed + active_routed;
    a->bits_per_weight = (double)a->total_bytes * 8.0 / (double)a->total_params;
    uint64_t vd = a->attn.v_head_dim ? a->attn.v_head_dim : a->attn.head_dim;
    if (a->attn.kind == LX_ATTN_MLA)
        a->kv_bytes_per_token = (a->attn.kv_lora_rank + a->attn.rope_head_dim) * a->hp.n_layers * 2;
    else
        a->kv_bytes_per_token = a->hp.n_layers * a->attn.n_kv_heads * (a->attn.head_dim + vd) * 2;
    /* at the context: sliding layers hold their window, the rest the whole context */
    uint64_t per_layer = a->kv_bytes_per_token / a->hp.n_layers, ctx = a->hp.context_length;
    uint64_t win = a->attn.sliding_window && a->attn.sliding_window < ctx ? a->attn.sliding_window : ctx;
    uint64_t n_slide = (uint64_t)a->attn.n_sliding_layers;
    a->kv_bytes_at_ctx = per_layer * ((a->hp.n_layers - n_slide) * ctx + n_slide * win);
}

static void fx_base(lx_arch *a, const char *name, const char *family, uint64_t layers, uint64_t d, uint64_t heads,
                    uint64_t kv, uint64_t hd, uint64_t vocab, uint64_t ctx)
{
    memset(a, 0, sizeof *a);
    snprintf(a->hp.name, sizeof a->hp.name, "%s", name);
    snprintf(a->hp.family, sizeof a->hp.family, "%s", family);
    snprintf(a->hp.arch_raw, sizeof a->hp.arch_raw, "%s", family);
    a->hp.n_layers = layers;
    a->hp.d_model = d;
    a->hp.n_heads = heads;
    a->hp.n_kv_heads = kv;
    a->hp.head_dim = hd;
    a->hp.vocab_size = vocab;
    a->hp.context_length = ctx;
    a->format = LX_FMT_CATALOGUE;
    a->attn.kind = kv == heads ? LX_ATTN_MHA : kv == 1 ? LX_ATTN_MQA : LX_ATTN_GQA;
    a->attn.n_heads = heads;
    a->attn.n_kv_heads = kv;
    a->attn.head_dim = hd;
    a->attn.v_head_dim = hd;
    a->pos.kind = LX_POS_ROPE;
    a->norm.kind = LX_NORM_RMSNORM;
    a->norm.placement = LX_NORM_PRE;
    a->norm.final_norm = true;
    a->ffn.kind = LX_FFN_GLU;
    snprintf(a->ffn.activation, sizeof a->ffn.activation, "silu");
}

static uint64_t gqa_params(uint64_t d, uint64_t h, uint64_t kv, uint64_t hd)
{
    return d * h * hd * 2 + d * kv * hd * 2;
}

static void fx_llama31_8b(lx_arch *a, const char *name, const char *family)
{
    fx_base(a, name, family, 32, 4096, 32, 8, 128, 128256, 131072);
    a->pos.rope_theta = 500000;
    snprintf(a->pos.scaling, sizeof a->pos.scaling, "llama3");
    a->pos.scaling_factor = 8;
    a->ffn.d_ff = a->hp.d_ff = 14336;
    fx_ctx c = {a, FX_BF16, FX_BF16};
    fx_layer l = {.ffn = LX_FFN_GLU, .attn = gqa_params(4096, 32, 8, 128), .ffn_dense = 3ull * 4096 * 14336,
                  .norms = 2 * 4096, .d_ff = 14336};
    fx_group(&c, 0, 31, &l);
    fx_finish(&c, 128256ull * 4096, 0, 128256ull * 4096, 4096);
}

static void fx_gpt2(lx_arch *a)
{
    fx_base(a, "GPT-2 (124M)", "gpt2", 12, 768, 12, 12, 64, 50257, 1024);
    a->pos.kind = LX_POS_LEARNED;
    a->norm.kind = LX_NORM_LAYERNORM;
    a->norm.bias = true;
    a->ffn.kind = LX_FFN_MLP;
    snprintf(a->ffn.activation, sizeof a->ffn.activation, "gelu_new");
    a->ffn.d_ff = a->hp.d_ff = 3072;
    a->ffn.bias = true;
    a->attn.q_bias = a->attn.k_bias = a->attn.v_bias = a->attn.o_bias = a->attn.fused_qkv = true;
    a->tied = true;
    fx_ctx c = {a, FX_F32, FX_F32};
    fx_layer l = {.ffn = LX_FFN_MLP, .attn = 768ull * 2304 + 2304 + 768 * 768 + 768,
                  .ffn_dense = 768ull * 3072 + 3072 + 3072 * 768 + 768, .norms = 4 * 768, .d_ff = 3072};
    fx_group(&c, 0, 11, &l);
    fx_finish(&c, 50257ull * 768, 1024ull * 768, 0, 2 * 768);
}

static void fx_mixtral(lx_arch *a)
{
    fx_base(a, "Mixtral 8x7B v0.1", "llama", 32, 4096, 32, 8, 128, 32000, 32768);
    a->pos.rope_theta = 1e6;
    a->ffn.kind = LX_FFN_MOE;
    a->ffn.n_experts = 8;
    a->ffn.n_experts_used = 2;
    a->ffn.d_expert = 14336;
    fx_ctx c = {a, FX_BF16, FX_BF16};
    fx_layer l = {.ffn = LX_FFN_MOE, .attn = gqa_params(4096, 32, 8, 128), .experts = 8ull * 3 * 4096 * 14336,
                  .router = 4096 * 8, .norms = 2 * 4096};
    fx_group(&c, 0, 31, &l);
    fx_finish(&c, 32000ull * 4096, 0, 32000ull * 4096, 4096);
}

static void fx_deepseek_v3(lx_arch *a)
{
    fx_base(a, "DeepSeek-V3", "deepseek2", 61, 7168, 128, 128, 192, 129280, 163840);
    a->attn.kind = LX_ATTN_MLA;
    a->attn.q_lora_rank = 1536;
    a->attn.kv_lora_rank = 512;
    a->attn.rope_head_dim = a->pos.rope_dims = 64;
    a->attn.nope_head_dim = 128;
    a->attn.v_head_dim = 128;
    a->pos.rope_theta = 10000;
    snprintf(a->pos.scaling, sizeof a->pos.scaling, "yarn");
    a->pos.scaling_factor = 40;
    a->ffn.kind = LX_FFN_MOE;
    a->ffn.d_ff = a->hp.d_ff = 18432;
    a->ffn.n_experts = 256;
    a->ffn.n_experts_used = 8;
    a->ffn.n_shared_experts = 1;
    a->ffn.d_expert = a->ffn.d_shared = 2048;
    uint64_t mla = 7168ull * 1536 + 1536ull * 128 * 192 + 7168ull * 576 + 512ull * 128 * 256 + 128ull * 128 * 7168;
    fx_ctx c = {a, FX_BF16, FX_BF16};
    fx_layer dense = {.ffn = LX_FFN_GLU, .attn = mla, .ffn_dense = 3ull * 7168 * 18432,
                      .norms = 2 * 7168 + 1536 + 512, .d_ff = 18432};
    fx_layer moe = {.ffn = LX_FFN_MOE, .attn = mla, .experts = 256ull * 3 * 7168 * 2048, .shared = 3ull * 7168 * 2048,
                    .router = 256ull * 7168 + 256, .norms = 2 * 7168 + 1536 + 512};
    fx_group(&c, 0, 2, &dense);
    fx_group(&c, 3, 60, &moe);
    for (int i = 0; i < 3; i++) a->layer_bits[i] |= LX_LAYER_DENSE;
    fx_finish(&c, 129280ull * 7168, 0, 129280ull * 7168, 7168);
}

static void fx_gemma2_9b(lx_arch *a)
{
    fx_base(a, "Gemma 2 9B", "gemma2", 42, 3584, 16, 8, 256, 256000, 8192);
    a->pos.rope_theta = 10000;
    a->norm.placement = LX_NORM_SANDWICH;
    snprintf(a->ffn.activation, sizeof a->ffn.activation, "gelu_pytorch_tanh");
    a->ffn.d_ff = a->hp.d_ff = 14336;
    a->attn.sliding_window = 4096;
    a->attn.n_sliding_layers = 21;
    a->attn.softcap = 50;
    a->final_softcap = 30;
    a->tied = true;
    for (int i = 0; i < 42; i += 2) a->layer_bits[i] |= LX_LAYER_SLIDING;
    fx_ctx c = {a, FX_BF16, FX_BF16};
    fx_layer l = {.ffn = LX_FFN_GLU, .attn = gqa_params(3584, 16, 8, 256), .ffn_dense = 3ull * 3584 * 14336,
                  .norms = 4 * 3584, .d_ff = 14336};
    fx_group(&c, 0, 41, &l);
    fx_finish(&c, 256000ull * 3584, 0, 0, 3584);
}

static void fx_stories_q8(lx_arch *a)
{
    fx_base(a, "stories260K (Q8_0)", "llama", 5, 64, 8, 4, 8, 512, 512);
    a->format = LX_FMT_GGUF;
    a->pos.rope_theta = 10000;
    a->ffn.d_ff = a->hp.d_ff = 172;
    a->tied = true;
    fx_ctx c = {a, FX_Q8_0, FX_F32};
    fx_layer l = {.ffn = LX_FFN_GLU, .attn = gqa_params(64, 8, 4, 8), .ffn_dense = 3ull * 64 * 172, .norms = 2 * 64,
                  .d_ff = 172};
    fx_group(&c, 0, 4, &l);
    fx_finish(&c, 512ull * 64, 0, 0, 64);
}

static const char *const NAMES[FX_COUNT] = {
    "llama31-8b", "gpt2", "mixtral-8x7b", "deepseek-v3", "gemma2-9b", "stories-q8", "hostile",
};

const char *fx_name(fx_model m) { return m < FX_COUNT ? NAMES[m] : "?"; }

void fx_arch(fx_model m, lx_arch *out)
{
    switch (m) {
    case FX_LLAMA31_8B: fx_llama31_8b(out, "Llama 3.1 8B", "llama"); break;
    case FX_GPT2: fx_gpt2(out); break;
    case FX_MIXTRAL: fx_mixtral(out); break;
    case FX_DEEPSEEK_V3: fx_deepseek_v3(out); break;
    case FX_GEMMA2_9B: fx_gemma2_9b(out); break;
    case FX_STORIES_Q8: fx_stories_q8(out); break;
    case FX_HOSTILE: fx_llama31_8b(out, FX_HOSTILE_NAME, "ll<b>ama\x07"); break;
    case FX_COUNT: memset(out, 0, sizeof *out); break;
    }
}

void fx_arch_free(lx_arch *a)
{
    free(a->groups);
    a->groups = NULL;
    a->n_groups = 0;
}
