/*
 * The page cache of powerloss-fs (see page-cache.h). Invariants, for one file:
 *  - durable is the backing file's size; floor <= durable and floor <= size;
 *  - a reader sees, at offset x < size: the cached page's byte if x's page is cached, else the
 *    backing byte if x < floor, else zero (bytes past a pending shrink, or past the old end);
 *  - a cached page holds every byte of its range as a reader sees it (filled from the backing file
 *    on first write), and zeros at or past size.
 * So fsync = shrink the backing file to floor, write every cached page up to size, set its size;
 * and a power loss = forget the pages, size = floor = durable.
 */
#define _GNU_SOURCE
#include "page-map.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void touch(struct pl_file *f)
{
	f->dirty = 1;
	clock_gettime(CLOCK_REALTIME, &f->mtime);
}

ssize_t pl_read(struct pl_file *f, char *buf, size_t size, off_t off)
{
	unsigned char tmp[PL_PAGE_SIZE];
	if (off >= f->size)
		return 0;
	if ((off_t)size > f->size - off)
		size = (size_t)(f->size - off);
	for (size_t done = 0; done < size;) {
		off_t pos = off + (off_t)done;
		size_t in = (size_t)(pos % PL_PAGE_SIZE);
		size_t n = PL_PAGE_SIZE - in < size - done ? PL_PAGE_SIZE - in : size - done;
		struct pl_page *p = page_find(f, pos / PL_PAGE_SIZE);
		int err = p ? 0 : read_backing(f, pos / PL_PAGE_SIZE, tmp);
		if (err)
			return err;
		memcpy(buf + done, (p ? p->data : tmp) + in, n);
		done += n;
	}
	return (ssize_t)size;
}

ssize_t pl_write(struct pl_file *f, const char *buf, size_t size, off_t off)
{
	if (size == 0)
		return 0;
	unsigned char *last = realloc(f->last, size);
	if (!last)
		return -ENOMEM;
	memcpy(last, buf, size);
	f->last = last;
	f->last_len = size;
	f->last_off = off;
	for (size_t done = 0; done < size;) {
		off_t pos = off + (off_t)done;
		size_t in = (size_t)(pos % PL_PAGE_SIZE);
		size_t n = PL_PAGE_SIZE - in < size - done ? PL_PAGE_SIZE - in : size - done;
		int err = 0;
		struct pl_page *p = page_get(f, pos / PL_PAGE_SIZE, &err);
		if (!p)
			return err;
		memcpy(p->data + in, buf + done, n);
		done += n;
	}
	if (off + (off_t)size > f->size)
		f->size = off + (off_t)size;
	f->writes++;
	f->bytes += (long long)size;
	touch(f);
	return (ssize_t)size;
}

int pl_truncate(struct pl_file *f, off_t size)
{
	if (size == f->size)
		return 0;
	if (size < f->size) {
		forget_pages(f, (size + PL_PAGE_SIZE - 1) / PL_PAGE_SIZE, (size_t)(size % PL_PAGE_SIZE));
		if (size < f->floor)
			f->floor = size;
	}
	f->size = size;
	touch(f);
	return 0;
}

static void forget_all(struct pl_file *f)
{
	forget_pages(f, 0, 0);
	free(f->last);
	f->last = NULL;
	f->last_len = 0;
	f->writes = 0;
	f->bytes = 0;
	f->dirty = 0;
}

int pl_sync(struct pl_file *f)
{
	int err = 0;
	if (!f->dirty)
		return 0;
	if (f->floor < f->durable && ftruncate(f->fd, f->floor) < 0)
		return -errno;
	for (size_t i = 0; i < f->nbuckets && !err; i++) {
		for (struct pl_page *p = f->buckets[i]; p && !err; p = p->next) {
			off_t start = p->index * PL_PAGE_SIZE;
			if (start < f->size)
				err = pwrite_all(f->fd, p->data, (size_t)(f->size - start < PL_PAGE_SIZE ? f->size - start : PL_PAGE_SIZE), start);
		}
	}
	if (!err && ftruncate(f->fd, f->size) < 0)
		err = -errno;
	if (!err && fdatasync(f->fd) < 0)
		err = -errno;
	if (err) {
		/* Half written: what is on disk now is the durable state; keep the pages for a retry. */
		off_t end = lseek(f->fd, 0, SEEK_END);
		if (end >= 0)
			f->durable = end;
		if (f->floor > f->durable)
			f->floor = f->durable;
		return err;
	}
	forget_all(f);
	f->floor = f->durable = f->size;
	return 0;
}

static uint64_t splitmix64(uint64_t x)
{
	x += 0x9E3779B97F4A7C15ull;
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
	x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
	return x ^ (x >> 31);
}

int pl_drop(struct pl_file *f, uint64_t torn_seed, struct pl_loss *loss)
{
	if (!f->dirty)
		return 0;
	loss->files++;
	loss->writes += f->writes;
	loss->bytes += f->bytes;
	size_t keep = 0;
	if (torn_seed && f->last_len > 1)
		keep = 1 + (size_t)(splitmix64(torn_seed ^ (uint64_t)f->ino) % (f->last_len - 1));
	int err = keep ? pwrite_all(f->fd, f->last, keep, f->last_off) : 0;
	if (!err && keep && fdatasync(f->fd) < 0)
		err = -errno;
	if (!err && keep) {
		loss->torn += (long long)keep;
		if (f->last_off + (off_t)keep > f->durable)
			f->durable = f->last_off + (off_t)keep;
	}
	forget_all(f);
	f->size = f->floor = f->durable;
	return err;
}
