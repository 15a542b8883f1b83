// SPDX-License-Identifier: GPL-2.0-only
/*
 * Timed stat/open/read/getdents64 with errno accounting.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fsops.h"
#include "util.h"

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

int pfc_fs_stat(struct pfc_stats *st, const char *path, uint64_t *t0)
{
	struct stat sb;
	uint64_t t = pfc_now_ns();
	int ret = stat(path, &sb) ? -errno : 0;

	pfc_stats_record(st, PFC_OP_STAT, pfc_now_ns() - t, ret);
	if (t0)
		*t0 = t;
	return ret;
}

int pfc_fs_open(struct pfc_stats *st, const char *path, int flags,
		uint64_t *t0)
{
	uint64_t t = pfc_now_ns();
	int fd = open(path, flags | O_CLOEXEC);
	int ret = fd < 0 ? -errno : fd;

	pfc_stats_record(st, PFC_OP_OPEN, pfc_now_ns() - t,
			 ret < 0 ? ret : 0);
	if (t0)
		*t0 = t;
	return ret;
}

ssize_t pfc_fs_read(struct pfc_stats *st, int fd, char *buf, size_t len)
{
	uint64_t t = pfc_now_ns();
	ssize_t n = read(fd, buf, len);
	ssize_t ret = n < 0 ? -errno : n;

	pfc_stats_record(st, PFC_OP_READ, pfc_now_ns() - t,
			 ret < 0 ? (int)ret : 0);
	return ret;
}

/* Read from offset 0 (seq_file friendly), counted as op */
ssize_t pfc_fs_pread0(struct pfc_stats *st, enum pfc_op op, int fd,
		      char *buf, size_t len)
{
	uint64_t t = pfc_now_ns();
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) < 0 && errno != ESPIPE) {
		n = -errno;
		pfc_stats_record(st, op, pfc_now_ns() - t, (int)n);
		return n;
	}
	n = read(fd, buf, len);
	if (n < 0)
		n = -errno;
	pfc_stats_record(st, op, pfc_now_ns() - t, n < 0 ? (int)n : 0);
	return n;
}

ssize_t pfc_fs_write(struct pfc_stats *st, enum pfc_op op, int fd,
		     const char *buf)
{
	uint64_t t = pfc_now_ns();
	ssize_t n = write(fd, buf, strlen(buf));

	if (n < 0)
		n = -errno;
	pfc_stats_record(st, op, pfc_now_ns() - t, n < 0 ? (int)n : 0);
	return n;
}

/* open + read all (up to len - 1) + close; returns bytes or -errno */
ssize_t pfc_fs_read_file(struct pfc_stats *st, const char *path, char *buf,
			 size_t len, uint64_t *t0)
{
	size_t off = 0;
	ssize_t n;
	int fd;

	fd = pfc_fs_open(st, path, O_RDONLY, t0);
	if (fd < 0)
		return fd;
	while (off + 1 < len) {
		n = pfc_fs_read(st, fd, buf + off, len - 1 - off);
		if (n < 0) {
			close(fd);
			return n;
		}
		if (!n)
			break;
		off += n;
	}
	buf[off] = '\0';
	close(fd);
	return off;
}

/*
 * Walk a directory fd with raw getdents64 calls of bufsz bytes into
 * buf (8-byte aligned), calling fn for every entry but "." and "..".
 * Returns the number of entries or -errno.  Async-signal-safe as long
 * as fn is: forked children use it too.
 */
int pfc_getdents_raw(int fd, char *buf, size_t bufsz, pfc_dirent_fn fn,
		     void *arg)
{
	int entries = 0;
	long n, off;

	for (;;) {
		n = syscall(SYS_getdents64, fd, buf, bufsz);
		if (n < 0)
			return -errno;
		if (!n)
			break;
		for (off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);

			off += d->d_reclen;
			if (d->d_name[0] == '.' &&
			    (!d->d_name[1] ||
			     (d->d_name[1] == '.' && !d->d_name[2])))
				continue;
			entries++;
			if (fn)
				fn(d->d_name, d->d_type, arg);
		}
	}
	return entries;
}

int pfc_fs_getdents_fd(struct pfc_stats *st, int fd, size_t bufsz,
		       pfc_dirent_fn fn, void *arg)
{
	char buf[32768] __aligned(8);

	if (bufsz > sizeof(buf))
		bufsz = sizeof(buf);
	if (bufsz < 256)
		bufsz = 256;
	return pfc_getdents_raw(fd, buf, bufsz, fn, arg);
}

/* One full directory pass, timed as a single getdents op */
int pfc_fs_getdents(struct pfc_stats *st, const char *path, size_t bufsz,
		    pfc_dirent_fn fn, void *arg, uint64_t *t0)
{
	uint64_t t = pfc_now_ns();
	int fd, ret;

	if (t0)
		*t0 = t;
	fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		pfc_stats_record(st, PFC_OP_GETDENTS, pfc_now_ns() - t, ret);
		return ret;
	}
	ret = pfc_fs_getdents_fd(st, fd, bufsz, fn, arg);
	close(fd);
	pfc_stats_record(st, PFC_OP_GETDENTS, pfc_now_ns() - t,
			 ret < 0 ? ret : 0);
	return ret;
}
