/*
 * powerloss-fs: a FUSE filesystem over a backing directory that keeps file data written since the
 * last fsync in memory (page-cache.h), and forgets it on command through a control file
 * (control.c), as a machine that loses power forgets its page cache. See README.md.
 */
#ifndef POWERLOSS_FS_H
#define POWERLOSS_FS_H

#define FUSE_USE_VERSION 31
#include <fuse.h>
#include <limits.h>
#include <stdint.h>

#include "page-cache.h"

/* The control file, at the root of the mount; not listed by readdir. */
#define PL_CONTROL "/.faultline-powerloss"

struct pl_fs {
	char root[PATH_MAX];     /* the backing directory */
	struct pl_table table;
	long drops;              /* power losses so far */
	struct pl_loss last;     /* what the last one forgot */
	char status[512];        /* the control file's contents, rendered at open */
};

/* One open file (its state), the control file, or an open directory (its backing path). */
struct pl_handle {
	struct pl_file *f;
	int control;
	char *dir;
};

/* The handle of `fi`, or NULL; an open regular file's when `file` is set (else NULL for others). */
#define PL_HANDLE(fi) ((fi) ? (struct pl_handle *)(uintptr_t)(fi)->fh : NULL)
#define PL_FILE_HANDLE(fi) (PL_HANDLE(fi) && PL_HANDLE(fi)->f ? PL_HANDLE(fi) : NULL)

struct pl_fs *pl_fs(void);
/* The backing path of `path` in `out` (PATH_MAX); -ENAMETOOLONG if it does not fit. */
int pl_backing(const char *path, char *out);
/* The state of the file at `path` (attaching it when `create` and it has none), or NULL. */
struct pl_file *pl_state_of_path(const char *path, int create, int *err);
/* Forgets the state of the file at `path` if removing that name frees its inode (unlink, rename over). */
void pl_forget_if_last_link(const char *path);

int pl_control_getattr(struct stat *st);
int pl_control_open(struct fuse_file_info *fi);
int pl_control_read(char *buf, size_t size, off_t off);
int pl_control_write(const char *buf, size_t size);

/* Operations on file data (ops-data.c) and on the tree (ops-tree.c). */
void pl_data_ops(struct fuse_operations *ops);
void pl_tree_ops(struct fuse_operations *ops);

#endif
