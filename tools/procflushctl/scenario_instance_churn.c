// SPDX-License-Identifier: GPL-2.0-only
/*
 * instance-churn: a driver creates tracefs instances, accesses their
 * events (listing, stat, an event's format) and removes them, while
 * accessor threads hit random live and just-removed instances.  After
 * a remove returned, nothing under instances/NAME may be reachable.
 * Removal is refused with EBUSY while an accessor holds a file of the
 * instance open; that is retried and counted.
 *
 * The accessed event is the scenario's kprobe anchor, or a static
 * event when the kernel has no kprobe events.
 */
#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "churn.h"
#include "fsops.h"
#include "scenario.h"
#include "tfs.h"
#include "worker.h"

#define IC_SLOTS	8

struct ic_shared {
	struct pfc_objtab tab;
	char anchor[PFC_NAME_MAX];
	char event_rel[160];	/* "events/group/event" */
};

static void inst_path(struct pfc_ctx *ctx, char *buf, size_t len,
		      const char *inst, const char *rel)
{
	snprintf(buf, len, "%s/instances/%s%s%s", ctx->tfs->dir, inst,
		 rel ? "/" : "", rel ? rel : "");
}

/* One access of kind k (0..3) to an instance; judged against snap */
static int access_instance(struct pfc_ctx *ctx, struct pfc_stats *st,
			   struct ic_shared *sh,
			   const struct pfc_objsnap *snap, unsigned int k)
{
	char p[PATH_MAX], rel[200], buf[4096];
	const char *op = "stat";
	uint64_t t0;
	ssize_t n;
	int ret;

	switch (k) {
	case 0:
		inst_path(ctx, p, sizeof(p), snap->name, "events");
		ret = pfc_fs_stat(st, p, &t0);
		break;
	case 1:
		inst_path(ctx, p, sizeof(p), snap->name, "events");
		op = "getdents";
		ret = pfc_fs_getdents(st, p, 1024, NULL, NULL, &t0);
		ret = ret < 0 ? ret : 0;
		break;
	case 2:
		snprintf(rel, sizeof(rel), "%s/enable", sh->event_rel);
		inst_path(ctx, p, sizeof(p), snap->name, rel);
		ret = pfc_fs_stat(st, p, &t0);
		break;
	default:
		snprintf(rel, sizeof(rel), "%s/format", sh->event_rel);
		inst_path(ctx, p, sizeof(p), snap->name, rel);
		op = "open";
		n = pfc_fs_read_file(st, p, buf, sizeof(buf), &t0);
		ret = n < 0 ? (int)n : 0;
		break;
	}
	pfc_judge(ctx, st, snap, op, p, t0, ret);
	return ret;
}

static void accessor_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct ic_shared *sh = w->arg;
	struct pfc_objsnap snap;

	while (pfc_running(ctx) && !atomic_load(&ctx->drivers_done)) {
		if (!pfc_objtab_get(&sh->tab, pfc_w_rand(w, sh->tab.n),
				    &snap)) {
			pfc_sleep_ns(200 * NSEC_PER_USEC);
			continue;
		}
		access_instance(ctx, &w->st, sh, &snap, pfc_w_rand(w, 4));
	}
}

static void driver_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct ic_shared *sh = w->arg;
	struct pfc_objsnap snap;
	char name[PFC_NAME_MAX];
	unsigned int slot = 0, k;
	uint64_t done;
	int ret;

	while (pfc_take_op(ctx)) {
		if (pfc_name_make(&ctx->names, name, sizeof(name), "ic",
				  w->idx, w->seq++))
			break;
		ret = pfc_inst_create(ctx, &w->st, name);
		if (ret) {
			pfc_env_error(ctx, "cannot create instance %s: %s",
				      name, strerror(-ret));
			break;
		}
		pfc_objtab_live(&sh->tab, slot, name, 0);
		pfc_objtab_get(&sh->tab, slot, &snap);
		for (k = 0; k < 4; k++) {
			ret = access_instance(ctx, &w->st, sh, &snap, k);
			if (ret)
				pfc_result_violation(ctx->res, "live-missing",
						     "access", name, false, 0,
						     "access %u to a live instance failed: %s",
						     k, strerror(-ret));
		}
		ret = pfc_inst_destroy_retry(ctx, &w->st, name, &done);
		if (ret) {
			pfc_result_violation(ctx->res, "delete-failed",
					     "inst-destroy", name, false, 0,
					     "removing instance failed: %s",
					     strerror(-ret));
			break;
		}
		pfc_objtab_deleted(&sh->tab, slot, done);
		pfc_churned(ctx, 1);
		/* right after the remove: nothing of it may be reachable */
		pfc_objtab_get(&sh->tab, slot, &snap);
		for (k = 0; k < 4; k++)
			access_instance(ctx, &w->st, sh, &snap, k);
		slot = (slot + 1) % sh->tab.n;
		pfc_op_done(ctx);
	}
}

void pfc_scen_instance_churn(struct pfc_ctx *ctx)
{
	unsigned int accessors = ctx->threads > 1 ? ctx->threads - 1 : 1;
	struct pfc_pool drv, acc;
	struct ic_shared *sh;

	sh = calloc(1, sizeof(*sh));
	if (!sh || pfc_objtab_init(&sh->tab, IC_SLOTS)) {
		pfc_env_error(ctx, "out of memory");
		free(sh);
		return;
	}
	if (ctx->tfs->have_kprobes) {
		if (pfc_anchor_create(ctx, sh->anchor, sizeof(sh->anchor)))
			goto out;
		snprintf(sh->event_rel, sizeof(sh->event_rel), "events/%s/%s",
			 ctx->tfs->group, sh->anchor);
	} else if (ctx->tfs->static_event[0]) {
		snprintf(sh->event_rel, sizeof(sh->event_rel), "events/%s",
			 ctx->tfs->static_event);
	} else {
		pfc_skip(ctx, "no kprobe events and no known static event");
		goto out;
	}
	pfc_mark_baseline(ctx);

	pfc_pool_start(&drv, ctx, 1, 0, driver_main, sh);
	pfc_pool_start(&acc, ctx, accessors, 1, accessor_main, sh);
	pfc_pool_join(&drv);
	atomic_store(&ctx->drivers_done, true);
	pfc_pool_join(&acc);

	pfc_mark_after(ctx);
	if (sh->anchor[0])
		pfc_anchor_delete(ctx, sh->anchor);
out:
	pfc_objtab_free(&sh->tab);
	free(sh);
}
