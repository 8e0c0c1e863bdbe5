/*
 * FUSE operations on the tree and on metadata, passed straight to the backing directory: creating,
 * renaming and removing files and directories, links, permissions, times. They are durable at once,
 * as on a journalling filesystem that commits every operation (so fsync of a directory is a no-op):
 * a power loss never brings back a removed file or undoes a rename — it only loses file contents and
 * sizes (ops-data.c). A file created and never fsynced therefore survives, empty; a file written,
 * renamed over another and not fsynced survives under the new name with its synced contents only.
 * The control file cannot be removed, renamed or linked.
 */
#define _GNU_SOURCE
#include "powerloss-fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#define BACKING(path, var)                       \
	char var[PATH_MAX];                      \
	if (strcmp((path), PL_CONTROL) == 0)     \
		return -EPERM;                   \
	if (pl_backing((path), var))             \
		return -ENAMETOOLONG

#define CHECK(call) ((call) < 0 ? -errno : 0)

static int op_mkdir(const char *path, mode_t mode) { BACKING(path, b); return CHECK(mkdir(b, mode)); }
static int op_rmdir(const char *path) { BACKING(path, b); return CHECK(rmdir(b)); }
static int op_symlink(const char *to, const char *path) { BACKING(path, b); return CHECK(symlink(to, b)); }

static int op_readlink(const char *path, char *buf, size_t size)
{
	BACKING(path, b);
	ssize_t n = readlink(b, buf, size - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

static int op_unlink(const char *path)
{
	BACKING(path, b);
	pl_forget_if_last_link(path);
	return CHECK(unlink(b));
}

static int op_rename(const char *from, const char *to, unsigned int flags)
{
	BACKING(from, a);
	BACKING(to, b);
	if (!(flags & RENAME_EXCHANGE))
		pl_forget_if_last_link(to);
	return CHECK(renameat2(AT_FDCWD, a, AT_FDCWD, b, flags));
}

static int op_link(const char *from, const char *to)
{
	BACKING(from, a);
	BACKING(to, b);
	return CHECK(link(a, b));
}

static int op_chmod(const char *path, mode_t mode, struct fuse_file_info *fi)
{
	if (!path && PL_FILE_HANDLE(fi))
		return CHECK(fchmod(PL_FILE_HANDLE(fi)->f->fd, mode));
	BACKING(path, b);
	return CHECK(chmod(b, mode));
}

static int op_chown(const char *path, uid_t uid, gid_t gid, struct fuse_file_info *fi)
{
	if (!path && PL_FILE_HANDLE(fi))
		return CHECK(fchown(PL_FILE_HANDLE(fi)->f->fd, uid, gid));
	BACKING(path, b);
	return CHECK(lchown(b, uid, gid));
}

static int op_utimens(const char *path, const struct timespec tv[2], struct fuse_file_info *fi)
{
	struct pl_handle *h = PL_FILE_HANDLE(fi);
	if ((PL_HANDLE(fi) && PL_HANDLE(fi)->control) || (path && strcmp(path, PL_CONTROL) == 0))
		return 0;
	int err;
	if (h && !path) {
		err = CHECK(futimens(h->f->fd, tv));
	} else {
		BACKING(path, b);
		err = CHECK(utimensat(AT_FDCWD, b, tv, AT_SYMLINK_NOFOLLOW));
	}
	struct stat st;
	struct pl_file *f = h ? h->f : pl_state_of_path(path, 0, &(int){0});
	if (!err && f && f->dirty && fstat(f->fd, &st) == 0)
		f->mtime = st.st_mtim; /* an explicit time wins over the time of the last unsynced write */
	return err;
}

/* opendir keeps the backing path: readdir and releasedir may be called without one (nullpath_ok). */
static int op_opendir(const char *path, struct fuse_file_info *fi)
{
	BACKING(path, b);
	struct pl_handle *h = calloc(1, sizeof *h);
	if (!h || !(h->dir = strdup(b))) {
		free(h);
		return -ENOMEM;
	}
	fi->fh = (uintptr_t)h;
	return 0;
}

static int op_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t off, struct fuse_file_info *fi, enum fuse_readdir_flags flags)
{
	(void)path;
	(void)off;
	(void)flags;
	DIR *d = opendir(PL_HANDLE(fi)->dir);
	if (!d)
		return -errno;
	for (struct dirent *e; (e = readdir(d));) {
		if (fill(buf, e->d_name, NULL, 0, 0))
			break;
	}
	closedir(d);
	return 0;
}

static int op_releasedir(const char *path, struct fuse_file_info *fi)
{
	(void)path;
	free(PL_HANDLE(fi)->dir);
	free(PL_HANDLE(fi));
	return 0;
}

static int op_statfs(const char *path, struct statvfs *st)
{
	(void)path;
	return CHECK(statvfs(pl_fs()->root, st));
}

static int op_fsyncdir(const char *path, int datasync, struct fuse_file_info *fi)
{
	(void)path;
	(void)datasync;
	(void)fi;
	return 0; /* the tree is durable at every operation */
}

void pl_tree_ops(struct fuse_operations *ops)
{
	ops->mkdir = op_mkdir;
	ops->rmdir = op_rmdir;
	ops->symlink = op_symlink;
	ops->readlink = op_readlink;
	ops->unlink = op_unlink;
	ops->rename = op_rename;
	ops->link = op_link;
	ops->chmod = op_chmod;
	ops->chown = op_chown;
	ops->utimens = op_utimens;
	ops->opendir = op_opendir;
	ops->readdir = op_readdir;
	ops->releasedir = op_releasedir;
	ops->statfs = op_statfs;
	ops->fsyncdir = op_fsyncdir;
}
