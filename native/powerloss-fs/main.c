/*
 * powerloss-fs BACKING-DIR MOUNTPOINT [-o FUSE-OPTIONS]: mounts BACKING-DIR at MOUNTPOINT through
 * the page cache of page-cache.c, in the foreground and single-threaded (one request at a time, so
 * a command on the control file sees every write that reached the filesystem before it). The mount
 * goes away when the process ends, even by SIGKILL (auto_unmount). Ending it cleanly (SIGTERM, or
 * `fusermount3 -u MOUNTPOINT`) writes every pending change back first, as a clean shutdown would.
 */
#define _GNU_SOURCE
#include "powerloss-fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct pl_fs *pl_fs(void)
{
	return fuse_get_context()->private_data;
}

int pl_backing(const char *path, char *out)
{
	int n = snprintf(out, PATH_MAX, "%s%s", pl_fs()->root, path ? path : "");
	return n < 0 || n >= PATH_MAX ? -ENAMETOOLONG : 0;
}

struct pl_file *pl_state_of_path(const char *path, int create, int *err)
{
	char b[PATH_MAX];
	struct stat st;
	if ((*err = pl_backing(path, b)))
		return NULL;
	if (lstat(b, &st) < 0) {
		*err = -errno;
		return NULL;
	}
	struct pl_file *f = pl_lookup(&pl_fs()->table, st.st_dev, st.st_ino);
	if (f || !create || !S_ISREG(st.st_mode))
		return f;
	int fd = open(b, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || !(f = pl_attach(&pl_fs()->table, fd)))
		*err = -errno;
	return f;
}

void pl_forget_if_last_link(const char *path)
{
	char b[PATH_MAX];
	struct stat st;
	if (pl_backing(path, b) || lstat(b, &st) < 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1)
		return;
	struct pl_file *f = pl_lookup(&pl_fs()->table, st.st_dev, st.st_ino);
	if (f)
		pl_release_if_idle(&pl_fs()->table, f, 1); /* if still open, release frees it later */
}

static void *op_init(struct fuse_conn_info *conn, struct fuse_config *cfg)
{
	conn->want &= ~FUSE_CAP_WRITEBACK_CACHE; /* every write must reach us, in order */
	cfg->use_ino = 1;
	cfg->hard_remove = 1;
	cfg->nullpath_ok = 1;
	cfg->kernel_cache = 0;
	cfg->direct_io = 0; /* the kernel page cache is needed for mmap (etcd's bbolt); it is write-through */
	cfg->attr_timeout = cfg->entry_timeout = cfg->negative_timeout = 0;
	return fuse_get_context()->private_data;
}

static void op_destroy(void *data)
{
	struct pl_table *t = &((struct pl_fs *)data)->table;
	for (size_t i = 0; i < sizeof t->buckets / sizeof t->buckets[0]; i++)
		for (struct pl_file *f = t->buckets[i]; f; f = f->next)
			pl_sync(f);
}

int main(int argc, char *argv[])
{
	static struct pl_fs fs;
	struct fuse_operations ops = {0};
	if (argc < 3) {
		fprintf(stderr, "usage: powerloss-fs BACKING-DIR MOUNTPOINT [-o FUSE-OPTIONS]\n");
		return 2;
	}
	struct stat st;
	if (!realpath(argv[1], fs.root) || stat(fs.root, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "powerloss-fs: %s: not a directory\n", argv[1]);
		return 2;
	}
	if (strcmp(fs.root, "/") == 0)
		fs.root[0] = '\0'; /* paths from FUSE start with '/' */
	char *fargs[64] = {argv[0], argv[2], "-f", "-s", "-o", "fsname=powerloss-fs,subtype=powerloss,auto_unmount"};
	int n = 6;
	for (int i = 3; i < argc && n < 63; i++)
		fargs[n++] = argv[i];
	pl_data_ops(&ops);
	pl_tree_ops(&ops);
	ops.init = op_init;
	ops.destroy = op_destroy;
	fprintf(stderr, "powerloss-fs: %s on %s: unsynced writes are kept in memory until fsync\n", fs.root, argv[2]);
	return fuse_main(n, fargs, &ops, &fs);
}
