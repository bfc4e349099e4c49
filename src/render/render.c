/* render/render — see render.h. */
#include "render/render.h"

#include <stdlib.h>

/* Index of the last descendant of each element (itself when it has none). */
static void last_descendants(const lx_scene *s, int *last)
{
    for (int i = 0; i < s->n; i++) last[i] = i;
    for (int i = 0; i < s->n; i++)
        for (int p = s->els[i].parent, guard = 0; p >= 0 && p < i && guard < s->n; p = s->els[p].parent, guard++)
            if (last[p] < i) last[p] = i;
}

/* Closes every open element whose descendants end before i. */
static int close_until(const lx_scene *s, const lx_render_ops *ops, void *ctx, int *stack, int depth, const int *last,
                       int i)
{
    while (depth > 0 && last[stack[depth - 1]] < i) {
        depth--;
        if (ops->close) ops->close(ctx, s, stack[depth]);
    }
    return depth;
}

void lx_render_walk(const lx_scene *s, const lx_render_ops *ops, void *ctx)
{
    int *last = malloc(sizeof *last * (size_t)(s->n ? s->n : 1));
    int *stack = malloc(sizeof *stack * (size_t)(s->n ? s->n : 1));
    if (!last || !stack) { /* no nesting information: draw flat */
        for (int i = 0; i < s->n; i++) if (ops->draw[s->els[i].type]) ops->draw[s->els[i].type](ctx, s, i);
        free(last);
        free(stack);
        return;
    }
    last_descendants(s, last);
    int depth = 0;
    for (int i = 0; i < s->n; i++) {
        depth = close_until(s, ops, ctx, stack, depth, last, i);
        if (last[i] > i) {
            if (ops->open) ops->open(ctx, s, i);
            stack[depth++] = i;
        }
        if (ops->draw[s->els[i].type]) ops->draw[s->els[i].type](ctx, s, i);
    }
    close_until(s, ops, ctx, stack, depth, last, s->n);
    free(last);
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
