/*
 * The pages of one file in the page cache: a hash map from page index to page (chained, grown by
 * doubling), filling a page from the backing file as a reader would see it, and the I/O loops.
 */
#ifndef POWERLOSS_PAGE_MAP_H
#define POWERLOSS_PAGE_MAP_H

#include "page-cache.h"

/* The cached page `index` of f, or NULL. */
struct pl_page *page_find(struct pl_file *f, off_t index);
/* The cached page `index` of f, filled from the backing file when it was not cached; NULL and *err. */
struct pl_page *page_get(struct pl_file *f, off_t index, int *err);
/* Page `index` as a reader sees it when it is not cached: backing bytes below floor, zeros after. */
int read_backing(struct pl_file *f, off_t index, unsigned char *out);
/* Frees the pages at or past index `from`; zeroes page `from - 1` from byte `tail` on (if tail). */
void forget_pages(struct pl_file *f, off_t from, size_t tail);
int pread_all(int fd, unsigned char *out, size_t len, off_t off);
int pwrite_all(int fd, const unsigned char *in, size_t len, off_t off);

#endif
