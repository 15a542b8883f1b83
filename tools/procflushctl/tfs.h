/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tracefs: finding (or privately mounting) it, kprobe events and
 * instances through libtracefs, event paths.
 */
#ifndef PFC_TFS_H
#define PFC_TFS_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "options.h"
#include "stats.h"

struct pfc_ctx;
struct tracefs_instance;

struct pfc_tfs {
	char dir[PATH_MAX];
	bool mounted_here;
	bool have_kprobes;
	char group[64];
	char symbol[128];
	char static_event[128];	/* "system/event" that always exists */

	/* notify-storm's remounts: what restores the owner */
	bool owner_saved;
	bool remounted;		/* owner changed, restore registered */
	unsigned long mnt_flags;	/* MS_* that keep the mount's flags */
	char owner_opts[64];	/* "uid=U,gid=G" as recorded */
	char super_opts[512];	/* as recorded, for the report */
};

int pfc_tfs_setup(struct pfc_tfs *t, const struct pfc_opts *o,
		  bool private_ns, bool need_kprobes, char *err, size_t len);
int pfc_tfs_pick_symbol(struct pfc_ctx *ctx, char *err, size_t len);
char *pfc_tfs_error(void);

int pfc_dynev_create(struct pfc_ctx *ctx, struct pfc_stats *st,
		     const char *group, const char *event, bool ret_probe);
int pfc_kp_create(struct pfc_ctx *ctx, struct pfc_stats *st,
		  const char *event);
int pfc_kp_delete(struct pfc_ctx *ctx, struct pfc_stats *st,
		  const char *event, uint64_t *done_ns);
int pfc_kp_remove(struct pfc_ctx *ctx, const char *group, const char *event);
int pfc_kp_set_enable(struct pfc_ctx *ctx, const char *inst,
		      const char *event, bool on);

int pfc_inst_create(struct pfc_ctx *ctx, struct pfc_stats *st,
		    const char *name);
int pfc_inst_destroy(struct pfc_ctx *ctx, struct pfc_stats *st,
		     const char *name, uint64_t *done_ns);
int pfc_inst_destroy_retry(struct pfc_ctx *ctx, struct pfc_stats *st,
			   const char *name, uint64_t *done_ns);
int pfc_inst_remove(const char *name);

/* counter of EBUSY retries in pfc_inst_destroy_retry() */
#define PFC_CTR_EBUSY_INST	"expected.EBUSY_instance_in_use"

int pfc_tfs_owner_save(struct pfc_ctx *ctx, char *err, size_t len);
int pfc_tfs_remount_owner(struct pfc_ctx *ctx, struct pfc_stats *st,
			  unsigned int uid, unsigned int gid);
int pfc_tfs_owner_restore(struct pfc_ctx *ctx);

int pfc_ev_path(struct pfc_ctx *ctx, char *buf, size_t len,
		const char *inst, const char *event, const char *file);
int pfc_grp_path(struct pfc_ctx *ctx, char *buf, size_t len,
		 const char *group, const char *event);
int pfc_tfs_path(struct pfc_ctx *ctx, char *buf, size_t len,
		 const char *rel);
int pfc_anchor_create(struct pfc_ctx *ctx, char *name, size_t len);
void pfc_anchor_delete(struct pfc_ctx *ctx, const char *name);

#endif /* PFC_TFS_H */
