/*
 * The page cache of powerloss-fs: for each regular file that has unsynced changes, the pages written
 * since its last fsync (whole 4 KiB pages, read-modify-write from the backing file) and its logical
 * size. Readers see the backing file overlaid with these pages, cut at the logical size. fsync writes
 * them to the backing file; a power loss forgets them. See page-cache.c for the invariants.
 */
#ifndef POWERLOSS_PAGE_CACHE_H
#define POWERLOSS_PAGE_CACHE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#define PL_PAGE_SIZE 4096

struct pl_page {
	off_t index;
	struct pl_page *next;
	unsigned char data[PL_PAGE_SIZE];
};

/* What a power loss forgot (summed over files by the caller). */
struct pl_loss {
	long files;        /* files that had unsynced changes */
	long writes;       /* unsynced write calls forgotten */
	long long bytes;   /* bytes those writes carried */
	long long torn;    /* bytes of last writes kept as a torn prefix */
};

/* One file's state, keyed by the backing inode. */
struct pl_file {
	dev_t dev;
	ino_t ino;
	int fd;                 /* the backing file, opened by the cache itself */
	off_t size;             /* logical size: what readers see */
	off_t floor;            /* backing bytes at or past floor read as zero (a pending shrink) */
	off_t durable;          /* size of the backing file: what survives a power loss */
	int dirty;              /* size or contents differ from the backing file */
	struct timespec mtime;  /* time of the last unsynced change */
	struct pl_page **buckets;
	size_t nbuckets, npages;
	long writes;            /* unsynced write calls */
	long long bytes;        /* bytes they carried */
	off_t last_off;         /* the last unsynced write, for torn writes */
	size_t last_len;
	unsigned char *last;
	int refs;               /* open handles */
	struct pl_file *next;   /* in the table */
};

/* Every file with state, by inode. */
struct pl_table {
	struct pl_file *buckets[1024];
};

struct pl_file *pl_lookup(struct pl_table *t, dev_t dev, ino_t ino);
/* The state of the file open as `fd` (taken over on creation, closed otherwise); NULL on error. */
struct pl_file *pl_attach(struct pl_table *t, int fd);
/* Frees f's state when nothing needs it any more (no handle, and clean or unlinked). */
void pl_release_if_idle(struct pl_table *t, struct pl_file *f, int unlinked);

ssize_t pl_read(struct pl_file *f, char *buf, size_t size, off_t off);
ssize_t pl_write(struct pl_file *f, const char *buf, size_t size, off_t off);
int pl_truncate(struct pl_file *f, off_t size);
/* Writes f's pages and size to the backing file and fsyncs it; 0 or -errno. */
int pl_sync(struct pl_file *f);
/* Forgets f's unsynced changes; with torn_seed != 0 keeps a strict prefix of its last write. */
int pl_drop(struct pl_file *f, uint64_t torn_seed, struct pl_loss *loss);

#endif
