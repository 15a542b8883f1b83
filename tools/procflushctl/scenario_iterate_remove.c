// SPDX-License-Identifier: GPL-2.0-only
/*
 * iterate-remove: readdir loops over events/GROUP, events/ and the
 * same directories of a tracefs instance while probes come and go
 * (the eventfs_iterate race fixed upstream by d2603279c7d6).
 *
 * Small getdents buffers make every pass take several calls, so
 * entries disappear between them.  A pass that started after an
 * event's delete returned must not list it (violation).  The anchor,
 * which never goes away, must be listed exactly once per pass, and no
 * name twice: POSIX leaves only entries added or removed during the
 * pass unspecified, not stable ones, and a repeated name is the
 * offset confusion of the eventfs_iterate race (violations).
 */
#include <limits.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "churn.h"
#include "fsops.h"
#include "scenario.h"
#include "tfs.h"
#include "worker.h"

#define IT_WINDOW	6
#define IT_MAX_SEEN	512
#define CTR_PASSES	"readdir.passes"
#define CTR_ANCHOR_MISS	"readdir.anchor_missed"
#define CTR_DUPS	"readdir.duplicate_entries"

struct it_shared {
	struct pfc_churn churn;
	char anchor[PFC_NAME_MAX];
	char inst[PFC_NAME_MAX];
};

struct pass {
	char names[IT_MAX_SEEN][PFC_NAME_MAX];
	unsigned int n;
	unsigned int dups;
	unsigned int anchor_seen;
	const char *anchor;
	uint64_t *rng;
};

static void pass_cb(const char *name, unsigned char type, void *arg)
{
	struct pass *p = arg;
	unsigned int i;

	if (!strcmp(name, p->anchor))
		p->anchor_seen++;
	for (i = 0; i < p->n; i++) {
		if (!strcmp(p->names[i], name)) {
			p->dups++;
			return;
		}
	}
	if (p->n < IT_MAX_SEEN)
		pfc_strlcpy(p->names[p->n++], name, PFC_NAME_MAX);
	/* give removals a chance to land inside the pass */
	if (pfc_rng_below(p->rng, 8) == 0)
		sched_yield();
}

static void iterator_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct it_shared *sh = w->arg;
	struct pfc_objsnap *snaps;
	struct pass *p;
	char dir[PATH_MAX];
	unsigned int i, j, n = sh->churn.tab.n;
	uint64_t t0;
	int ret, which;

	p = calloc(1, sizeof(*p));
	snaps = calloc(n, sizeof(*snaps));
	if (!p || !snaps) {
		pfc_result_note(ctx->res, "iterator %u: out of memory", w->idx);
		goto out;
	}
	while (pfc_running(ctx) && !atomic_load(&ctx->drivers_done)) {
		const char *inst;
		bool group;

		which = pfc_w_rand(w, 4);
		inst = which & 1 ? sh->inst : NULL;
		group = !(which & 2);
		if (group) {
			pfc_ev_path(ctx, dir, sizeof(dir), inst, NULL, NULL);
		} else if (inst) {
			snprintf(dir, sizeof(dir), "%s/instances/%s/events",
				 ctx->tfs->dir, inst);
		} else {
			snprintf(dir, sizeof(dir), "%s/events", ctx->tfs->dir);
		}
		/* what was already deleted when the pass starts */
		for (i = 0; i < n; i++)
			pfc_objtab_get(&sh->churn.tab, i, &snaps[i]);
		p->n = 0;
		p->dups = 0;
		p->anchor_seen = 0;
		p->anchor = group ? sh->anchor : ctx->tfs->group;
		p->rng = &w->st.rng;
		ret = pfc_fs_getdents(&w->st, dir, 256 + pfc_w_rand(w, 512),
				      pass_cb, p, &t0);
		if (ret < 0)
			continue;
		pfc_stats_count(&w->st, CTR_PASSES, 1);
		if (p->anchor_seen != 1)
			pfc_stats_count(&w->st, CTR_ANCHOR_MISS, 1);
		if (p->dups)
			pfc_stats_count(&w->st, CTR_DUPS, p->dups);
		pfc_judge_readdir_pass(ctx->res, dir, p->anchor_seen, p->dups);
		if (!group)
			continue;
		for (i = 0; i < n; i++) {
			if (!snaps[i].gen || !snaps[i].deleted ||
			    snaps[i].del_ns > t0)
				continue;
			for (j = 0; j < p->n; j++) {
				char path[PATH_MAX];

				if (strcmp(p->names[j], snaps[i].name))
					continue;
				snprintf(path, sizeof(path), "%s/%s", dir,
					 snaps[i].name);
				pfc_judge(ctx, &w->st, &snaps[i], "getdents",
					  path, t0, 0);
			}
		}
	}
out:
	free(p);
	free(snaps);
}

void pfc_scen_iterate_remove(struct pfc_ctx *ctx)
{
	unsigned int churners = 1 + ctx->threads / 4;
	struct pfc_pool iters, ch;
	struct it_shared *sh;
	int ret;

	sh = calloc(1, sizeof(*sh));
	if (!sh || pfc_churn_init(&sh->churn, churners, IT_WINDOW, true,
				  "i")) {
		pfc_env_error(ctx, "out of memory");
		free(sh);
		return;
	}
	snprintf(sh->inst, sizeof(sh->inst), "%sit", ctx->names.prefix);
	ret = pfc_inst_create(ctx, &ctx->res->stats, sh->inst);
	if (ret) {
		pfc_env_error(ctx, "cannot create instance %s: %s", sh->inst,
			      strerror(-ret));
		goto out;
	}
	if (pfc_anchor_create(ctx, sh->anchor, sizeof(sh->anchor)))
		goto out_inst;
	pfc_event_access_full(ctx, &ctx->res->stats, NULL, sh->inst,
			      sh->anchor);
	pfc_mark_baseline(ctx);

	if (!pfc_pool_start(&ch, ctx, churners, 0, pfc_churn_worker,
			    &sh->churn))
		pfc_pool_start(&iters, ctx, ctx->threads, churners,
			       iterator_main, sh);
	else
		memset(&iters, 0, sizeof(iters));
	pfc_pool_join(&ch);
	atomic_store(&ctx->drivers_done, true);
	pfc_pool_join(&iters);

	pfc_mark_after(ctx);
	pfc_anchor_delete(ctx, sh->anchor);
out_inst:
	ret = pfc_inst_destroy(ctx, &ctx->res->stats, sh->inst, NULL);
	if (ret)
		pfc_result_note(ctx->res, "instance %s: destroy failed: %s",
				sh->inst, strerror(-ret));
out:
	pfc_churn_free(&sh->churn);
	free(sh);
}
