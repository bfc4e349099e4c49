/* Tests `make install` and the public API as another program sees it: installs this build
 * into a scratch prefix (cmake --install, what `make install PREFIX=...` runs), checks that
 * the binary, both libraries, the header, the pkg-config file, the man page and both
 * completions are there, compiles a small program against the installed library with
 * `pkg-config --cflags --libs llmxray` (shared) and once against libllmxray.a (static, its
 * dependencies — the file's Requires.private — linked shared, as Debian ships them),
 * runs both and compares their output with the exact counts and messages (0.3: a greedy
 * session on stories260K, whose ids are llama2.c's in ../shared/reference), then uninstalls
 * (cmake/uninstall.cmake, what `make uninstall` runs) and checks the files are gone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "draw_support.h"

#define PREFIX LX_TMP_DIR "/install"
#define PCPATH "PKG_CONFIG_PATH='" PREFIX "/lib/pkgconfig' "

static const char *const INSTALLED[] = {
    "bin/llmxray", "lib/libllmxray.a", "lib/libllmxray.so", "include/llmxray.h", "lib/pkgconfig/llmxray.pc",
    "share/man/man1/llmxray.1", "share/bash-completion/completions/llmxray", "share/zsh/site-functions/_llmxray",
};
#define N_INSTALLED (sizeof INSTALLED / sizeof INSTALLED[0])

static const char PROGRAM[] =
    "#include <stdio.h>\n"
    "#include <string.h>\n"
    "#include <llmxray.h>\n"
    "static int show(void *ctx, const llmxray_token *t) { (void)ctx; printf(\" %d\", (int)t->id); return 0; }\n"
    "int main(void) {\n"
    "    char err[512];\n"
    "    llmxray_model *m = NULL;\n"
    "    if (llmxray_open(\"llama-3.1-8b\", &m, err, sizeof err) != LLMXRAY_OK) { puts(err); return 1; }\n"
    "    llmxray_counts c = {.size = sizeof c};\n"
    "    if (llmxray_model_counts(m, &c) != LLMXRAY_OK) return 1;\n"
    "    printf(\"%s (%s): %llu parameters, %u layers, d_model %u, %u/%u heads, KV %llu B/token\\n\",\n"
    "           llmxray_model_name(m), llmxray_model_family(m), (unsigned long long)c.params_total, c.n_layers,\n"
    "           c.d_model, c.n_heads, c.n_kv_heads, (unsigned long long)c.kv_cache_per_token);\n"
    "    char *out = NULL; size_t len = 0;\n"
    "    if (llmxray_render(m, \"mermaid\", NULL, &out, &len, err, sizeof err) != LLMXRAY_OK) { puts(err); return 1; }\n"
    "    printf(\"mermaid: %.12s, %d bytes\\n\", strstr(out, \"flowchart TB\"), len == strlen(out));\n"
    "    llmxray_free(out);\n"
    "    printf(\"gif: %d %s\\n\", llmxray_render(m, \"gif\", NULL, &out, &len, err, sizeof err), err);\n"
    "    llmxray_close(m);\n"
    "    printf(\"missing: %d %s\\n\", llmxray_open(\"/nonexistent/x.gguf\", &m, err, sizeof err), err);\n"
    "    llmxray_open_opts oo = {.size = sizeof oo, .offline = 1};\n"
    "    if (llmxray_open_ex(\"llama-3.1-8b\", &oo, &m, err, sizeof err) != LLMXRAY_OK) { puts(err); return 1; }\n"
    "    if (llmxray_model_info(m, \"json\", &out, &len, err, sizeof err) != LLMXRAY_OK) { puts(err); return 1; }\n"
    "    printf(\"info: %.22s, %d\\n\", out, len == strlen(out));\n"
    "    llmxray_free(out);\n"
    "    printf(\"info yaml: %d %s\\n\", llmxray_model_info(m, \"yaml\", &out, &len, err, sizeof err), err);\n"
    "    llmxray_close(m);\n"
    "    oo.size = 1;\n"
    "    printf(\"small opts: %d %s\\n\", llmxray_open_ex(\"llama-3.1-8b\", &oo, &m, err, sizeof err), err);\n"
    "    size_t n = llmxray_catalogue_count(), i = 0;\n"
    "    llmxray_catalogue_entry e = {.size = sizeof e};\n"
    "    while (i < n && llmxray_catalogue_entry_at(i, &e) == LLMXRAY_OK && strcmp(e.slug, \"llama-3.1-8b\")) i++;\n"
    "    if (llmxray_catalogue_open(i, &m, err, sizeof err) != LLMXRAY_OK) { puts(err); return 1; }\n"
    "    if (llmxray_model_counts(m, &c) != LLMXRAY_OK) return 1;\n"
    "    printf(\"catalogue: %s, %llu parameters\\n\", e.name, (unsigned long long)c.params_total);\n"
    "    llmxray_close(m);\n"
    "    printf(\"past the end: %d\\n\", llmxray_catalogue_open(n, &m, err, sizeof err));\n"
    "    llmxray_format f = {.size = sizeof f};\n"
    "    int fs = llmxray_format_find(\"out.SVG\", 1, LLMXRAY_FOR_DIAGRAM, &f);\n"
    "    printf(\"format: %d %s .%s binary %d\\n\", fs, f.name, f.ext, f.binary);\n"
    "    llmxray_session *s = NULL;\n"
    "    if (llmxray_session_open(\"" LX_SHARED_DIR "/models/stories260K.gguf\", NULL, &s, err, sizeof err)) { puts(err); return 1; }\n"
    "    int32_t *ids = NULL; size_t k = 0, done = 0;\n"
    "    if (llmxray_tokenize(llmxray_session_tokenizer(s), \"Once upon a time\", 16, LLMXRAY_TOKENIZE_BOS_IF_ASKED, &ids, &k,\n"
    "                         err, sizeof err) || llmxray_session_start(s, ids, k, 5, err, sizeof err)) { puts(err); return 1; }\n"
    "    printf(\"session: %zu prompt tokens, greedy\", k);\n"
    "    if (llmxray_generate(s, 5, NULL, show, NULL, &done, err, sizeof err)) { puts(err); return 1; }\n"
    "    printf(\" (%zu)\\n\", done);\n"
    "    llmxray_free(ids);\n"
    "    llmxray_session_close(s);\n"
    "    printf(\"session missing: %d %s\\n\", llmxray_session_open(\"/nonexistent/x.gguf\", NULL, &s, err, sizeof err), err);\n"
    "    printf(\"version %s\\n\", llmxray_version());\n"
    "    return 0;\n"
    "}\n";

static const char EXPECTED[] =
    "Llama 3.1 8B (llama): 8030261248 parameters, 32 layers, d_model 4096, 32/8 heads, KV 131072 B/token\n"
    "mermaid: flowchart TB, 1 bytes\n"
    "gif: 2 unknown format 'gif' (expected svg, png, pdf, txt, json, mermaid, dot or html)\n"
    "missing: 3 /nonexistent/x.gguf: cannot open: No such file or directory\n"
    "info: {\"name\":\"Llama 3.1 8B\", 1\n"
    "info yaml: 2 unknown info format 'yaml' (expected text or json)\n"
    "small opts: 2 llmxray_open_opts.size is 1 (expected 32)\n"
    "catalogue: Llama 3.1 8B, 8030261248 parameters\n"
    "past the end: 2\n"
    "format: 0 svg .svg binary 0\n"
    "session: 5 prompt tokens, greedy 432 383 286 261 376 (5)\n"
    "session missing: 3 /nonexistent/x.gguf: cannot open: No such file or directory\n"
    "version 0.3.0\n";

static bool exists(const char *rel)
{
    char path[1024];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", PREFIX, rel);
    return stat(path, &st) == 0;
}

static void sh(const char *cmd)
{
    lx_buf out;
    lx_buf_init(&out);
    int rc = lx_test_run(cmd, &out);
    if (rc != 0) fail_msg("%s: exit %d\n%s", cmd, rc, lx_buf_cstr(&out));
    lx_buf_free(&out);
}

static void run_program(const char *exe)
{
    lx_buf out;
    lx_buf_init(&out);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "ASAN_OPTIONS=detect_leaks=0 '%s'", exe);
    assert_int_equal(lx_test_run(cmd, &out), 0);
    assert_string_equal(lx_buf_cstr(&out), EXPECTED);
    lx_buf_free(&out);
}

static void test_install_build_and_uninstall(void **state)
{
    (void)state;
    sh("rm -rf '" PREFIX "' && cmake --install '" LX_BUILD_DIR "' --prefix '" PREFIX "' >/dev/null 2>&1");
    for (size_t i = 0; i < N_INSTALLED; i++)
        if (!exists(INSTALLED[i])) fail_msg("make install did not install %s", INSTALLED[i]);
    lx_buf src;
    lx_buf_init(&src);
    lx_buf_puts(&src, PROGRAM);
    char msg[256];
    assert_true(lx_buf_write_file(&src, PREFIX "/prog.c", msg, sizeof msg));
    lx_buf_free(&src);
    const char *san = LX_SANITIZE ? "-fsanitize=address,undefined " : "";
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s-std=c17 -Wall -Wextra -Werror prog.c -o prog_shared "
                              "$(" PCPATH "pkg-config --cflags --libs llmxray) -Wl,-rpath,'%s/lib' 2>&1",
             PREFIX, LX_C_COMPILER, san, PREFIX);
    sh(cmd);
    run_program(PREFIX "/prog_shared");
    snprintf(cmd, sizeof cmd, "cd '%s' && '%s' %s-std=c17 prog.c -o prog_static $(" PCPATH "pkg-config --cflags llmxray) "
                              "lib/libllmxray.a $(" PCPATH "pkg-config --libs $(" PCPATH "pkg-config --print-requires-private llmxray)) "
                              "-lm -pthread 2>&1",
             PREFIX, LX_C_COMPILER, san);
    sh(cmd);
    run_program(PREFIX "/prog_static");
    lx_buf ldd;
    lx_buf_init(&ldd);
    assert_int_equal(lx_test_run("ldd '" PREFIX "/prog_static'", &ldd), 0);
    assert_null(strstr(lx_buf_cstr(&ldd), "libllmxray"));
    ldd.len = 0;
    assert_int_equal(lx_test_run("ldd '" PREFIX "/prog_shared'", &ldd), 0);
    assert_non_null(strstr(lx_buf_cstr(&ldd), PREFIX "/lib/libllmxray.so.0"));
    lx_buf_free(&ldd);
    sh("cmake -DMANIFEST='" LX_BUILD_DIR "/install_manifest.txt' -P '" LX_SOURCE_DIR "/cmake/uninstall.cmake' >/dev/null");
    for (size_t i = 0; i < N_INSTALLED; i++)
        if (exists(INSTALLED[i])) fail_msg("make uninstall left %s", INSTALLED[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_install_build_and_uninstall),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
