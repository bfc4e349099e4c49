/* infer/pool — a fixed set of worker threads, started once per run state and reused for
 * every matrix product, so a product costs a wake-up, not a thread start.
 *
 * Stage: inference. Input: a job (a function and its context). Output: whatever the job
 * writes. Owns its threads, joined by lx_pool_free.
 *
 * lx_pool_run hands the job to every worker and runs share 0 on the calling thread; it
 * returns when all shares are done (a barrier). Workers spin briefly for the next job (the
 * matrix products of one layer follow each other within microseconds), then sleep on a
 * condition variable, so an idle pool costs no CPU.
 */
#ifndef LX_INFER_POOL_H
#define LX_INFER_POOL_H

#include <stddef.h>

typedef struct lx_pool lx_pool;

/* Share `share` of `n_shares` of a job. */
typedef void (*lx_pool_fn)(void *ctx, int share, int n_shares);

/* n_threads in all, the caller included; below 1: the online CPUs (lx_pool_cpus). A thread
 * that cannot start leaves a smaller pool (never fewer than the caller alone). NULL when out
 * of memory. */
lx_pool *lx_pool_new(int n_threads);
void lx_pool_free(lx_pool *p);
int lx_pool_size(const lx_pool *p);

/* Runs fn(ctx, i, n) for every i < n = lx_pool_size(p) and returns when all are done. Not
 * reentrant: one job at a time, from one thread. */
void lx_pool_run(lx_pool *p, lx_pool_fn fn, void *ctx);

/* The online CPUs (at least 1, at most 64). */
int lx_pool_cpus(void);

#endif
