/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hot access paths: timed raw syscalls on event files and /proc,
 * so that what is measured is the filesystem, not a library.
 */
#ifndef PFC_FSOPS_H
#define PFC_FSOPS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "stats.h"

typedef void (*pfc_dirent_fn)(const char *name, unsigned char type,
			      void *arg);

int pfc_fs_stat(struct pfc_stats *st, const char *path, uint64_t *t0);
int pfc_fs_open(struct pfc_stats *st, const char *path, int flags,
		uint64_t *t0);
ssize_t pfc_fs_read(struct pfc_stats *st, int fd, char *buf, size_t len);
ssize_t pfc_fs_pread0(struct pfc_stats *st, enum pfc_op op, int fd,
		      char *buf, size_t len);
ssize_t pfc_fs_write(struct pfc_stats *st, enum pfc_op op, int fd,
		     const char *buf);
ssize_t pfc_fs_read_file(struct pfc_stats *st, const char *path, char *buf,
			 size_t len, uint64_t *t0);
int pfc_fs_getdents(struct pfc_stats *st, const char *path, size_t bufsz,
		    pfc_dirent_fn fn, void *arg, uint64_t *t0);
int pfc_fs_getdents_fd(struct pfc_stats *st, int fd, size_t bufsz,
		       pfc_dirent_fn fn, void *arg);
int pfc_getdents_raw(int fd, char *buf, size_t bufsz, pfc_dirent_fn fn,
		     void *arg);

#endif /* PFC_FSOPS_H */
