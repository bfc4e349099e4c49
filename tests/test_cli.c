/* Tests the command line as a tool (cli/opts, cli/docgen): help for every command lists
 * every option of its table; `help X`, `X --help` and `X -h` agree; --version and
 * `version`; "did you mean" for mistyped options; exactly one line per usage error;
 * --opt=value and --; the man page and the completion scripts in the tree are what the
 * binary generates now, the man page renders without a groff warning, the scripts are
 * valid bash and zsh, and bash completion completes commands, options, option values and
 * catalogue names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "cli/opts.h"
#include "draw_support.h"
#include "render/formats.h"
#include "util/text.h"

typedef struct cli_run {
    int code;
    lx_buf out, err;
} cli_run;

static void run(const char *args, cli_run *r)
{
    lx_buf_init(&r->out);
    lx_buf_init(&r->err);
    r->code = lx_test_cli(LX_BINARY, LX_TMP_DIR, "cli.stderr", args, &r->out, &r->err);
}

static void run_free(cli_run *r)
{
    lx_buf_free(&r->out);
    lx_buf_free(&r->err);
}

static int lines(const char *s)
{
    int n = 0;
    for (; *s; s++) n += *s == '\n';
    return n;
}

/* ---- help ---- */

static void test_help_lists_every_command_and_option(void **state)
{
    (void)state;
    cli_run top;
    run("help", &top);
    assert_int_equal(top.code, 0);
    for (size_t i = 0; i < lx_cli_n_commands; i++) {
        const lx_cli_cmd *c = lx_cli_commands[i];
        char line[160];
        snprintf(line, sizeof line, "\n  %-9s %s\n", c->name, c->summary);
        assert_non_null(strstr(lx_buf_cstr(&top.out), line));
        char args[96];
        snprintf(args, sizeof args, "help %s", c->name);
        cli_run h, l, s;
        run(args, &h);
        snprintf(args, sizeof args, "%s --help", c->name);
        run(args, &l);
        snprintf(args, sizeof args, "%s -h", c->name);
        run(args, &s);
        assert_int_equal(h.code, 0);
        assert_int_equal(l.code, 0);
        assert_int_equal(s.code, 0);
        assert_string_equal(lx_buf_cstr(&h.out), lx_buf_cstr(&l.out));
        assert_string_equal(lx_buf_cstr(&h.out), lx_buf_cstr(&s.out));
        assert_int_equal(h.err.len + l.err.len + s.err.len, 0);
        for (int g = 0; g < LX_CLI_MAX_GROUPS && c->groups[g].opts; g++)
            for (size_t k = 0; k < c->groups[g].n; k++) {
                const lx_cli_opt *o = &c->groups[g].opts[k];
                if (!strstr(lx_buf_cstr(&h.out), o->name) || !strstr(lx_buf_cstr(&h.out), o->help))
                    fail_msg("'llmxray help %s' does not describe %s", c->name, o->name);
            }
        run_free(&h);
        run_free(&l);
        run_free(&s);
    }
    run_free(&top);
}

static void test_draw_help_lists_the_formats(void **state)
{
    (void)state;
    cli_run r;
    run("draw --help", &r);
    for (size_t i = 0; i < lx_formats_count(); i++) {
        const lx_out_format *f = lx_formats_at(i);
        char row[160];
        snprintf(row, sizeof row, "  %-8s .%-5s %s\n", f->name, f->ext, f->what);
        if ((f->products & LX_PRODUCT_DIAGRAM) != (strstr(lx_buf_cstr(&r.out), row) != NULL))
            fail_msg("draw --help and the formats table disagree on %s", f->name);
    }
    run_free(&r);
    run("inside --help", &r);
    assert_non_null(strstr(lx_buf_cstr(&r.out), "  png      .png   "));
    assert_null(strstr(lx_buf_cstr(&r.out), "  mermaid  "));
    run_free(&r);
}

static void test_version(void **state)
{
    (void)state;
    cli_run a, b;
    run("--version", &a);
    run("version", &b);
    assert_int_equal(a.code, 0);
    assert_int_equal(b.code, 0);
    char want[64];
    snprintf(want, sizeof want, "%s\n", lx_cli_version());
    assert_string_equal(lx_buf_cstr(&a.out), want);
    assert_string_equal(lx_buf_cstr(&b.out), want);
    assert_memory_equal(want, "llmxray 0.", 10);
    run_free(&a);
    run_free(&b);
}

/* ---- errors ---- */

static void expect_error(const char *args, const char *line)
{
    cli_run r;
    run(args, &r);
    if (r.code != 2 || strcmp(lx_buf_cstr(&r.err), line))
        fail_msg("llmxray %s: exit %d, stderr '%s' (expected 2 and '%s')", args, r.code, lx_buf_cstr(&r.err), line);
    assert_int_equal(r.out.len, 0);
    run_free(&r);
}

static void test_edit_distance(void **state)
{
    (void)state;
    assert_int_equal(lx_text_distance("draw", "drwa"), 1); /* a transposition is one edit */
    assert_int_equal(lx_text_distance("kitten", "sitting"), 3);
    assert_int_equal(lx_text_distance("", "abc"), 3);
    assert_int_equal(lx_text_distance("--THEME", "--theme"), 0);
    assert_int_equal(lx_text_distance("ca", "abc"), 3);
    char long_name[80];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[79] = '\0';
    assert_int_equal(lx_text_distance(long_name, "x"), SIZE_MAX);
    assert_true(lx_text_is_typo(1, 4));
    assert_false(lx_text_is_typo(2, 4));
    assert_false(lx_text_is_typo(4, 20));
}

static void test_did_you_mean(void **state)
{
    (void)state;
    expect_error("draw llama-3.1-8b --them dark", "llmxray: draw: unknown option '--them' (did you mean --theme?)\n");
    expect_error("draw llama-3.1-8b --formt=svg", "llmxray: draw: unknown option '--formt=svg' (did you mean --format?)\n");
    expect_error("run m.gguf --thread 2", "llmxray: run: unknown option '--thread' (did you mean --threads?)\n");
    expect_error("inside m.gguf --promt hi", "llmxray: inside: unknown option '--promt' (did you mean --prompt?)\n");
    expect_error("info --jsn x", "llmxray: info: unknown option '--jsn' (did you mean --json?)\n");
    expect_error("list --hepl", "llmxray: list: unknown option '--hepl' (did you mean --help?)\n");
    expect_error("draw x --bogus", "llmxray: draw: unknown option '--bogus' (see 'llmxray help draw')\n");
    expect_error("insde m.gguf", "llmxray: unknown command 'insde' (did you mean inside?)\n");
    expect_error("help drwa", "llmxray: help: no command 'drwa' (did you mean draw?)\n");
}

static void test_one_line_per_error(void **state)
{
    (void)state;
    const char *bad[] = {
        "draw", "draw x --bogus", "draw x -o", "draw a b", "draw x --ascii=yes", "draw x --scale 9",
        "info", "info a b", "list extra", "run", "run m.gguf -n many", "inside m.gguf", "inside m.gguf -o x.jpeg",
        "help nope", "--bogus", "--completion fish", "version now", "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cli_run r;
        run(bad[i], &r);
        if (r.code != 2 || lines(lx_buf_cstr(&r.err)) != 1 || strncmp(lx_buf_cstr(&r.err), "llmxray: ", 9))
            fail_msg("llmxray %s: exit %d, stderr '%s' (expected 2 and one line)", bad[i], r.code, lx_buf_cstr(&r.err));
        run_free(&r);
    }
    expect_error("draw x --ascii=yes", "llmxray: draw: --ascii takes no value (got 'yes')\n");
    expect_error("list extra", "llmxray: list: unexpected argument 'extra' (it takes none)\n");
    expect_error("draw x -o", "llmxray: draw: -o needs a value (FILE)\n");
}

static void test_value_forms_and_double_dash(void **state)
{
    (void)state;
    cli_run a, b;
    run("draw llama-3.1-8b --format=mermaid -o -", &a);
    run("draw -f mermaid -o - -- llama-3.1-8b", &b);
    assert_int_equal(a.code, 0);
    assert_int_equal(b.code, 0);
    assert_non_null(strstr(a.out.data, "\n---\nflowchart TB\n")); /* after the front matter */
    assert_string_equal(lx_buf_cstr(&a.out), lx_buf_cstr(&b.out));
    run_free(&a);
    run_free(&b);
}

/* ---- generated files ---- */

static void expect_current(const char *args, const char *file)
{
    cli_run r;
    run(args, &r);
    assert_int_equal(r.code, 0);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", LX_SOURCE_DIR, file);
    lx_buf want;
    lx_buf_init(&want);
    assert_true(lx_test_read_file(path, &want));
    if (want.len != r.out.len || memcmp(want.data, r.out.data, want.len))
        fail_msg("%s is not what 'llmxray %s' prints (run scripts/regen-golden.sh)", file, args);
    lx_buf_free(&want);
    run_free(&r);
}

static void test_generated_files_are_current(void **state)
{
    (void)state;
    expect_current("--man", "docs/llmxray.1");
    expect_current("--completion bash", "completions/llmxray.bash");
    expect_current("--completion zsh", "completions/_llmxray");
}

static void test_man_page_renders_cleanly(void **state)
{
    (void)state;
    lx_buf out;
    lx_buf_init(&out);
    int rc = lx_test_run("groff -man -Tutf8 -ww -z '" LX_SOURCE_DIR "/docs/llmxray.1' 2>&1", &out);
    if (rc != 0 || out.len) fail_msg("groff: exit %d: %s", rc, lx_buf_cstr(&out));
    out.len = 0;
    assert_int_equal(lx_test_run("groff -man -Tutf8 -P-cbou '" LX_SOURCE_DIR "/docs/llmxray.1' 2>/dev/null", &out), 0);
    const char *text = lx_buf_cstr(&out);
    assert_non_null(strstr(text, "LLMXRAY(1)"));
    assert_non_null(strstr(text, "llmxray draw MODEL"));
    assert_non_null(strstr(text, "\"×")); /* a non-ASCII character reaches the page ("× N", justified) */
    assert_null(strstr(text, "[u00D7]"));
    assert_non_null(strstr(text, "EXIT STATUS"));
    lx_buf_free(&out);
}

static void test_completion_scripts_parse(void **state)
{
    (void)state;
    lx_buf out;
    lx_buf_init(&out);
    assert_int_equal(lx_test_run("bash -n '" LX_SOURCE_DIR "/completions/llmxray.bash' 2>&1", &out), 0);
    assert_int_equal(lx_test_run("zsh -n '" LX_SOURCE_DIR "/completions/_llmxray' 2>&1", &out), 0);
    assert_int_equal(out.len, 0);
    lx_buf_free(&out);
}

/* What bash completion offers for the words (the last one being completed), in an empty
 * folder (so no file names are offered). */
static void complete(const char *words, const char *want)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s/complete' && cd '%s/complete' && bash -c 'source \"%s/completions/llmxray.bash\"; COMP_WORDS=(%s); "
             "COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _llmxray; echo \"${COMPREPLY[*]}\"'",
             LX_TMP_DIR, LX_TMP_DIR, LX_SOURCE_DIR, words);
    lx_buf out;
    lx_buf_init(&out);
    assert_int_equal(lx_test_run(cmd, &out), 0);
    if (strcmp(lx_buf_cstr(&out), want)) fail_msg("completing (%s): '%s' (expected '%s')", words, lx_buf_cstr(&out), want);
    lx_buf_free(&out);
}

static void test_bash_completes(void **state)
{
    (void)state;
    complete("llmxray ins", "inside\n");
    complete("llmxray draw llama-3.1-8b --the", "--theme\n");
    complete("llmxray draw x --theme \"\"", "light dark\n");
    complete("llmxray draw x -f m", "mermaid\n");
    complete("llmxray compare a b -f \"\"", "svg png pdf txt json html\n");
    complete("llmxray draw mixtral-8x", "mixtral-8x7b mixtral-8x22b\n");
    complete("llmxray deepseek-v3 --asc", "--ascii\n");
    complete("llmxray run x --max", "--max-memory\n");
    complete("llmxray help dr", "draw\n");
    complete("llmxray --completion z", "zsh\n");
    complete("llmxray info /dev/nul", "/dev/null\n");
    complete("llmxray draw x -o /dev/nul", "/dev/null\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_lists_every_command_and_option),
        cmocka_unit_test(test_draw_help_lists_the_formats),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_edit_distance),
        cmocka_unit_test(test_did_you_mean),
        cmocka_unit_test(test_one_line_per_error),
        cmocka_unit_test(test_value_forms_and_double_dash),
        cmocka_unit_test(test_generated_files_are_current),
        cmocka_unit_test(test_man_page_renders_cleanly),
        cmocka_unit_test(test_completion_scripts_parse),
        cmocka_unit_test(test_bash_completes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
