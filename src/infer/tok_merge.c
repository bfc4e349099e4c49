/* infer/tok_merge — see tok_merge.h. */
#include "infer/tok_merge.h"

#include <stdlib.h>

typedef struct cand {
    double prio;
    size_t pos;      /* start of the left symbol: ties go to the leftmost */
    int32_t a, b, id;
} cand;

static bool better(const cand *x, const cand *y) { return x->prio < y->prio || (x->prio == y->prio && x->pos < y->pos); }

static void swap(cand *x, cand *y)
{
    cand t = *x;
    *x = *y, *y = t;
}

static void heap_push(cand *h, size_t *n, cand c)
{
    size_t i = (*n)++;
    h[i] = c;
    while (i && better(&h[i], &h[(i - 1) / 2])) swap(&h[i], &h[(i - 1) / 2]), i = (i - 1) / 2;
}

static cand heap_pop(cand *h, size_t *n)
{
    cand top = h[0];
    h[0] = h[--*n];
    for (size_t i = 0;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < *n && better(&h[l], &h[m])) m = l;
        if (r < *n && better(&h[r], &h[m])) m = r;
        if (m == i) break;
        swap(&h[i], &h[m]), i = m;
    }
    return top;
}

static void try_pair(lx_tok_node *nodes, int32_t a, int32_t b, lx_tok_pair_fn pair, const void *ctx, cand *h, size_t *n)
{
    double prio;
    int32_t id;
    if (a < 0 || b < 0 || !pair(ctx, &nodes[a], &nodes[b], &prio, &id)) return;
    heap_push(h, n, (cand){prio, nodes[a].start, a, b, id});
}

int32_t lx_tok_merge_all(lx_tok_node *nodes, size_t n, lx_tok_pair_fn pair, const void *ctx, bool *oom)
{
    *oom = false;
    if (n == 0) return -1;
    cand *h = malloc(3 * n * sizeof *h); /* n - 1 pairs at first, two more per merge */
    if (!h) { *oom = true; return -1; }
    size_t hn = 0, total = n;
    int32_t first = 0;
    for (size_t i = 0; i + 1 < n; i++) try_pair(nodes, (int32_t)i, (int32_t)i + 1, pair, ctx, h, &hn);
    while (hn) {
        cand c = heap_pop(h, &hn);
        lx_tok_node *a = &nodes[c.a], *b = &nodes[c.b];
        if (a->dead || b->dead || a->next != c.b) continue; /* one side was merged already */
        int32_t m = (int32_t)total++;
        nodes[m] = (lx_tok_node){a->start, a->len + b->len, c.id, c.a, c.b, a->prev, b->next, false};
        a->dead = b->dead = true;
        if (nodes[m].prev >= 0) nodes[nodes[m].prev].next = m;
        else first = m;
        if (nodes[m].next >= 0) nodes[nodes[m].next].prev = m;
        try_pair(nodes, nodes[m].prev, m, pair, ctx, h, &hn);
        try_pair(nodes, m, nodes[m].next, pair, ctx, h, &hn);
    }
    free(h);
    return first;
}
