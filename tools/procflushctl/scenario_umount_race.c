// SPDX-License-Identifier: GPL-2.0-only
/*
 * umount-race: a mounter mounts procfs instances on fresh mount
 * points and unmounts them (plainly, which may be refused with EBUSY
 * while a reader is inside, or detached), a second driver creates and
 * removes tracefs instances, and kprobe events churn, all while
 * --threads readers walk into whatever is there.  One --ops unit is
 * one mount/umount cycle.
 *
 * After umount returned, path lookups must no longer reach the old
 * procfs; after an instance remove returned, nothing of it may be
 * reachable; the same for deleted events.
 */
#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include "churn.h"
#include "fsops.h"
#include "procfs.h"
#include "scenario.h"
#include "tfs.h"
#include "worker.h"

#define UR_SLOTS	8
#define CTR_EBUSY_UMOUNT	"expected.EBUSY_umount_busy"

static const char * const mount_opts[] = {
	"hidepid=invisible", "subset=pid", "", "hidepid=ptraceable",
};

struct ur_shared {
	struct pfc_objtab mounts;	/* name = mount point path */
	struct pfc_objtab insts;	/* name = instance name */
	struct pfc_churn churn;
	bool churn_on;
};

static void read_mount(struct pfc_ctx *ctx, struct pfc_stats *st,
		       const struct pfc_objsnap *snap, unsigned int k)
{
	char p[PATH_MAX], buf[1024];
	uint64_t t0;
	ssize_t n;
	int ret;

	switch (k % 3) {
	case 0:
		snprintf(p, sizeof(p), "%s/self/stat", snap->name);
		n = pfc_fs_read_file(st, p, buf, sizeof(buf), &t0);
		pfc_judge(ctx, st, snap, "read", p, t0, n < 0 ? (int)n : 0);
		break;
	case 1:
		snprintf(p, sizeof(p), "%s/self/task", snap->name);
		ret = pfc_fs_getdents(st, p, 1024, NULL, NULL, &t0);
		pfc_judge(ctx, st, snap, "getdents", p, t0, ret < 0 ? ret : 0);
		break;
	default:
		snprintf(p, sizeof(p), "%s/self", snap->name);
		ret = pfc_fs_stat(st, p, &t0);
		pfc_judge(ctx, st, snap, "stat", p, t0, ret);
		break;
	}
}

static void read_instance(struct pfc_ctx *ctx, struct pfc_stats *st,
			  const struct pfc_objsnap *snap, unsigned int k)
{
	char p[PATH_MAX];
	uint64_t t0;
	int ret;

	snprintf(p, sizeof(p), "%s/instances/%s/events", ctx->tfs->dir,
		 snap->name);
	if (k & 1) {
		ret = pfc_fs_stat(st, p, &t0);
		pfc_judge(ctx, st, snap, "stat", p, t0, ret);
	} else {
		ret = pfc_fs_getdents(st, p, 1024, NULL, NULL, &t0);
		pfc_judge(ctx, st, snap, "getdents", p, t0, ret < 0 ? ret : 0);
	}
}

static void mounter_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct ur_shared *sh = w->arg;
	struct pfc_objsnap snap;
	char mp[PATH_MAX];
	unsigned int slot = 0, k;
	uint64_t done;
	int ret, flags;

	while (pfc_take_op(ctx)) {
		snprintf(mp, sizeof(mp), "%s/um%llu", ctx->scratch, w->seq++);
		ret = pfc_mkdir(ctx, mp);
		if (!ret)
			ret = pfc_mount_proc(ctx, &w->st, mp,
					     mount_opts[w->seq % 4]);
		if (ret) {
			pfc_env_error(ctx, "mounting procfs at %s: %s", mp,
				      strerror(-ret));
			pfc_rmdir(ctx, mp);
			break;
		}
		pfc_objtab_live(&sh->mounts, slot, mp, 0);
		pfc_objtab_get(&sh->mounts, slot, &snap);
		for (k = 0; k < 3; k++)
			read_mount(ctx, &w->st, &snap, k);
		pfc_sleep_ns(pfc_w_rand(w, 2 * NSEC_PER_MSEC));

		flags = w->seq % 2 ? MNT_DETACH : 0;
		ret = pfc_umount(ctx, &w->st, mp, flags, &done);
		if (ret == -EBUSY) {
			pfc_stats_count(&w->st, CTR_EBUSY_UMOUNT, 1);
			ret = pfc_umount(ctx, &w->st, mp, MNT_DETACH, &done);
		}
		if (ret) {
			pfc_result_violation(ctx->res, "umount-failed", "umount",
					     mp, false, 0, "umount failed: %s",
					     strerror(-ret));
			break;
		}
		pfc_objtab_deleted(&sh->mounts, slot, done);
		pfc_churned(ctx, 1);
		pfc_objtab_get(&sh->mounts, slot, &snap);
		for (k = 0; k < 3; k++)
			read_mount(ctx, &w->st, &snap, k);
		pfc_rmdir(ctx, mp);
		slot = (slot + 1) % UR_SLOTS;
		pfc_op_done(ctx);
	}
}

static void instancer_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct ur_shared *sh = w->arg;
	struct pfc_objsnap snap;
	char name[PFC_NAME_MAX];
	unsigned int slot = 0, k;
	uint64_t done;
	int ret;

	while (pfc_running(ctx) && !atomic_load(&ctx->drivers_done)) {
		if (pfc_name_make(&ctx->names, name, sizeof(name), "u", w->idx,
				  w->seq++))
			break;
		ret = pfc_inst_create(ctx, &w->st, name);
		if (ret) {
			pfc_result_note(ctx->res, "instance create: %s",
					strerror(-ret));
			break;
		}
		pfc_objtab_live(&sh->insts, slot, name, 0);
		pfc_objtab_get(&sh->insts, slot, &snap);
		for (k = 0; k < 2; k++)
			read_instance(ctx, &w->st, &snap, k);
		ret = pfc_inst_destroy_retry(ctx, &w->st, name, &done);
		if (ret) {
			pfc_result_violation(ctx->res, "delete-failed",
					     "inst-destroy", name, false, 0,
					     "removing instance failed: %s",
					     strerror(-ret));
			break;
		}
		pfc_objtab_deleted(&sh->insts, slot, done);
		pfc_churned(ctx, 1);
		pfc_objtab_get(&sh->insts, slot, &snap);
		for (k = 0; k < 2; k++)
			read_instance(ctx, &w->st, &snap, k);
		slot = (slot + 1) % UR_SLOTS;
	}
}

static void reader_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct ur_shared *sh = w->arg;
	struct pfc_objsnap snap;
	unsigned int which;

	while (pfc_running(ctx) && !atomic_load(&ctx->drivers_done)) {
		which = pfc_w_rand(w, sh->churn_on ? 3 : 2);
		if (which == 0 &&
		    pfc_objtab_get(&sh->mounts, pfc_w_rand(w, UR_SLOTS), &snap))
			read_mount(ctx, &w->st, &snap, pfc_w_rand(w, 3));
		else if (which == 1 &&
			 pfc_objtab_get(&sh->insts, pfc_w_rand(w, UR_SLOTS),
					&snap))
			read_instance(ctx, &w->st, &snap, pfc_w_rand(w, 2));
		else if (which == 2 &&
			 pfc_objtab_get(&sh->churn.tab,
					pfc_w_rand(w, sh->churn.tab.n), &snap))
			pfc_event_access_random(ctx, &w->st, &w->st.rng, &snap,
						NULL);
		else
			pfc_sleep_ns(100 * NSEC_PER_USEC);
	}
}

void pfc_scen_umount_race(struct pfc_ctx *ctx)
{
	struct pfc_pool mnt, inst, ch, rd;
	char anchor[PFC_NAME_MAX] = "";
	struct ur_shared *sh;

	if (!ctx->scratch) {
		pfc_env_error(ctx, "no private scratch directory to mount on");
		return;
	}
	sh = calloc(1, sizeof(*sh));
	if (!sh || pfc_objtab_init(&sh->mounts, UR_SLOTS) ||
	    pfc_objtab_init(&sh->insts, UR_SLOTS) ||
	    pfc_churn_init(&sh->churn, 1, 4, false, "r")) {
		pfc_env_error(ctx, "out of memory");
		free(sh);
		return;
	}
	sh->churn_on = ctx->tfs->have_kprobes;
	if (sh->churn_on && pfc_anchor_create(ctx, anchor, sizeof(anchor)))
		goto out;
	pfc_mark_baseline(ctx);

	pfc_pool_start(&mnt, ctx, 1, 0, mounter_main, sh);
	pfc_pool_start(&inst, ctx, 1, 1, instancer_main, sh);
	memset(&ch, 0, sizeof(ch));
	if (sh->churn_on)
		pfc_pool_start(&ch, ctx, 1, 2, pfc_churn_worker, &sh->churn);
	pfc_pool_start(&rd, ctx, ctx->threads, 3, reader_main, sh);
	pfc_pool_join(&mnt);
	atomic_store(&ctx->drivers_done, true);
	pfc_pool_join(&inst);
	pfc_pool_join(&ch);
	pfc_pool_join(&rd);

	pfc_mark_after(ctx);
	if (anchor[0])
		pfc_anchor_delete(ctx, anchor);
out:
	pfc_churn_free(&sh->churn);
	pfc_objtab_free(&sh->insts);
	pfc_objtab_free(&sh->mounts);
	free(sh);
}
