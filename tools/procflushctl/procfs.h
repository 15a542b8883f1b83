/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The private mount namespace, the private scratch tmpfs, and procfs
 * instance mounts.
 */
#ifndef PFC_PROCFS_H
#define PFC_PROCFS_H

#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include "stats.h"

struct pfc_ctx;
struct pfc_opts;

int pfc_private_ns(char *err, size_t len);
int pfc_scratch_create(struct pfc_ctx *ctx, char *out, size_t len,
		       char *err, size_t elen);
int pfc_mkdir(struct pfc_ctx *ctx, const char *path);
int pfc_rmdir(struct pfc_ctx *ctx, const char *path);
int pfc_mount_proc(struct pfc_ctx *ctx, struct pfc_stats *st,
		   const char *path, const char *opts);
int pfc_umount(struct pfc_ctx *ctx, struct pfc_stats *st, const char *path,
	       int flags, uint64_t *done_ns);
const char *const *pfc_proc_opts(const struct pfc_opts *o,
				 const char *const *defs, unsigned int ndefs,
				 unsigned int *n);
int pfc_mount_proc_instances(struct pfc_ctx *ctx, char inst[][PATH_MAX],
			     unsigned int max, const char *tag,
			     const char *const *defs, unsigned int ndefs,
			     unsigned int *nr);
void pfc_umount_proc_instances(struct pfc_ctx *ctx, char inst[][PATH_MAX],
			       unsigned int nr);

#endif /* PFC_PROCFS_H */
