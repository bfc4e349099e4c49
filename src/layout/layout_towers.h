/* layout/layout_towers — the vision tower and MTP modules drawn beside the spine (part of
 * the architecture layout; internals in arch_layout_int.h). */
#ifndef LX_LAYOUT_LAYOUT_TOWERS_H
#define LX_LAYOUT_LAYOUT_TOWERS_H

#include "layout/arch_layout_int.h"

/* Width of the column left of the spine (0 when the model has neither). */
double lx_lay_towers_width(lx_lay *L);
/* Draws the column at [x, x + w) from L->top; call after the spine is laid out (its
 * arrows end at the spine's token embedding and output head). Returns the tower's bottom. */
double lx_lay_towers(lx_lay *L, double x, double w);

#endif
