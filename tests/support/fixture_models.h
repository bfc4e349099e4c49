/* tests/support/fixture_models — small random-weight GGUF models of each family the engine
 * runs, with llama.cpp's tensor names and keys, for checking forward passes against
 * llama.cpp (test support, not product).
 *
 * Stage: test fixtures. Input: a family name, the vocab-only GGUF whose tokenizer.* keys are
 * copied in, an output path. Output: a GGUF file of F32 tensors whose weights come from a
 * fixed-seed generator, so the same call always writes the same bytes (the numbers in
 * tests/data/infer/ were recorded by llama.cpp on exactly these files). Owns nothing.
 */
#ifndef LX_TESTS_FIXTURE_MODELS_H
#define LX_TESTS_FIXTURE_MODELS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lx_fx_family {
    const char *name;   /* fixture name: "gpt2", "qwen2", "qwen3", "llama-bpe" */
    const char *arch;   /* general.architecture */
    const char *vocab;  /* file in shared/models/vocab-only/ */
} lx_fx_family;

size_t lx_fx_n_families(void);
const lx_fx_family *lx_fx_family_at(size_t i); /* NULL past the end */

/* Writes the fixture of the family named `name` to out_path, its tokenizer copied from
 * vocab_dir/<vocab file>. "NAME-mixq" is the same model with its layer matrices quantized,
 * each in one of Q4_1, Q5_0, Q5_1, IQ4_NL and MXFP4 (fixture_models.c, MIXQ); "NAME-q4_1",
 * "-q5_0", "-q5_1", "-q8_0", "-iq4_nl", "-mxfp4" with all of them in that one type;
 * "NAME-kq" 8 times wider (d_model 256, d_ff 512) with its layer matrices and embedding in
 * Q2_K, Q3_K, Q5_K and IQ4_XS (MIXQ_K); "NAME-linear", "NAME-yarn", "NAME-longrope" and
 * "NAME-longrope-short" the same weights with the rope.scaling.* keys (and longrope's factor
 * tensors) llama.cpp's converter writes for that type (fixture_models.c, SCALED); "NAME-dynamic"
 * with a type the engine refuses; "NAME-swa" the same weights with attention.sliding_window 4
 * (a suffix before the others: "phi3-swa"). False (message on stderr) on any failure. */
bool lx_fx_model_write(const char *name, const char *vocab_dir, const char *out_path);
/* The same model with every weight passed through round (e.g. to BF16 precision), so a
 * file of another storage type can hold exactly these values. */
bool lx_fx_model_write_rounded(const char *name, const char *vocab_dir, const char *out_path, float (*round)(float));
/* The same with a rope_freqs.weight tensor of n_freqs F32 values after the others, as
 * llama.cpp's converter writes Llama 3's RoPE frequency factors (NULL: none). */
bool lx_fx_model_write_rope_freqs(const char *name, const char *vocab_dir, const char *out_path, float (*round)(float),
                                  const float *rope_freqs, size_t n_freqs);

#endif
