/* read/hcache — the cache of fetched header bytes: one file per URL under
 * $XDG_CACHE_HOME/llmxray (default ~/.cache/llmxray), holding the first bytes of the remote file
 * read so far, its size and its ETag.
 *
 * Stage: read (used by open/remote). An entry is named by a hash of the URL and repeats the URL
 * inside, so a hash collision reads as "absent". Writes are best effort (a cache that cannot be
 * written costs only speed) and atomic (temporary file + rename), so readers never see half an
 * entry. File layout: "llmxray-hcache 1\n" URL "\n" ETAG "\n" SIZE "\n" HAVE "\n" then HAVE bytes.
 * Ownership: a got entry's buf is malloc'd and belongs to the caller (lx_hcache_entry_free).
 */
#ifndef LX_READ_HCACHE_H
#define LX_READ_HCACHE_H

#include <stdbool.h>
#include <stdint.h>

typedef struct lx_hcache_entry {
    uint8_t *buf;
    uint64_t have, size;
    char etag[128];
} lx_hcache_entry;

/* The entry for url; false when there is none (or it is unreadable). */
bool lx_hcache_get(const char *url, lx_hcache_entry *e);
/* Stores the first `have` bytes of url's file (of `size` bytes, ETag etag), replacing any entry
 * but a longer one of the same file (same size and ETag). */
void lx_hcache_put(const char *url, const uint8_t *buf, uint64_t have, uint64_t size, const char *etag);
void lx_hcache_entry_free(lx_hcache_entry *e);

#endif
