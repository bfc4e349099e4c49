/* fuzz/fuzz_draw — libFuzzer target: the whole path of `llmxray draw` on a GGUF: bytes ->
 * source (read/gguf + model/hp_gguf) -> architecture (model/arch) -> `info` outputs ->
 * diagram description (layout/describe) -> laid-out scene (layout/arch_layout, text measured
 * with pango) -> geometry check (layout/check) -> SVG (render/svg); and the text diagram
 * (render/term), narrow, in ASCII and in colour. One lx_measure is kept
 * for the process (pango start-up is slow; its string cache is bounded by the inputs). */
#include <stddef.h>
#include <stdint.h>

#include "fuzz_util.h"
#include "layout/arch_layout.h"
#include "layout/check.h"
#include "layout/describe.h"
#include "layout/measure.h"
#include "layout/scene.h"
#include "render/svg.h"
#include "render/term.h"
#include "render/theme.h"

/* fontconfig (loaded by pango) keeps what it allocates while parsing its configuration until
 * exit; LeakSanitizer would report that as a leak of the first input (the CLI suppresses it
 * the same way, in cli/cmd_draw.c). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\n"; }

static lx_measure *fz_measure(void)
{
    static lx_measure *m;
    lx_err err = { 0 };
    if (!m && lx_measure_new(&m, &err) != LX_OK) m = NULL;
    return m;
}

static void fz_draw(const lx_arch *a, lx_measure *m)
{
    lx_err err = { 0 };
    lx_desc *d = lx_desc_build(a, &err);
    if (!d) return;
    lx_buf t;
    lx_buf_init(&t);
    lx_term_opts narrow = { .width = LX_TERM_MIN_WIDTH, .ascii = true, .color = false, .theme = LX_THEME_LIGHT };
    lx_term_opts wide = { .width = 100, .ascii = false, .color = true, .theme = LX_THEME_DARK };
    (void)lx_term_render(d, &narrow, &t, &err);
    (void)lx_term_render(d, &wide, &t, &err);
    lx_buf_free(&t);
    lx_scene s;
    lx_scene_init(&s, m);
    if (lx_layout_arch(d, &s, &err) == LX_OK) {
        lx_buf b;
        lx_buf_init(&b);
        (void)lx_check_scene(&s, &b);
        (void)lx_svg_render(&s, lx_theme_get(LX_THEME_LIGHT), &b, &err);
        lx_buf_free(&b);
    }
    lx_scene_free(&s);
    lx_desc_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lx_measure *m = fz_measure();
    lx_source src;
    lx_err err = { 0 };
    if (!m || lx_source_open(fz_memfile(data, size), &src, &err) != LX_OK) return 0;
    lx_arch a;
    if (fz_arch_info(&src, &a)) {
        fz_draw(&a, m);
        lx_arch_free(&a);
    }
    lx_source_free(&src);
    return 0;
}
