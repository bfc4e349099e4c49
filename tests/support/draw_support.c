/* tests/support/draw_support — see draw_support.h. */
#include "draw_support.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "layout/arch_layout.h"
#include "layout/check.h"
#include "layout/describe.h"
#include "open/source.h"

const char *__lsan_default_suppressions(void);
__attribute__((weak)) const char *__lsan_default_suppressions(void) { return "leak:libfontconfig.so\n"; }
const char *__lsan_default_options(void);
__attribute__((weak)) const char *__lsan_default_options(void) { return "print_suppressions=0"; }

void lx_test_draw_init(void) {}

int lx_test_layout_arch(const lx_arch *a, lx_measure *m, lx_scene *s, lx_buf *violations)
{
    lx_err err = {0};
    lx_scene_init(s, m);
    lx_desc *d = lx_desc_build(a, &err);
    if (!d) { lx_buf_printf(violations, "describe: %s\n", err.msg); return -1; }
    lx_status st = lx_layout_arch(d, s, &err);
    lx_desc_free(d);
    if (st != LX_OK) { lx_buf_printf(violations, "layout: %s\n", err.msg); return -1; }
    return lx_check_scene(s, violations);
}

bool lx_test_open_arch(const char *what, lx_source *src, lx_arch *a)
{
    lx_err err = {0};
    if (lx_source_open(what, src, &err) != LX_OK) { fprintf(stderr, "%s: %s\n", what, err.msg); return false; }
    if (lx_arch_build(src, a, &err) != LX_OK) {
        fprintf(stderr, "%s: %s\n", what, err.msg);
        lx_source_free(src);
        return false;
    }
    return true;
}

bool lx_test_read_file(const char *path, lx_buf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) lx_buf_put(b, chunk, n);
    fclose(f);
    return lx_buf_ok(b);
}

int lx_test_run(const char *cmd, lx_buf *out)
{
    FILE *p = popen(cmd, "r");
    if (!p) return -1;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0) if (out) lx_buf_put(out, chunk, n);
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int lx_test_cli(const char *binary, const char *tmp_dir, const char *stderr_name, const char *args, lx_buf *out,
                lx_buf *err)
{
    char errfile[512], cmd[4096];
    snprintf(errfile, sizeof errfile, "%s/%s", tmp_dir, stderr_name);
    snprintf(cmd, sizeof cmd, "NO_COLOR= '%s' %s 2>'%s'", binary, args, errfile);
    int rc = lx_test_run(cmd, out);
    if (err) lx_test_read_file(errfile, err);
    return rc;
}

int lx_test_mermaid_parse(const char *source_dir, const char *files, lx_buf *out)
{
    char dir[1024], probe[2400], cmd[8192];
    snprintf(dir, sizeof dir, "%s/tests/node/mermaid", source_dir);
    snprintf(probe, sizeof probe, "command -v node >/dev/null && test -d '%s/node_modules/mermaid' && "
                                  "test -d '%s/node_modules/jsdom'", dir, dir);
    if (lx_test_run(probe, NULL) != 0) return -2;
    snprintf(cmd, sizeof cmd, "node '%s/parse.mjs' %s 2>&1", dir, files);
    return lx_test_run(cmd, out);
}

int lx_test_dot_svg(const char *dot_file, const char *svg_file, lx_buf *out)
{
    char cmd[2400];
    snprintf(cmd, sizeof cmd, "dot -Tsvg '%s' -o '%s' 2>&1", dot_file, svg_file);
    return lx_test_run(cmd, out);
}

void lx_test_tmp_path(char *out, size_t cap, const char *tmp_dir, const char *name)
{
    snprintf(out, cap, "%s/%s", tmp_dir, name);
    unlink(out);
}
