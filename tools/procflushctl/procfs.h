/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The private mount namespace, the private scratch tmpfs, and procfs
 * instance mounts.
 */
#ifndef PFC_PROCFS_H
#define PFC_PROCFS_H

#include <stddef.h>
#include <stdint.h>

#include "stats.h"

struct pfc_ctx;

int pfc_private_ns(char *err, size_t len);
int pfc_scratch_create(struct pfc_ctx *ctx, char *out, size_t len,
		       char *err, size_t elen);
int pfc_mkdir(struct pfc_ctx *ctx, const char *path);
int pfc_rmdir(struct pfc_ctx *ctx, const char *path);
int pfc_mount_proc(struct pfc_ctx *ctx, struct pfc_stats *st,
		   const char *path, const char *opts);
int pfc_umount(struct pfc_ctx *ctx, struct pfc_stats *st, const char *path,
	       int flags, uint64_t *done_ns);

#endif /* PFC_PROCFS_H */
