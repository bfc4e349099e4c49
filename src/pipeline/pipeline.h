/* pipeline — the one driver above the stages: what the user named -> lx_source (open/)
 * -> lx_arch (model/) -> lx_desc and lx_scene (layout/) -> bytes (render/, through the
 * formats table render/formats).
 *
 * Stage: above all the others; the public API (src/api/) calls it, and no stage
 * below calls back up. A format's row decides the path: description back ends (text,
 * Mermaid, DOT) take the description, scene back ends (SVG, PNG, PDF, JSON) take the
 * laid-out scene, and the poster's data back end takes the traced run as it is.
 *
 * Ownership: everything a call creates (source, architecture, description, measure
 * context, scene) is freed before it returns; the caller owns the output buffer and
 * writes it where it wants (the CLI atomically).
 */
#ifndef LX_PIPELINE_PIPELINE_H
#define LX_PIPELINE_PIPELINE_H

#include "infer/inside.h"
#include "layout/measure.h"
#include "model/arch.h"
#include "render/formats.h"
#include "util/buf.h"
#include "util/err.h"

/* The architecture diagram of a built architecture model in format f. */
lx_status lx_pipeline_diagram(const lx_arch *a, const lx_out_format *f, const lx_render_opts *o, lx_buf *out,
                              lx_err *err);

/* Opens what the user named (file, folder, config, catalogue name, remote name with the
 * remote options, NULL for the defaults), builds its architecture model and draws it: the
 * whole of `llmxray draw` but the writing. */
struct lx_remote_opts;
lx_status lx_pipeline_draw(const char *what, const struct lx_remote_opts *remote, const lx_out_format *f,
                           const lx_render_opts *o, lx_buf *out, lx_err *err);

/* Opens what the user named, builds its architecture model and hands it to fn (then frees
 * both): for commands that do more than one thing with a model (gallery). */
typedef lx_status (*lx_pipeline_arch_fn)(const lx_arch *a, void *ctx, lx_err *err);
lx_status lx_pipeline_with_arch(const char *what, const struct lx_remote_opts *remote, lx_pipeline_arch_fn fn,
                                void *ctx, lx_err *err);

/* The gallery's two files of one model from one layout: the diagram as SVG (the thumbnail,
 * theme o->theme) into svg and the interactive page into html. m is the caller's measure
 * context, reused from model to model. */
lx_status lx_pipeline_gallery_pages(const lx_arch *a, lx_measure *m, const lx_render_opts *o, lx_buf *svg,
                                    lx_buf *html, lx_err *err);

/* The `inside` poster (or its data form) of a traced run of the GGUF at path: the spine is
 * the architecture the run itself read (in->arch); the file is not opened again. */
lx_status lx_pipeline_poster(const lx_inside *in, const char *path, const lx_out_format *f, const lx_render_opts *o,
                             lx_buf *out, lx_err *err);

/* Lays out the poster of a run into s (initialised, empty), the spine from in->arch; tests
 * use it to look at the scene. */
lx_status lx_pipeline_poster_scene(const lx_inside *in, const char *path, lx_scene *s, lx_err *err);

#endif
