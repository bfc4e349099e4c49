/* render/flow — see flow.h. One walk over the description (walk_*) calls one table of
 * syntax functions per output language (MERMAID, DOT). Edges are collected apart and
 * written after every node and subgraph: in Mermaid an edge written inside a subgraph
 * would pull its nodes into that subgraph. */
#include "render/flow.h"

#include <stdio.h>
#include <string.h>

#include "render/scene_json.h"
#include "render/theme.h"

typedef enum shape { SH_BOX, SH_PILL, SH_CIRCLE, SH_POINT, SH_NOTE, SH_TITLE } shape;
typedef enum edge_style { E_DATA, E_RESIDUAL, E_ZOOM, E_HIDDEN } edge_style;

#define MAX_LINES 8

typedef struct flow flow;

typedef struct syntax_ops {
    void (*begin)(flow *f, const lx_desc *d);
    void (*node)(flow *f, const char *id, lx_kind k, shape sh, const char *const *lines, int n);
    /* cluster: the subgraph the edge points into (zoom edges), NULL none */
    void (*edge)(flow *f, const char *a, const char *b, edge_style st, const char *cluster);
    void (*open)(flow *f, const char *id, const char *const *lines, int n);
    void (*close)(flow *f);
    void (*end)(flow *f);
} syntax_ops;

struct flow {
    lx_buf *b;        /* nodes and subgraphs */
    lx_buf edges;     /* written at the end */
    const syntax_ops *ops;
    lx_flow_syntax syn;
    const lx_theme *t;
    int depth;
    bool used[LX_KIND_COUNT];
    bool used_note, used_title;
    lx_buf styles;    /* Mermaid: one style line per subgraph, written at the end */
    char tails[2][48]; /* where the next spine step is joined from */
    int n_tails;
    char fork[48];     /* the last residual fork, "" none */
};

/* ---- escaping ---- */

void lx_flow_put_text(lx_buf *b, lx_flow_syntax syntax, const char *s)
{
    lx_buf clean;
    lx_buf_init(&clean);
    lx_buf_put_term(&clean, s);
    for (const char *c = lx_buf_cstr(&clean); *c; c++) {
        if (syntax == LX_FLOW_MERMAID) {
            switch (*c) {
            case '"': lx_buf_puts(b, "#quot;"); break;
            case '#': lx_buf_puts(b, "#35;"); break;
            case '&': lx_buf_puts(b, "#amp;"); break;
            case '<': lx_buf_puts(b, "#lt;"); break;
            case '>': lx_buf_puts(b, "#gt;"); break;
            case '`': lx_buf_puts(b, "#96;"); break;
            default: lx_buf_putc(b, *c);
            }
        } else {
            switch (*c) {
            case '"': lx_buf_puts(b, "\\\""); break;
            case '\\': lx_buf_puts(b, "\\\\"); break;
            case '&': lx_buf_puts(b, "&amp;"); break;
            default: lx_buf_putc(b, *c);
            }
        }
    }
    lx_buf_free(&clean);
}

static void put_lines(flow *f, lx_buf *b, const char *const *lines, int n)
{
    for (int i = 0; i < n; i++) {
        if (i) lx_buf_puts(b, f->syn == LX_FLOW_MERMAID ? "<br/>" : "\\n");
        lx_flow_put_text(b, f->syn, lines[i]);
    }
}

static void indent(flow *f)
{
    for (int i = 0; i <= f->depth; i++) lx_buf_puts(f->b, "    ");
}

/* Mermaid class names: the scene JSON's kind names (render/scene_json). */
static const char *kind_class(lx_kind k) { return lx_scene_kind_name(k); }

/* ---- Mermaid ---- */

/* Front matter: wider labels than Mermaid's default 200 px before it wraps. */
static void mm_begin(flow *f, const lx_desc *d)
{
    (void)d;
    lx_buf_puts(f->b, "---\nconfig:\n  flowchart:\n    wrappingWidth: 320\n---\nflowchart TB\n");
}

static void mm_node(flow *f, const char *id, lx_kind k, shape sh, const char *const *lines, int n)
{
    static const char *const OPEN[] = {"[\"", "([\"", "((\"", "((\"", "[\"", "[\""};
    static const char *const CLOSE[] = {"\"]", "\"])", "\"))", "\"))", "\"]", "\"]"};
    indent(f);
    lx_buf_printf(f->b, "%s%s", id, OPEN[sh]);
    put_lines(f, f->b, lines, n);
    const char *cls = sh == SH_NOTE ? "note" : sh == SH_TITLE ? "title" : kind_class(k);
    lx_buf_printf(f->b, "%s:::%s\n", CLOSE[sh], cls);
    if (sh == SH_NOTE) f->used_note = true;
    else if (sh == SH_TITLE) f->used_title = true;
    else f->used[k] = true;
}

static void mm_edge(flow *f, const char *a, const char *b, edge_style st, const char *cluster)
{
    static const char *const ARROW[] = {"-->", "-->|residual|", "-.->|inside|", "~~~"};
    lx_buf_printf(&f->edges, "    %s %s %s\n", a, ARROW[st], cluster ? cluster : b);
}

static void mm_open(flow *f, const char *id, const char *const *lines, int n)
{
    indent(f);
    lx_buf_printf(f->b, "subgraph %s[\"", id);
    put_lines(f, f->b, lines, n);
    lx_buf_puts(f->b, "\"]\n");
    /* layer groups dashed like the picture's containers, insets solid like its panels */
    lx_buf_printf(&f->styles, "    style %s fill:#F6F8FA,stroke:#8C959F%s\n", id, id[0] == 'b' ? ",stroke-dasharray:6 4" : "");
    f->depth++;
    indent(f);
    lx_buf_puts(f->b, "direction TB\n");
}

static void mm_close(flow *f)
{
    f->depth--;
    indent(f);
    lx_buf_puts(f->b, "end\n");
}

static void mm_end(flow *f)
{
    lx_buf_put(f->b, f->edges.data, f->edges.len);
    lx_buf_put(f->b, f->styles.data, f->styles.len);
    if (f->used_title) lx_buf_puts(f->b, "    classDef title fill:#FFFFFF,stroke:#FFFFFF,color:#1f2328,font-weight:bold\n");
    if (f->used_note) lx_buf_puts(f->b, "    classDef note fill:#FFFFFF,stroke:#8C959F,stroke-dasharray:3 3,color:#57606a\n");
    for (int k = 0; k < LX_KIND_COUNT; k++) {
        if (!f->used[k]) continue;
        char fill[8], stroke[8];
        lx_rgb_hex(f->t->kind[k].fill, fill);
        lx_rgb_hex(f->t->kind[k].stroke, stroke);
        lx_buf_printf(f->b, "    classDef %s fill:%s,stroke:%s,color:#1f2328\n", kind_class((lx_kind)k), fill, stroke);
    }
}

static const syntax_ops MERMAID = {mm_begin, mm_node, mm_edge, mm_open, mm_close, mm_end};

/* ---- DOT ---- */

static void dot_begin(flow *f, const lx_desc *d)
{
    const char *title[4] = {d->name, d->subtitle[0], d->subtitle[1], d->subtitle[2]};
    int n = 1;
    while (n < 4 && title[n][0]) n++;
    lx_buf_puts(f->b, "digraph llmxray {\n    graph [rankdir=TB, compound=true, newrank=true, nodesep=0.3, "
                      "ranksep=0.3, fontname=\"DejaVu Sans\", fontsize=14, labelloc=t, label=\"");
    put_lines(f, f->b, title, n);
    lx_buf_puts(f->b, "\"];\n    node [fontname=\"DejaVu Sans\", fontsize=11, margin=\"0.15,0.06\"];\n"
                      "    edge [fontname=\"DejaVu Sans\", fontsize=9, color=\"#57606a\"];\n");
}

static void dot_node(flow *f, const char *id, lx_kind k, shape sh, const char *const *lines, int n)
{
    static const char *const SHAPE[] = {
        "shape=box, style=filled", "shape=box, style=\"rounded,filled\"", "shape=circle, style=filled, margin=0",
        "shape=point, width=0.09", "shape=note, style=filled", "shape=plaintext",
    };
    char fill[8], stroke[8];
    lx_rgb_hex(f->t->kind[k].fill, fill);
    lx_rgb_hex(f->t->kind[k].stroke, stroke);
    indent(f);
    lx_buf_printf(f->b, "\"%s\" [%s, fillcolor=\"%s\", color=\"%s\", label=\"", id, SHAPE[sh], fill,
                  sh == SH_POINT ? "#57606a" : stroke);
    put_lines(f, f->b, lines, n);
    lx_buf_puts(f->b, "\"];\n");
}

static void dot_edge(flow *f, const char *a, const char *b, edge_style st, const char *cluster)
{
    static const char *const STYLE[] = {"", " [style=dashed, label=\"residual\"]",
                                        " [style=dotted, label=\"inside\", lhead=\"cluster_%s\"]", " [style=invis]"};
    lx_buf_printf(&f->edges, "    \"%s\" -> \"%s\"", a, b);
    lx_buf_printf(&f->edges, STYLE[st], cluster ? cluster : "");
    lx_buf_puts(&f->edges, ";\n");
}

static void dot_open(flow *f, const char *id, const char *const *lines, int n)
{
    indent(f);
    lx_buf_printf(f->b, "subgraph \"cluster_%s\" {\n", id);
    f->depth++;
    indent(f);
    lx_buf_puts(f->b, "style=\"dashed,rounded\"; color=\"#8c959f\"; labeljust=l; label=\"");
    put_lines(f, f->b, lines, n);
    lx_buf_puts(f->b, "\";\n");
}

static void dot_close(flow *f)
{
    f->depth--;
    indent(f);
    lx_buf_puts(f->b, "}\n");
}

static void dot_end(flow *f)
{
    lx_buf_put(f->b, f->edges.data, f->edges.len);
    lx_buf_puts(f->b, "}\n");
}

static const syntax_ops DOT = {dot_begin, dot_node, dot_edge, dot_open, dot_close, dot_end};

/* ---- the walk ---- */

/* "prefix_" + the description's id made safe for both syntaxes ([A-Za-z0-9_]). */
static void make_id(char *out, size_t cap, const char *prefix, const char *id)
{
    int n = snprintf(out, cap, "%s_", prefix);
    for (const char *c = id; *c && n >= 0 && (size_t)n + 1 < cap; c++) {
        bool ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9');
        out[n++] = ok ? *c : '_';
    }
    if (n >= 0 && (size_t)n < cap) out[n] = '\0';
}

/* A card's lines: "title · figure", subtitles, badge. */
static int card_lines(const lx_desc_card *c, char *first, size_t cap, const char **lines)
{
    if (c->figure[0]) snprintf(first, cap, "%s · %s", c->title, c->figure);
    else snprintf(first, cap, "%s", c->title);
    int n = 0;
    lines[n++] = first;
    for (int i = 0; i < LX_DESC_MAX_SUB; i++)
        if (c->sub[i][0]) lines[n++] = c->sub[i];
    if (c->badge[0]) lines[n++] = c->badge;
    return n;
}

static void card_node(flow *f, const char *id, const lx_desc_card *c)
{
    char first[200];
    const char *lines[MAX_LINES];
    int n = card_lines(c, first, sizeof first, lines);
    f->ops->node(f, id, c->kind, c->pill ? SH_PILL : SH_BOX, lines, n);
}

/* Joins every tail to id and makes id the only tail. */
static void join(flow *f, const char *id)
{
    for (int i = 0; i < f->n_tails; i++) f->ops->edge(f, f->tails[i], id, E_DATA, NULL);
    snprintf(f->tails[0], sizeof f->tails[0], "%s", id);
    f->n_tails = 1;
}

static void spine_cards(flow *f, const lx_desc_card *cards, int n)
{
    for (int i = 0; i < n; i++) {
        char id[48];
        make_id(id, sizeof id, "s", cards[i].id);
        card_node(f, id, &cards[i]);
        join(f, id);
    }
}

static void step_id(char *out, size_t cap, int block, int step, bool second, const lx_desc_card *c)
{
    char prefix[24];
    snprintf(prefix, sizeof prefix, "b%d_%d%s", block, step, second ? "b" : "");
    make_id(out, cap, prefix, c->id[0] ? c->id : "step");
}

static void walk_step(flow *f, int bi, int si, const lx_desc_step *st)
{
    char id[48], id2[48];
    static const char *const PLUS[] = {"⊕"}, *const FORK[] = {"•"};
    switch (st->type) {
    case LX_STEP_FORK:
        snprintf(id, sizeof id, "b%d_%d_fork", bi, si);
        f->ops->node(f, id, LX_KIND_NEUTRAL, SH_POINT, FORK, 1);
        join(f, id);
        snprintf(f->fork, sizeof f->fork, "%s", id);
        break;
    case LX_STEP_ADD:
        snprintf(id, sizeof id, "b%d_%d_add", bi, si);
        f->ops->node(f, id, LX_KIND_NEUTRAL, SH_CIRCLE, PLUS, 1);
        join(f, id);
        if (f->fork[0]) f->ops->edge(f, f->fork, id, E_RESIDUAL, NULL);
        f->fork[0] = '\0';
        break;
    case LX_STEP_PAIR:
        step_id(id, sizeof id, bi, si, false, &st->card);
        step_id(id2, sizeof id2, bi, si, true, &st->card2);
        card_node(f, id, &st->card);
        card_node(f, id2, &st->card2);
        for (int i = 0; i < f->n_tails; i++) {
            f->ops->edge(f, f->tails[i], id, E_DATA, NULL);
            f->ops->edge(f, f->tails[i], id2, E_DATA, NULL);
        }
        snprintf(f->tails[0], sizeof f->tails[0], "%s", id);
        snprintf(f->tails[1], sizeof f->tails[1], "%s", id2);
        f->n_tails = 2;
        break;
    default:
        step_id(id, sizeof id, bi, si, false, &st->card);
        card_node(f, id, &st->card);
        join(f, id);
    }
}

static void walk_block(flow *f, int bi, const lx_desc_block *b)
{
    char id[16], label[sizeof b->caption + sizeof b->badge + 8];
    snprintf(id, sizeof id, "b%d", bi);
    snprintf(label, sizeof label, "%s · %s", b->caption, b->badge);
    const char *lines[1] = {label};
    f->ops->open(f, id, lines, 1);
    for (int s = 0; s < b->n_steps; s++) walk_step(f, bi, s, &b->steps[s]);
    f->ops->close(f);
}

/* ---- insets: parts and their data flow ---- */

enum { P_IN = -1, P_MUL = -2, P_SUM = -3, P_END = -9 };
#define MAX_CHAINS 5
#define CHAIN_LEN 8

/* Each chain is a path of the data: a source, then a head part (the chain is drawn only
 * when its head exists), then parts that are joined when present (absent ones skipped). */
static const int CHAINS[][MAX_CHAINS][CHAIN_LEN] = {
    [LX_INSET_ATTN] = {
        {P_IN, LX_PART_Q, LX_PART_Q_NORM, LX_PART_Q_ROPE, LX_PART_SDPA, P_END},
        {P_IN, LX_PART_K, LX_PART_K_NORM, LX_PART_K_ROPE, LX_PART_SDPA, P_END},
        {P_IN, LX_PART_V, LX_PART_SDPA, P_END},
        {LX_PART_SDPA, LX_PART_OUT, P_END},
        {P_END},
    },
    [LX_INSET_MLA] = {
        {P_IN, LX_PART_Q_DOWN, LX_PART_Q_DOWN_NORM, LX_PART_Q_UP, LX_PART_Q_ROPE, LX_PART_SDPA, P_END},
        {P_IN, LX_PART_Q, LX_PART_Q_ROPE, LX_PART_SDPA, P_END},
        {P_IN, LX_PART_KV_DOWN, LX_PART_KV_NORM, LX_PART_KV_UP, LX_PART_SDPA, P_END},
        {LX_PART_KV_DOWN, LX_PART_K_ROPE, LX_PART_SDPA, P_END},
        {LX_PART_SDPA, LX_PART_OUT, P_END},
    },
    [LX_INSET_GLU] = {
        {P_IN, LX_PART_GATE, LX_PART_ACT, P_MUL, LX_PART_DOWN, P_END},
        {P_IN, LX_PART_UP, P_MUL, P_END},
        {P_END},
    },
    [LX_INSET_MLP] = {
        {P_IN, LX_PART_UP, LX_PART_ACT, LX_PART_DOWN, P_END},
        {P_END},
    },
    [LX_INSET_MOE] = {
        {P_IN, LX_PART_ROUTER, LX_PART_EXPERT, P_SUM, P_END},
        {P_IN, LX_PART_EXPERT, P_END},
        {P_IN, LX_PART_SHARED, P_SUM, P_END},
        {P_END},
    },
    /* linear attention: Q, K (conv, L2 norm) and V (conv) into the state update with its
     * gates, then the output gate and projection */
    [LX_INSET_LINEAR] = {
        {P_IN, LX_PART_Q, LX_PART_Q_NORM, LX_PART_Q_ROPE, LX_PART_STATE, P_END},
        {P_IN, LX_PART_K, LX_PART_K_NORM, LX_PART_K_ROPE, LX_PART_STATE, P_END},
        {P_IN, LX_PART_V, LX_PART_V_CONV, LX_PART_STATE, P_END},
        {P_IN, LX_PART_GATES, LX_PART_STATE, P_END},
        {LX_PART_STATE, LX_PART_OGATE, LX_PART_OUT, P_END},
    },
    /* state-space and convolution mixers: one chain of steps */
    [LX_INSET_CHAIN] = {
        {P_IN, LX_PART_IN_PROJ, LX_PART_CONV, LX_PART_GATES, LX_PART_STATE, LX_PART_OGATE, LX_PART_OUT, P_END},
        {P_END},
    },
};

static bool has_part(const lx_desc_inset *in, int p)
{
    if (p == P_IN) return true;
    if (p == P_MUL) return in->type == LX_INSET_GLU;
    if (p == P_SUM) return in->type == LX_INSET_MOE;
    return p >= 0 && p < LX_PART_COUNT && in->has[p];
}

static void part_id(char *out, size_t cap, int ii, const lx_desc_inset *in, int p)
{
    char prefix[16];
    snprintf(prefix, sizeof prefix, "i%d", ii);
    const char *name = p == P_IN ? "in" : p == P_MUL ? "mul" : p == P_SUM ? "sum" : in->part[p].id;
    make_id(out, cap, prefix, name[0] ? name : "part");
}

static void inset_nodes(flow *f, int ii, const lx_desc_inset *in)
{
    char id[48];
    static const char *const IN[] = {"hidden state (from the norm)"}, *const MUL[] = {"⊙"};
    static const char *const SUM[] = {"Σ weighted sum of the chosen experts"};
    part_id(id, sizeof id, ii, in, P_IN);
    f->ops->node(f, id, LX_KIND_NEUTRAL, SH_PILL, IN, 1);
    for (int p = 0; p < LX_PART_COUNT; p++) {
        if (!in->has[p]) continue;
        part_id(id, sizeof id, ii, in, p);
        card_node(f, id, &in->part[p]);
    }
    if (has_part(in, P_MUL)) {
        part_id(id, sizeof id, ii, in, P_MUL);
        f->ops->node(f, id, in->kind, SH_CIRCLE, MUL, 1);
    }
    if (has_part(in, P_SUM)) {
        part_id(id, sizeof id, ii, in, P_SUM);
        f->ops->node(f, id, LX_KIND_EXPERTS, SH_BOX, SUM, 1);
    }
}

/* The part the data leaves the inset by: the notes are hung below it. */
static int inset_sink(const lx_desc_inset *in)
{
    if (in->has[LX_PART_OUT]) return LX_PART_OUT;
    if (in->has[LX_PART_DOWN]) return LX_PART_DOWN;
    return has_part(in, P_SUM) ? P_SUM : P_IN;
}

static void inset_notes(flow *f, int ii, const lx_desc_inset *in)
{
    const char *lines[LX_DESC_MAX_NOTES + 1];
    int n = 0;
    if (in->heads_note[0]) lines[n++] = in->heads_note;
    for (int i = 0; i < in->n_notes && n < LX_DESC_MAX_NOTES + 1; i++) lines[n++] = in->notes[i];
    if (!n) return;
    char id[24], sink[48];
    snprintf(id, sizeof id, "i%d_notes", ii);
    f->ops->node(f, id, LX_KIND_NEUTRAL, SH_NOTE, lines, n);
    part_id(sink, sizeof sink, ii, in, inset_sink(in));
    f->ops->edge(f, sink, id, E_HIDDEN, NULL);
}

static void inset_edges(flow *f, int ii, const lx_desc_inset *in)
{
    if ((size_t)in->type >= sizeof CHAINS / sizeof CHAINS[0]) return; /* a kind without a data-flow row */
    for (int c = 0; c < MAX_CHAINS && CHAINS[in->type][c][0] != P_END; c++) {
        const int *ch = CHAINS[in->type][c];
        if (!has_part(in, ch[0]) || !has_part(in, ch[1])) continue;
        int prev = ch[0];
        for (int k = 1; k < CHAIN_LEN && ch[k] != P_END; k++) {
            if (!has_part(in, ch[k])) continue;
            char a[48], b[48];
            part_id(a, sizeof a, ii, in, prev);
            part_id(b, sizeof b, ii, in, ch[k]);
            f->ops->edge(f, a, b, E_DATA, NULL);
            prev = ch[k];
        }
    }
}

/* The inset as a subgraph, and the dotted edge from the block step it details. */
static void walk_inset(flow *f, const lx_desc *d, int ii, const lx_desc_inset *in)
{
    char id[16], title[200];
    snprintf(id, sizeof id, "i%d", ii);
    snprintf(title, sizeof title, "%s%s%s", in->title, in->figure[0] ? " · " : "", in->figure);
    const char *lines[1] = {title};
    f->ops->open(f, id, lines, 1);
    inset_nodes(f, ii, in);
    inset_notes(f, ii, in);
    f->ops->close(f);
    inset_edges(f, ii, in);
    if (in->block < 0 || in->block >= d->n_blocks || in->step < 0 || in->step >= d->blocks[in->block].n_steps) return;
    const lx_desc_step *st = &d->blocks[in->block].steps[in->step];
    char from[48], to[48];
    step_id(from, sizeof from, in->block, in->step, in->second, in->second ? &st->card2 : &st->card);
    part_id(to, sizeof to, ii, in, P_IN);
    f->ops->edge(f, from, to, E_ZOOM, id);
}

/* ---- the vision and audio towers and MTP modules beside the spine ---- */

static void tower_cards(flow *f, const char *pfx, const lx_desc_card *cards, int n)
{
    for (int i = 0; i < n; i++) {
        char id[48];
        make_id(id, sizeof id, pfx, cards[i].id);
        card_node(f, id, &cards[i]);
        join(f, id);
    }
}

/* The spine node of the first card of this kind (token embedding, output head), or "". */
static void spine_id(char *out, size_t cap, const lx_desc_card *cards, int n, lx_kind kind)
{
    out[0] = '\0';
    for (int i = 0; i < n && !out[0]; i++)
        if (cards[i].kind == kind) make_id(out, cap, "s", cards[i].id);
}

/* One tower as its own chain ("v": vision, "a": audio), its projector joining the token embedding. */
static void walk_one_tower(flow *f, const lx_desc *d, const lx_desc_tower *t, const char *pfx)
{
    char to[48], title[200], group[8];
    f->n_tails = 0;
    snprintf(title, sizeof title, "%s · %s", t->title, t->figure);
    const char *lines[1] = {title};
    snprintf(group, sizeof group, "t%s", pfx);
    f->ops->open(f, group, lines, 1);
    tower_cards(f, pfx, t->top, t->n_top);
    char cap[sizeof t->block_caption + sizeof t->block_badge + 8];
    snprintf(cap, sizeof cap, "%s · %s", t->block_caption, t->block_badge);
    const char *block[1] = {cap};
    snprintf(group, sizeof group, "b%s", pfx);
    f->ops->open(f, group, block, 1);
    tower_cards(f, pfx, t->block, t->n_block);
    f->ops->close(f);
    tower_cards(f, pfx, t->bottom, t->n_bottom);
    f->ops->close(f);
    spine_id(to, sizeof to, d->spine_top, d->n_spine_top, LX_KIND_EMBEDDING);
    if (to[0] && f->n_tails) f->ops->edge(f, f->tails[0], to, E_DATA, NULL);
}

/* The towers' chains (the spine's tails are kept) and the MTP card beside the head. */
static void walk_tower(flow *f, const lx_desc *d)
{
    const lx_desc_tower *t = &d->tower;
    char saved[2][48], to[48];
    int n_saved = f->n_tails;
    memcpy(saved, f->tails, sizeof saved);
    if (t->present) walk_one_tower(f, d, t, "v");
    if (d->audio.present) walk_one_tower(f, d, &d->audio, "a");
    if (t->has_mtp) {
        card_node(f, "m_mtp", &t->mtp);
        spine_id(to, sizeof to, d->spine_bottom, d->n_spine_bottom, LX_KIND_OUTPUT);
        if (to[0]) f->ops->edge(f, to, "m_mtp", E_DATA, NULL);
    }
    memcpy(f->tails, saved, sizeof saved);
    f->n_tails = n_saved;
}

static void walk_title(flow *f, const lx_desc *d)
{
    if (f->syn != LX_FLOW_MERMAID) return; /* DOT: the graph label */
    const char *lines[4] = {d->name, d->subtitle[0], d->subtitle[1], d->subtitle[2]};
    int n = 1;
    while (n < 4 && lines[n][0]) n++;
    f->ops->node(f, "t_title", LX_KIND_NEUTRAL, SH_TITLE, lines, n);
}

lx_status lx_flow_render(const lx_desc *d, lx_flow_syntax syntax, lx_buf *out, lx_err *err)
{
    flow f = {.b = out, .ops = syntax == LX_FLOW_MERMAID ? &MERMAID : &DOT, .syn = syntax,
              .t = lx_theme_get(LX_THEME_LIGHT)};
    lx_buf_init(&f.edges);
    lx_buf_init(&f.styles);
    f.ops->begin(&f, d);
    walk_title(&f, d);
    spine_cards(&f, d->spine_top, d->n_spine_top);
    if (f.syn == LX_FLOW_MERMAID && d->n_spine_top) {
        char first[48];
        make_id(first, sizeof first, "s", d->spine_top[0].id);
        f.ops->edge(&f, "t_title", first, E_HIDDEN, NULL);
    }
    for (int b = 0; b < d->n_blocks; b++) {
        walk_block(&f, b, &d->blocks[b]);
        if (b + 1 != d->n_enc_blocks) continue;
        spine_cards(&f, d->enc_bottom, d->n_enc_bottom); /* the encoder's end, then the decoder's start */
        spine_cards(&f, d->dec_top, d->n_dec_top);
    }
    if (d->blocks_more[0]) {
        const char *more[1] = {d->blocks_more};
        f.ops->node(&f, "n_more", LX_KIND_NEUTRAL, SH_NOTE, more, 1);
        join(&f, "n_more");
    }
    spine_cards(&f, d->spine_bottom, d->n_spine_bottom);
    walk_tower(&f, d);
    for (int i = 0; i < d->n_insets; i++) walk_inset(&f, d, i, &d->insets[i]);
    f.ops->end(&f);
    bool ok = lx_buf_ok(&f.edges) && lx_buf_ok(&f.styles) && lx_buf_ok(out);
    lx_buf_free(&f.edges);
    lx_buf_free(&f.styles);
    return ok ? LX_OK : lx_err_set(err, LX_ERR_IO, "out of memory while writing the flowchart");
}
