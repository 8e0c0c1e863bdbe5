/*
 * The pages of one file (page-map.h). A page is 4 KiB at a multiple of 4 KiB; the map is a chained
 * hash on the page index whose bucket count (a power of two) doubles when it holds twice as many
 * pages, so a lookup stays O(1) whether a file has one dirty page or a million.
 */
#define _GNU_SOURCE
#include "page-map.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pl_page *page_find(struct pl_file *f, off_t index)
{
	if (!f->nbuckets)
		return NULL;
	for (struct pl_page *p = f->buckets[index & (f->nbuckets - 1)]; p; p = p->next)
		if (p->index == index)
			return p;
	return NULL;
}

static int grow(struct pl_file *f)
{
	size_t n = f->nbuckets ? f->nbuckets * 2 : 64;
	struct pl_page **b = calloc(n, sizeof *b);
	if (!b)
		return -ENOMEM;
	for (size_t i = 0; i < f->nbuckets; i++) {
		for (struct pl_page *p = f->buckets[i], *next; p; p = next) {
			next = p->next;
			p->next = b[p->index & (n - 1)];
			b[p->index & (n - 1)] = p;
		}
	}
	free(f->buckets);
	f->buckets = b;
	f->nbuckets = n;
	return 0;
}

int pread_all(int fd, unsigned char *out, size_t len, off_t off)
{
	size_t got = 0;
	while (got < len) {
		ssize_t n = pread(fd, out + got, len - got, off + (off_t)got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break; /* past the end: the rest stays zero */
		got += (size_t)n;
	}
	return 0;
}

int pwrite_all(int fd, const unsigned char *in, size_t len, off_t off)
{
	size_t put = 0;
	while (put < len) {
		ssize_t n = pwrite(fd, in + put, len - put, off + (off_t)put);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		put += (size_t)n;
	}
	return 0;
}

int read_backing(struct pl_file *f, off_t index, unsigned char *out)
{
	off_t start = index * PL_PAGE_SIZE;
	memset(out, 0, PL_PAGE_SIZE);
	if (start >= f->floor)
		return 0;
	off_t len = f->floor - start < PL_PAGE_SIZE ? f->floor - start : PL_PAGE_SIZE;
	return pread_all(f->fd, out, (size_t)len, start);
}

struct pl_page *page_get(struct pl_file *f, off_t index, int *err)
{
	struct pl_page *p = page_find(f, index);
	if (p)
		return p;
	if (f->npages >= f->nbuckets * 2 && (*err = grow(f)))
		return NULL;
	if (!(p = malloc(sizeof *p))) {
		*err = -ENOMEM;
		return NULL;
	}
	if ((*err = read_backing(f, index, p->data))) {
		free(p);
		return NULL;
	}
	p->index = index;
	p->next = f->buckets[index & (f->nbuckets - 1)];
	f->buckets[index & (f->nbuckets - 1)] = p;
	f->npages++;
	return p;
}

void forget_pages(struct pl_file *f, off_t from, size_t tail)
{
	for (size_t i = 0; i < f->nbuckets; i++) {
		for (struct pl_page **pp = &f->buckets[i]; *pp;) {
			struct pl_page *p = *pp;
			if (p->index >= from) {
				*pp = p->next;
				free(p);
				f->npages--;
				continue;
			}
			if (tail && p->index == from - 1)
				memset(p->data + tail, 0, PL_PAGE_SIZE - tail);
			pp = &p->next;
		}
	}
}
