/*
 * FUSE operations on file data: open, create, read, write, truncate, fsync, release, getattr. Every
 * open regular file goes through the page cache (page-cache.c): writes stay in memory until an fsync
 * or fdatasync of that file; closing a file persists nothing (as on a real kernel). Opening with
 * O_TRUNC, or truncating, is a change to the file's data like a write: it too waits for fsync.
 */
#define _GNU_SOURCE
#include "powerloss-fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HANDLE(fi) PL_HANDLE(fi)

static int is_control(const char *path)
{
	return path && strcmp(path, PL_CONTROL) == 0;
}

static int op_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
	struct pl_handle *h = PL_FILE_HANDLE(fi);
	char b[PATH_MAX];
	int r;
	if (is_control(path) || (HANDLE(fi) && HANDLE(fi)->control))
		return pl_control_getattr(st);
	if (h)
		r = fstat(h->f->fd, st);
	else if ((r = pl_backing(path, b)) == 0)
		r = lstat(b, st);
	else
		return r;
	if (r < 0)
		return -errno;
	struct pl_file *f = h ? h->f : S_ISREG(st->st_mode) ? pl_lookup(&pl_fs()->table, st->st_dev, st->st_ino) : NULL;
	if (f && f->dirty) {
		st->st_size = f->size;
		st->st_blocks = (f->size + 511) / 512;
		st->st_mtim = st->st_ctim = f->mtime;
	}
	return 0;
}

static int open_file(const char *path, int create, mode_t mode, struct fuse_file_info *fi)
{
	char b[PATH_MAX];
	int r = pl_backing(path, b);
	if (r)
		return r;
	/* The cache reads and writes the backing file itself, whatever the caller's access mode. */
	int extra = O_CLOEXEC | (create ? O_CREAT | (fi->flags & O_EXCL) : 0) | (fi->flags & O_NOFOLLOW);
	int fd = open(b, O_RDWR | extra, mode);
	if (fd < 0 && errno == EACCES && (fi->flags & O_ACCMODE) == O_RDONLY)
		fd = open(b, O_RDONLY | extra, mode);
	if (fd < 0)
		return -errno;
	struct pl_handle *h = calloc(1, sizeof *h);
	struct pl_file *f = h ? pl_attach(&pl_fs()->table, fd) : NULL;
	if (!f) {
		if (!h)
			close(fd);
		free(h);
		return -ENOMEM;
	}
	h->f = f;
	f->refs++;
	if (fi->flags & O_TRUNC)
		pl_truncate(f, 0);
	fi->fh = (uintptr_t)h;
	fi->keep_cache = 0; /* the kernel drops its cached pages at every open: no stale data after a drop */
	return 0;
}

static int op_open(const char *path, struct fuse_file_info *fi)
{
	return is_control(path) ? pl_control_open(fi) : open_file(path, 0, 0, fi);
}

static int op_create(const char *path, mode_t mode, struct fuse_file_info *fi)
{
	return is_control(path) ? pl_control_open(fi) : open_file(path, 1, mode, fi);
}

static int op_read(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi)
{
	(void)path;
	return HANDLE(fi)->control ? pl_control_read(buf, size, off) : (int)pl_read(HANDLE(fi)->f, buf, size, off);
}

static int op_write(const char *path, const char *buf, size_t size, off_t off, struct fuse_file_info *fi)
{
	(void)path;
	return HANDLE(fi)->control ? pl_control_write(buf, size) : (int)pl_write(HANDLE(fi)->f, buf, size, off);
}

static int op_truncate(const char *path, off_t size, struct fuse_file_info *fi)
{
	if (is_control(path) || (HANDLE(fi) && HANDLE(fi)->control))
		return 0;
	if (PL_FILE_HANDLE(fi))
		return pl_truncate(PL_FILE_HANDLE(fi)->f, size);
	int err = 0;
	struct pl_file *f = pl_state_of_path(path, 1, &err);
	if (!f)
		return err;
	err = pl_truncate(f, size);
	pl_release_if_idle(&pl_fs()->table, f, 0);
	return err;
}

static int op_fsync(const char *path, int datasync, struct fuse_file_info *fi)
{
	(void)path;
	(void)datasync; /* fsync and fdatasync both persist the file's data and size; metadata always is */
	return HANDLE(fi)->control ? 0 : pl_sync(HANDLE(fi)->f);
}

static int op_flush(const char *path, struct fuse_file_info *fi)
{
	(void)path;
	(void)fi;
	return 0; /* close(2): a real kernel persists nothing here, and neither do we */
}

static int op_release(const char *path, struct fuse_file_info *fi)
{
	(void)path;
	struct pl_handle *h = HANDLE(fi);
	if (!h->control) {
		struct stat st;
		h->f->refs--;
		pl_release_if_idle(&pl_fs()->table, h->f, fstat(h->f->fd, &st) == 0 && st.st_nlink == 0);
	}
	free(h);
	return 0;
}

void pl_data_ops(struct fuse_operations *ops)
{
	ops->getattr = op_getattr;
	ops->open = op_open;
	ops->create = op_create;
	ops->read = op_read;
	ops->write = op_write;
	ops->truncate = op_truncate;
	ops->fsync = op_fsync;
	ops->flush = op_flush;
	ops->release = op_release;
}
