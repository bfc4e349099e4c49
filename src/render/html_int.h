/* render/html_int — what render/html's files share (not for other modules). */
#ifndef LX_RENDER_HTML_INT_H
#define LX_RENDER_HTML_INT_H

#include "render/html.h"

/* Appends the page's data members (tensor groups, boxes, folds, heatmaps), each followed by
 * a comma, to the JSON object being written in json (render/html_data). */
lx_status lx_html_data_members(const lx_html_page *p, lx_buf *json, lx_err *err);

#endif
