/* render/html_assets — the CSS and JavaScript of llmxray's HTML pages, compiled in.
 *
 * Stage: render. The sources are src/render/html/page.{js,css} (the interactive diagram,
 * poster and comparison pages) and gallery.{js,css} (the gallery's index); the build
 * (cmake/embed.cmake) turns them into byte arrays with their SHA-256 (hex), from which
 * render/html writes the Content-Security-Policy hashes that let exactly these scripts and
 * styles run. Each array ends with a NUL after its len bytes.
 *
 * Ownership: static, immutable.
 */
#ifndef LX_RENDER_HTML_ASSETS_H
#define LX_RENDER_HTML_ASSETS_H

#include <stddef.h>

extern const unsigned char lx_asset_page_js[], lx_asset_page_css[], lx_asset_gallery_js[], lx_asset_gallery_css[];
extern const size_t lx_asset_page_js_len, lx_asset_page_css_len, lx_asset_gallery_js_len, lx_asset_gallery_css_len;
extern const char lx_asset_page_js_sha256[], lx_asset_page_css_sha256[], lx_asset_gallery_js_sha256[],
    lx_asset_gallery_css_sha256[];

#endif
