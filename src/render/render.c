/* render/render — see render.h. */
#include "render/render.h"

#include <stdlib.h>

/* The scene as a tree: first[i] is element i's first child and next[i] its next sibling (in
 * index order), -1 none; index n stands for the root. A parent that does not come before its
 * child (or is out of range) makes the child a root, so the tree has no cycle. */
static void build_tree(const lx_scene *s, int *first, int *next)
{
    for (int i = 0; i <= s->n; i++) first[i] = next[i] = -1;
    for (int i = s->n - 1; i >= 0; i--) {
        int p = s->els[i].parent;
        if (p < 0 || p >= i) p = s->n;
        next[i] = first[p];
        first[p] = i;
    }
}

static void draw_one(const lx_scene *s, const lx_render_ops *ops, void *ctx, int i)
{
    if (ops->draw[s->els[i].type]) ops->draw[s->els[i].type](ctx, s, i);
}

/* Depth first: an element, then its descendants, then its next sibling. An element added to a
 * group after others that are not in it (compare's difference marks) is still drawn inside that
 * group, and those others outside it. */
static void walk_tree(const lx_scene *s, const lx_render_ops *ops, void *ctx, const int *first, const int *next,
                      int *stack)
{
    int depth = 0, i = first[s->n];
    while (i >= 0) {
        if (first[i] >= 0 && ops->open) ops->open(ctx, s, i);
        draw_one(s, ops, ctx, i);
        if (first[i] >= 0) {
            stack[depth++] = i;
            i = first[i];
            continue;
        }
        while (next[i] < 0 && depth > 0) {
            i = stack[--depth];
            if (ops->close) ops->close(ctx, s, i);
        }
        i = next[i];
    }
}

void lx_render_walk(const lx_scene *s, const lx_render_ops *ops, void *ctx)
{
    size_t n = (size_t)s->n + 1;
    int *first = malloc(sizeof *first * n), *next = malloc(sizeof *next * n), *stack = malloc(sizeof *stack * n);
    if (first && next && stack) {
        build_tree(s, first, next);
        walk_tree(s, ops, ctx, first, next, stack);
    } else { /* no room for the tree: draw flat */
        for (int i = 0; i < s->n; i++) draw_one(s, ops, ctx, i);
    }
    free(first);
    free(next);
    free(stack);
}

lx_rgb lx_render_fill(const lx_theme *t, const lx_el *e)
{
    const lx_kind_colors *k = &t->kind[e->kind < LX_KIND_COUNT ? e->kind : LX_KIND_OTHER];
    switch (e->type) {
    case LX_EL_GROUP: return t->group;
    case LX_EL_PANEL: return t->panel;
    case LX_EL_BADGE: return t->badge;
    case LX_EL_CIRCLE: return e->u.circle.glyph == LX_GLYPH_DOT ? t->ink[LX_INK_LINE] : t->circle_fill;
    case LX_EL_BOX:
        if (e->flags & LX_F_STRONG) return k->strong;
        return lx_rgb_mix(t->background, k->fill, e->alpha);
    default: return lx_rgb_mix(t->background, k->strong, e->alpha);
    }
}

lx_rgb lx_render_stroke(const lx_theme *t, const lx_el *e)
{
    if (e->type == LX_EL_GROUP || (e->type == LX_EL_PANEL && e->kind == LX_KIND_NEUTRAL)) return t->group_stroke;
    if (e->type == LX_EL_CIRCLE) return t->ink[LX_INK_LINE];
    return t->kind[e->kind < LX_KIND_COUNT ? e->kind : LX_KIND_OTHER].stroke;
}

lx_rgb lx_render_ink(const lx_theme *t, const lx_el *e)
{
    return lx_theme_ink(t, e->ink, e->kind);
}
