/* render/theme — see theme.h. The kind colours were chosen to stay apart for common colour
 * vision deficiencies as far as eleven kinds allow (hue and lightness both vary) and to
 * keep body text at a contrast ratio of at least 4.5:1 on their tints. */
#include "render/theme.h"

#include <stdio.h>
#include <string.h>

static const lx_theme THEMES[LX_THEME_COUNT] = {
    [LX_THEME_LIGHT] = {
        .name = "light",
        .background = 0xFFFFFF, .panel = 0xFFFFFF, .group = 0xF8F8F8, .group_stroke = 0x8A8A8A,
        .badge = 0x333333, .circle_fill = 0xFFFFFF,
        .ink = {
            [LX_INK_TEXT] = 0x2B2B2B, [LX_INK_MUTED] = 0x555555, [LX_INK_FAINT] = 0x6E6E6E,
            [LX_INK_TITLE] = 0x111111, [LX_INK_KIND] = 0x000000, [LX_INK_INVERSE] = 0xFFFFFF,
            [LX_INK_LINE] = 0x444444, [LX_INK_RULE] = 0x8A8A8A, [LX_INK_ACCENT] = 0xC62828,
        },
        .kind = {
            [LX_KIND_NEUTRAL] = {0xF5F5F5, 0x333333, 0x666666},
            [LX_KIND_EMBEDDING] = {0xEFE8FA, 0x6A3FB5, 0x7E57C2},
            [LX_KIND_POSITION] = {0xFBE7F0, 0xB0306A, 0xC2185B},
            [LX_KIND_ATTENTION] = {0xFFF1E3, 0xB04C00, 0xE8741A},
            [LX_KIND_FFN] = {0xE9F5EA, 0x2F7D32, 0x43A047},
            [LX_KIND_EXPERTS] = {0xE0F4F4, 0x00727A, 0x00979F},
            [LX_KIND_SHARED] = {0xF1F6DF, 0x557311, 0x7CA32B},
            [LX_KIND_ROUTER] = {0xFBF3D9, 0x8C6400, 0xC99A1E},
            [LX_KIND_NORM] = {0xEDF1F3, 0x4F6470, 0x78909C},
            [LX_KIND_OUTPUT] = {0xE5EEFA, 0x1F5FB0, 0x3878D0},
            [LX_KIND_OTHER] = {0xF0F0F0, 0x555555, 0x9E9E9E},
            [LX_KIND_MIXER] = {0xFCEBEA, 0xB02A24, 0xD9534C},
        },
        .term_kind = {
            [LX_KIND_NEUTRAL] = 244, [LX_KIND_EMBEDDING] = 98, [LX_KIND_POSITION] = 162,
            [LX_KIND_ATTENTION] = 166, [LX_KIND_FFN] = 28, [LX_KIND_EXPERTS] = 30, [LX_KIND_SHARED] = 64,
            [LX_KIND_ROUTER] = 136, [LX_KIND_NORM] = 66, [LX_KIND_OUTPUT] = 26, [LX_KIND_OTHER] = 244,
            [LX_KIND_MIXER] = 160,
        },
    },
    [LX_THEME_DARK] = {
        .name = "dark",
        .background = 0x17191E, .panel = 0x1D2026, .group = 0x1F2228, .group_stroke = 0x7A8089,
        .badge = 0xE4E4E4, .circle_fill = 0x17191E,
        .ink = {
            [LX_INK_TEXT] = 0xE2E4E8, [LX_INK_MUTED] = 0xB4B8BF, [LX_INK_FAINT] = 0x9CA1A9,
            [LX_INK_TITLE] = 0xF4F5F7, [LX_INK_KIND] = 0xFFFFFF, [LX_INK_INVERSE] = 0x17191E,
            [LX_INK_LINE] = 0xC4C7CC, [LX_INK_RULE] = 0x80868F, [LX_INK_ACCENT] = 0xFF7070,
        },
        .kind = {
            [LX_KIND_NEUTRAL] = {0x262930, 0xD0D3D8, 0x9EA3AA},
            [LX_KIND_EMBEDDING] = {0x2B2340, 0xC1A7F0, 0x9C7BDB},
            [LX_KIND_POSITION] = {0x3A2130, 0xF28DBB, 0xD45C95},
            [LX_KIND_ATTENTION] = {0x3A2A1A, 0xFFAA5C, 0xF08A35},
            [LX_KIND_FFN] = {0x1F3322, 0x8ED18F, 0x5DB35F},
            [LX_KIND_EXPERTS] = {0x163234, 0x6FD3D8, 0x2EAFB6},
            [LX_KIND_SHARED] = {0x2A321A, 0xC2DC7A, 0x9CBF45},
            [LX_KIND_ROUTER] = {0x36301A, 0xEACB6A, 0xD1AB3A},
            [LX_KIND_NORM] = {0x242B30, 0xAFC2CD, 0x8AA2AF},
            [LX_KIND_OUTPUT] = {0x1B2A3E, 0x8DB8F2, 0x5B93E0},
            [LX_KIND_OTHER] = {0x2A2A2A, 0xC0C0C0, 0x8E8E8E},
            [LX_KIND_MIXER] = {0x3A1E1E, 0xFF9A90, 0xE0625A},
        },
        .term_kind = {
            [LX_KIND_NEUTRAL] = 250, [LX_KIND_EMBEDDING] = 141, [LX_KIND_POSITION] = 205,
            [LX_KIND_ATTENTION] = 215, [LX_KIND_FFN] = 114, [LX_KIND_EXPERTS] = 80, [LX_KIND_SHARED] = 149,
            [LX_KIND_ROUTER] = 221, [LX_KIND_NORM] = 152, [LX_KIND_OUTPUT] = 111, [LX_KIND_OTHER] = 250,
            [LX_KIND_MIXER] = 210,
        },
    },
};

const lx_theme *lx_theme_get(lx_theme_id id)
{
    return &THEMES[id < LX_THEME_COUNT ? id : LX_THEME_LIGHT];
}

bool lx_theme_parse(const char *name, lx_theme_id *out)
{
    for (int i = 0; i < LX_THEME_COUNT; i++) {
        if (strcmp(name, THEMES[i].name) == 0) { *out = (lx_theme_id)i; return true; }
    }
    return false;
}

lx_rgb lx_theme_ink(const lx_theme *t, lx_ink ink, lx_kind k)
{
    if (ink == LX_INK_KIND) return t->kind[k < LX_KIND_COUNT ? k : LX_KIND_OTHER].stroke;
    return t->ink[ink < LX_INK_COUNT ? ink : LX_INK_TEXT];
}

lx_rgb lx_rgb_mix(lx_rgb a, lx_rgb b, double t)
{
    if (t < 0) t = 0;
    if (t > 1) t = 1;
    lx_rgb out = 0;
    for (int sh = 0; sh <= 16; sh += 8) {
        double ca = (a >> sh) & 0xFF, cb = (b >> sh) & 0xFF;
        unsigned c = (unsigned)(ca + (cb - ca) * t + 0.5);
        out |= (lx_rgb)(c > 255 ? 255 : c) << sh;
    }
    return out;
}

lx_rgb lx_theme_scale(const lx_theme *t, lx_scale scale, lx_kind k, float v, float vmin, float vmax)
{
    double span = (double)vmax - (double)vmin;
    double x = span > 0 ? ((double)v - vmin) / span : 0.0;
    if (!(x >= 0)) x = 0; /* also catches NaN */
    if (x > 1) x = 1;
    const lx_kind_colors *kc = &t->kind[k < LX_KIND_COUNT ? k : LX_KIND_OTHER];
    if (scale == LX_SCALE_SEQUENTIAL) return lx_rgb_mix(t->background, kc->strong, x);
    /* diverging: output colour below the midpoint, kind colour above */
    lx_rgb cool = t->kind[LX_KIND_OUTPUT].strong;
    return x < 0.5 ? lx_rgb_mix(cool, t->background, x * 2) : lx_rgb_mix(t->background, kc->strong, x * 2 - 1);
}

void lx_rgb_hex(lx_rgb c, char out[8])
{
    snprintf(out, 8, "#%06X", (unsigned)(c & 0xFFFFFF));
}
