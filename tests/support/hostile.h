/* tests/support/hostile — test support for hostile-input tests (not product code).
 *
 * Stage: test support. Input: a table of named hostile cases (each writes one broken file
 * or folder) and the path of the llmxray executable. Output: cmocka assertions that every
 * case fails cleanly, both through the library reader and through the CLI.
 *
 * Running the CLI (lx_hx_exec): fork + exec of the executable with stdin from /dev/null and
 * stdout/stderr captured into anonymous temporary files (no pipe can fill up and block).
 * The child may be given an address-space cap (setrlimit RLIMIT_AS, which is what the
 * shell's `ulimit -v` sets) and a wall-clock limit: a child still running at the limit is
 * killed (SIGKILL) and reported as timed out, so a hang fails the test instead of the suite.
 *
 * "Fails cleanly" (lx_hx_expect_clean_failure): the expected exit code (1 for a malformed
 * model), no signal, nothing on stdout, and exactly one line on stderr that starts with
 * "llmxray: PATH: ", then "offset N: " or "line L:C: ", and contains every expected fragment
 * (searched after the path, so a file name cannot satisfy it). In sanitizer builds this also
 * catches leaks and memory errors on the error paths: LeakSanitizer's report is more stderr
 * and another exit code.
 *
 * Memory caps do not mix with AddressSanitizer (it reserves terabytes of shadow address
 * space at start-up, so any RLIMIT_AS below that makes the executable abort before main):
 * lx_hx_sanitized() says whether this build uses it, and tests skip the capped runs then.
 *
 * Ownership: an lx_hx_run owns its captured output (lx_hx_run_free). Case tables are static
 * data owned by the test file.
 */
#ifndef LX_TESTS_HOSTILE_H
#define LX_TESTS_HOSTILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define LX_HX_MAX_WORDS 6
#define LX_HX_TIMEOUT_S 60          /* wall-clock limit per CLI run (sanitized builds are slow) */
#define LX_HX_MEM_CAP (256ull << 20) /* address-space cap for the capped runs: 256 MiB */

typedef struct lx_hx_run {
    int code;        /* exit code; -1 when killed by a signal, timed out or not started */
    int signal;      /* signal that ended it, 0 none */
    bool timed_out;
    char *out, *err; /* captured stdout / stderr, NUL-terminated */
    size_t out_len, err_len;
    long max_rss_kb; /* the child's peak resident set (wait4), 0 when unknown */
} lx_hx_run;

/* Runs argv[0] with argv (NULL-terminated). as_limit: address-space cap in bytes, 0 none.
 * False (with r->code -1) only when the run could not be started or captured. */
bool lx_hx_exec(const char *const *argv, uint64_t as_limit, unsigned timeout_s, lx_hx_run *r);
void lx_hx_run_free(lx_hx_run *r);

/* True when this build uses AddressSanitizer (compile-time check), or when the environment
 * sets LX_NO_MEMCAP (for builds whose sanitizer flags the check cannot see). */
bool lx_hx_sanitized(void);

/* One hostile case. make writes the file (or folder) at dir/name; the reader under test opens
 * dir/name + open_suffix and must return code (LX_ERR_MODEL unless the case says otherwise)
 * with a one-line message "PATH: offset N: ..." or "PATH: line L:C: ..." (PATH = dir/name +
 * msg_suffix, or the opened path) that contains every fragment of words. */
typedef struct lx_hx_case {
    const char *name;  /* unique; also the file name inside the test's scratch folder */
    bool (*make)(const char *path);
    const char *words[LX_HX_MAX_WORDS]; /* NULL-terminated (unused slots are NULL) */
    lx_status code;    /* 0 means LX_ERR_MODEL */
    const char *open_suffix; /* appended to the case's path to form what is opened, or NULL */
    const char *msg_suffix;  /* appended to the case's path to form the path the message
                                names, or NULL for the opened path */
} lx_hx_case;

/* A reader under test: reads path, fills err, returns its status; frees what it read. */
typedef lx_status (*lx_hx_reader)(const char *path, lx_err *err);

/* out = dir + "/" + c->name + suffix (suffix may be NULL). */
void lx_hx_case_path(const char *dir, const lx_hx_case *c, const char *suffix, char *out, size_t cap);
/* Builds every case's file under dir (which is created), once. */
void lx_hx_build_all(const lx_hx_case *cases, size_t n, const char *dir);
/* Checks the reader fails on case c as the case says (file already built under dir).
 * On a mismatch prints what is wrong (cmocka print_error) and returns false, so a test can
 * check every case and then fail once with the number of bad cases. */
bool lx_hx_check_reader(const lx_hx_case *c, const char *dir, lx_hx_reader read);
/* Checks that `BINARY info PATH` fails cleanly with exit code = the case's code, the same
 * fragments, within the time limit, with as_limit (0 none) as address-space cap. */
bool lx_hx_check_cli(const char *binary, const lx_hx_case *c, const char *dir, uint64_t as_limit);
/* Checks every case (all of them, printing each mismatch) and then asserts none was wrong. */
void lx_hx_expect_readers(const lx_hx_case *cases, size_t n, const char *dir, lx_hx_reader read);
void lx_hx_expect_clis(const char *binary, const lx_hx_case *cases, size_t n, const char *dir, uint64_t as_limit);
/* Asserts r is a clean failure with exit code `code` naming msg_path and holding words. */
void lx_hx_expect_clean_failure(const lx_hx_run *r, int code, const char *msg_path,
                                const char *const *words);

/* Memory bound (issue 5): `BINARY info PATH` ends without a signal (exit 0 or 1) and its peak
 * resident set is at most factor x header_bytes + LX_HX_MEM_BASE. Meaningless under
 * AddressSanitizer (shadow memory, quarantine): callers skip when lx_hx_sanitized(). */
#define LX_HX_MEM_BASE (64ull << 20)
void lx_hx_expect_memory(const char *binary, const char *path, uint64_t header_bytes, unsigned factor);

/* Small file helpers (false on any I/O error). */
/* A one-layer Llama GGUF (width 32, 4 heads, FFN 64, vocabulary 16, F32) whose
 * general.architecture is arch and general.name name, with the extra tensor extra_tensor (4
 * floats; a hostile name) and the string keys kv[0..n_kv) ({key, value} pairs) added. */
bool lx_hx_write_tiny_llama(const char *path, const char *arch, const char *name, const char *extra_tensor,
                            const char *const (*kv)[2], size_t n_kv);
bool lx_hx_mkdirs(const char *path);       /* mkdir -p */
bool lx_hx_write_text(const char *path, const char *text);
char *lx_hx_slurp(const char *path, size_t *len); /* malloc'd, NUL-terminated; NULL on error */
/* Writes `prefix`, then `n` copies of byte `fill`, then `suffix` (streamed, for big files). */
bool lx_hx_write_repeat(const char *path, const char *prefix, char fill, uint64_t n,
                        const char *suffix);

#endif
