/* infer/pool — see pool.h.
 *
 * A job is published by bumping `gen` (a release store after fn and ctx are set); a worker
 * that sees a new generation runs its share and decrements `pending`; the last one wakes
 * the caller if it went to sleep. Sleeping on either side happens only under `mu`, and the
 * state it waits for is re-checked under `mu`, so no wake-up is lost. */
#include "infer/pool.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#define MAX_THREADS 64
#define SPINS 20000 /* polls before sleeping: some tens of microseconds */

typedef struct worker {
    struct lx_pool *pool;
    int share;
    pthread_t th;
} worker;

struct lx_pool {
    int n;                  /* threads in all, the caller included */
    lx_pool_fn fn;
    void *ctx;
    atomic_uint gen;        /* job counter */
    atomic_int pending;     /* workers still on the current job */
    atomic_bool stop;
    atomic_bool caller_sleeps;
    pthread_mutex_t mu;
    pthread_cond_t wake, done;
    worker w[MAX_THREADS];
};

static void relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

int lx_pool_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
}

/* Waits for a generation other than seen (or stop); returns it. */
static unsigned next_job(lx_pool *p, unsigned seen)
{
    for (int i = 0; i < SPINS; i++) {
        unsigned g = atomic_load_explicit(&p->gen, memory_order_acquire);
        if (g != seen || atomic_load(&p->stop)) return g;
        relax();
    }
    pthread_mutex_lock(&p->mu);
    unsigned g;
    while ((g = atomic_load(&p->gen)) == seen && !atomic_load(&p->stop)) pthread_cond_wait(&p->wake, &p->mu);
    pthread_mutex_unlock(&p->mu);
    return g;
}

static void *work(void *arg)
{
    worker *w = arg;
    lx_pool *p = w->pool;
    unsigned seen = 0;
    for (;;) {
        seen = next_job(p, seen);
        if (atomic_load(&p->stop)) return NULL;
        p->fn(p->ctx, w->share, p->n);
        if (atomic_fetch_sub(&p->pending, 1) == 1 && atomic_load(&p->caller_sleeps)) {
            pthread_mutex_lock(&p->mu);
            pthread_cond_signal(&p->done);
            pthread_mutex_unlock(&p->mu);
        }
    }
}

lx_pool *lx_pool_new(int n_threads)
{
    if (n_threads < 1) n_threads = lx_pool_cpus();
    if (n_threads > MAX_THREADS) n_threads = MAX_THREADS;
    lx_pool *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->wake, NULL);
    pthread_cond_init(&p->done, NULL);
    p->n = 1;
    for (int i = 1; i < n_threads; i++) {
        p->w[i] = (worker){p, i, 0};
        if (pthread_create(&p->w[i].th, NULL, work, &p->w[i]) != 0) break;
        p->n = i + 1;
    }
    return p;
}

void lx_pool_free(lx_pool *p)
{
    if (!p) return;
    pthread_mutex_lock(&p->mu);
    atomic_store(&p->stop, true);
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->mu);
    for (int i = 1; i < p->n; i++) pthread_join(p->w[i].th, NULL);
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->wake);
    pthread_cond_destroy(&p->done);
    free(p);
}

int lx_pool_size(const lx_pool *p) { return p ? p->n : 1; }

void lx_pool_run(lx_pool *p, lx_pool_fn fn, void *ctx)
{
    if (!p || p->n == 1) {
        fn(ctx, 0, 1);
        return;
    }
    p->fn = fn, p->ctx = ctx;
    atomic_store(&p->pending, p->n - 1);
    pthread_mutex_lock(&p->mu); /* a worker between its last check and its wait holds mu */
    atomic_fetch_add_explicit(&p->gen, 1, memory_order_release);
    pthread_cond_broadcast(&p->wake);
    pthread_mutex_unlock(&p->mu);
    fn(ctx, 0, p->n);
    for (int i = 0; i < SPINS && atomic_load(&p->pending) > 0; i++) relax();
    if (atomic_load(&p->pending) == 0) return;
    pthread_mutex_lock(&p->mu);
    atomic_store(&p->caller_sleeps, true);
    while (atomic_load(&p->pending) > 0) pthread_cond_wait(&p->done, &p->mu);
    atomic_store(&p->caller_sleeps, false);
    pthread_mutex_unlock(&p->mu);
}
