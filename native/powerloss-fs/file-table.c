/*
 * The table of files that have state in the page cache, keyed by backing inode (so a rename keeps a
 * file's unsynced data, and hard links share it). A file has state while a handle is open on it or
 * while it has unsynced changes; the state holds its own descriptor of the backing file, so the inode
 * cannot be freed and reused under it.
 */
#define _GNU_SOURCE
#include "page-cache.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define NSLOTS (sizeof(((struct pl_table *)0)->buckets) / sizeof(struct pl_file *))

static size_t slot(dev_t dev, ino_t ino)
{
	return (size_t)(((uint64_t)ino * 0x9E3779B97F4A7C15ull) ^ (uint64_t)dev) % NSLOTS;
}

struct pl_file *pl_lookup(struct pl_table *t, dev_t dev, ino_t ino)
{
	for (struct pl_file *f = t->buckets[slot(dev, ino)]; f; f = f->next)
		if (f->dev == dev && f->ino == ino)
			return f;
	return NULL;
}

struct pl_file *pl_attach(struct pl_table *t, int fd)
{
	struct stat st;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return NULL;
	}
	struct pl_file *f = pl_lookup(t, st.st_dev, st.st_ino);
	if (f) {
		close(fd);
		return f;
	}
	if (!(f = calloc(1, sizeof *f))) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	f->fd = fd;
	f->size = f->floor = f->durable = st.st_size;
	f->next = t->buckets[slot(f->dev, f->ino)];
	t->buckets[slot(f->dev, f->ino)] = f;
	return f;
}

void pl_release_if_idle(struct pl_table *t, struct pl_file *f, int unlinked)
{
	if (f->refs > 0 || (f->dirty && !unlinked))
		return;
	for (struct pl_file **pp = &t->buckets[slot(f->dev, f->ino)]; *pp; pp = &(*pp)->next) {
		if (*pp == f) {
			*pp = f->next;
			break;
		}
	}
	struct pl_loss ignored = {0};
	pl_drop(f, 0, &ignored);
	free(f->buckets);
	close(f->fd);
	free(f);
}
