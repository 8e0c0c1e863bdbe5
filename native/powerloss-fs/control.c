/*
 * The control file `/.faultline-powerloss` at the root of the mount (not listed by readdir). Writing
 * a command to it acts on every file of the mount; the write returns once it is done:
 *   drop             forget every write not fsynced (a power loss)
 *   drop-torn SEED   the same, but of each file's last unsynced write a strict prefix of 1..len-1
 *                    bytes, its length drawn from SEED and the inode, reaches the disk (a torn write)
 *   sync             persist everything (what a clean shutdown would do)
 * Reading it gives one JSON object: what is pending now and what the last drop forgot, e.g.
 *   {"dirtyFiles":1,"pendingWrites":3,"pendingBytes":12,"drops":1,"lastDrop":{"files":2,...}}
 * The file is opened with direct I/O, so every read and write reaches this code.
 */
#define _GNU_SOURCE
#include "powerloss-fs.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int pl_control_getattr(struct stat *st)
{
	memset(st, 0, sizeof *st);
	st->st_mode = S_IFREG | 0600;
	st->st_nlink = 1;
	st->st_uid = getuid();
	st->st_gid = getgid();
	return 0;
}

/* Applies `fn` to every file with state; a file left idle is freed. */
static int each_file(int (*fn)(struct pl_file *, uint64_t, struct pl_loss *), uint64_t seed, struct pl_loss *loss)
{
	struct pl_table *t = &pl_fs()->table;
	int err = 0;
	for (size_t i = 0; i < sizeof t->buckets / sizeof t->buckets[0]; i++) {
		for (struct pl_file *f = t->buckets[i], *next; f; f = next) {
			next = f->next;
			int r = fn(f, seed, loss);
			if (r && !err)
				err = r;
			struct stat st;
			pl_release_if_idle(t, f, fstat(f->fd, &st) == 0 && st.st_nlink == 0);
		}
	}
	return err;
}

static int sync_one(struct pl_file *f, uint64_t seed, struct pl_loss *loss)
{
	(void)seed;
	if (f->dirty) {
		loss->files++;
		loss->writes += f->writes;
		loss->bytes += f->bytes;
	}
	return pl_sync(f);
}

int pl_control_open(struct fuse_file_info *fi)
{
	struct pl_fs *fs = pl_fs();
	struct pl_loss now = {0};
	struct pl_table *t = &fs->table;
	for (size_t i = 0; i < sizeof t->buckets / sizeof t->buckets[0]; i++) {
		for (struct pl_file *f = t->buckets[i]; f; f = f->next) {
			now.files += f->dirty;
			now.writes += f->writes;
			now.bytes += f->bytes;
		}
	}
	snprintf(fs->status, sizeof fs->status,
		 "{\"dirtyFiles\":%ld,\"pendingWrites\":%ld,\"pendingBytes\":%lld,\"drops\":%ld,"
		 "\"lastDrop\":{\"files\":%ld,\"writes\":%ld,\"bytes\":%lld,\"tornBytes\":%lld}}\n",
		 now.files, now.writes, now.bytes, fs->drops, fs->last.files, fs->last.writes, fs->last.bytes, fs->last.torn);
	struct pl_handle *h = calloc(1, sizeof *h);
	if (!h)
		return -ENOMEM;
	h->control = 1;
	fi->fh = (uintptr_t)h;
	fi->direct_io = 1;
	return 0;
}

int pl_control_read(char *buf, size_t size, off_t off)
{
	const char *s = pl_fs()->status;
	size_t len = strlen(s);
	if (off >= (off_t)len)
		return 0;
	if (size > len - (size_t)off)
		size = len - (size_t)off;
	memcpy(buf, s + off, size);
	return (int)size;
}

int pl_control_write(const char *buf, size_t size)
{
	struct pl_fs *fs = pl_fs();
	char cmd[64];
	if (size >= sizeof cmd)
		return -EINVAL;
	memcpy(cmd, buf, size);
	cmd[size] = '\0';
	cmd[strcspn(cmd, "\r\n")] = '\0';
	uint64_t seed = 0;
	struct pl_loss loss = {0};
	int err;
	if (strcmp(cmd, "sync") == 0) {
		err = each_file(sync_one, 0, &loss);
		fprintf(stderr, "powerloss-fs: synced %ld writes (%lld bytes) in %ld files\n", loss.writes, loss.bytes, loss.files);
		return err ? -EIO : (int)size;
	}
	if (strcmp(cmd, "drop") != 0 && (sscanf(cmd, "drop-torn %" SCNu64, &seed) != 1 || seed == 0)) {
		fprintf(stderr, "powerloss-fs: unknown command \"%s\" (expected drop, drop-torn SEED>0 or sync)\n", cmd);
		return -EINVAL;
	}
	err = each_file(pl_drop, seed, &loss);
	fs->drops++;
	fs->last = loss;
	fprintf(stderr, "powerloss-fs: power loss %ld: forgot %ld writes (%lld bytes) in %ld files; kept %lld bytes of torn writes\n",
		fs->drops, loss.writes, loss.bytes, loss.files, loss.torn);
	return err ? -EIO : (int)size;
}
