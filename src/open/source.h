/* open/source — the dispatcher above read/ and model/: turns what the user named (a file, a
 * folder, a config.json, a catalogue name, a remote name) into an lx_source (model/source):
 * hyper-parameters plus, when the input has them, real tensors.
 *
 * Dispatch: catalogue name (model/catalogue) -> *.gguf (read/gguf + model/hp_gguf) ->
 * *.safetensors or model.safetensors.index.json (read/safetensors) -> a folder holding
 * config.json (model/hp_config, plus its safetensors when present) -> a *.json config.
 * Remote names (hf:ORG/NAME, http(s):// URLs, and ORG/NAME when no such path exists) go to
 * open/remote.
 *
 * Ownership: the lx_source filled owns everything; lx_source_free (model/source) frees all.
 */
#ifndef LX_OPEN_SOURCE_H
#define LX_OPEN_SOURCE_H

#include "model/source.h"
#include "util/err.h"

lx_status lx_source_open(const char *what, lx_source *src, lx_err *err);
/* Same, with settings for remote names (open/remote; NULL = lx_remote_defaults()). */
struct lx_remote_opts;
lx_status lx_source_open_with(const char *what, const struct lx_remote_opts *remote, lx_source *src,
                              lx_err *err);

#endif
