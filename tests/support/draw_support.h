/* tests/support/draw_support — helpers shared by the draw tests (layout, render, CLI).
 *
 * Linking this file also installs the LeakSanitizer hook that ignores fontconfig's
 * configuration-parser allocations (kept until exit, reported inside libfontconfig), so
 * tests that measure text with pango stay ASan-clean. Call lx_test_draw_init() once so
 * the object is linked.
 * Ownership: returned strings and scenes belong to the caller.
 */
#ifndef LX_TESTS_DRAW_SUPPORT_H
#define LX_TESTS_DRAW_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "layout/scene.h"
#include "model/arch.h"
#include "util/buf.h"

void lx_test_draw_init(void);

/* describe + layout of a into s (initialised here with m); checker messages appended to
 * violations; returns the number of violations, or -1 when describing or layout failed. */
int lx_test_layout_arch(const lx_arch *a, lx_measure *m, lx_scene *s, lx_buf *violations);

/* Opens a model (catalogue name or path) and builds its arch; false with a message on stderr. */
bool lx_test_open_arch(const char *what, lx_source *src, lx_arch *a);

/* Reads a whole file into b; false when it cannot. */
bool lx_test_read_file(const char *path, lx_buf *b);

/* Runs a shell command; its stdout into out (may be NULL), returns its exit status or -1. */
int lx_test_run(const char *cmd, lx_buf *out);
/* Runs the llmxray binary with ARGS (shell words; NO_COLOR set empty): stdout into *out and
 * stderr into *err when given (each may be NULL); returns the exit code. STDERR_NAME names the
 * scratch file in LX_TMP_DIR that holds stderr, one per test program. */
int lx_test_cli(const char *binary, const char *tmp_dir, const char *stderr_name, const char *args, lx_buf *out,
                lx_buf *err);
/* Parses the Mermaid files (shell words, quoted by the caller) with the mermaid package
 * (tests/node/mermaid/parse.mjs under source_dir, installed by scripts/install-deps.sh);
 * its report into out. Returns its exit status (0 all parsed, 1 some did not), or -2 when
 * node or the package is not installed (the caller skips). */
int lx_test_mermaid_parse(const char *source_dir, const char *files, lx_buf *out);
/* Runs Graphviz: dot -Tsvg DOT_FILE -o SVG_FILE; stderr appended to out. Its exit status. */
int lx_test_dot_svg(const char *dot_file, const char *svg_file, lx_buf *out);

/* TMP_DIR/NAME into out, the file removed first. */
void lx_test_tmp_path(char *out, size_t cap, const char *tmp_dir, const char *name);

#endif
