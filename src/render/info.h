/* render/info — the architecture model as a readable summary and as JSON (`llmxray info`).
 *
 * Input: a built lx_arch. Output: text appended to an lx_buf (the caller writes it).
 * The JSON keys are a contract documented in docs/json.md; numbers are exact integers,
 * output is deterministic. Strings from the model file are escaped (lx_buf_put_json /
 * lx_buf_put_term). Owns nothing.
 */
#ifndef LX_RENDER_INFO_H
#define LX_RENDER_INFO_H

#include "model/arch.h"
#include "util/buf.h"

void lx_info_text(const lx_arch *a, lx_buf *out);
void lx_info_json(const lx_arch *a, lx_buf *out);
/* render/info_towers: the vision encoder, projector and MTP section of the text; the value
 * of JSON "vision" (an object, or null without a vision encoder). */
void lx_info_text_towers(const lx_arch *a, lx_buf *out);
void lx_info_json_vision(const lx_arch *a, lx_buf *out);
/* The value of JSON "audio": the audio encoder (Gemma 4's Conformer), or null. */
void lx_info_json_audio(const lx_arch *a, lx_buf *out);

#endif
