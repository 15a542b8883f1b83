// SPDX-License-Identifier: GPL-2.0-only
/*
 * kprobe-churn: create -> access -> delete uniquely named kprobe
 * events, with an anchor event keeping the group directory alive.
 *
 * Every --stale-every'th deleted event is probed right after its
 * delete returned: any successful stat/open/listing is a stale access.
 * A probe looks the name up, which on an unpatched kernel makes the
 * dcache drop that event's dentries; the other events are left alone
 * so that the dentry residual shows what a delete leaves behind.
 *
 * The --ops budget is spent in PFC_ROUNDS equal rounds; nr_dentry is
 * read after each, and the residual verdict is the median over the
 * rounds of the growth per unprobed event.
 */
#include <errno.h>
#include <stdatomic.h>
#include <string.h>

#include "churn.h"
#include "scenario.h"
#include "tfs.h"
#include "worker.h"

static void churn_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	char name[PFC_NAME_MAX];
	struct pfc_evfmt fmt;
	unsigned int fails = 0;
	uint64_t done;
	int ret;

	pfc_evfmt_init(&fmt);
	while (pfc_take_op(ctx)) {
		if (pfc_name_make(&ctx->names, name, sizeof(name), "c", w->idx,
				  w->seq++))
			break;
		ret = pfc_kp_create(ctx, &w->st, name);
		if (ret) {
			if (++fails > 20) {
				pfc_env_error(ctx, "kprobe creation keeps failing: %s",
					      strerror(-ret));
				break;
			}
			continue;
		}
		fails = 0;
		pfc_event_access_full(ctx, &w->st, &fmt, NULL, name);
		ret = pfc_kp_delete(ctx, &w->st, name, &done);
		if (ret) {
			pfc_result_violation(ctx->res, "delete-failed", "delete",
					     name, false, 0,
					     "deleting an idle event failed: %s",
					     strerror(-ret));
			continue;
		}
		pfc_churned(ctx, 1);
		if (w->seq % ctx->opts->stale_every == 0)
			pfc_event_probe_deleted(ctx, &w->st, NULL, name, done);
		else
			pfc_unprobed(ctx, 1);
		pfc_op_done(ctx);
	}
	pfc_evfmt_free(&fmt);
}

void pfc_scen_kprobe_churn(struct pfc_ctx *ctx)
{
	char anchor[PFC_NAME_MAX];
	struct pfc_evfmt fmt;
	struct pfc_pool pool;
	unsigned int r;
	int ret;

	if (pfc_anchor_create(ctx, anchor, sizeof(anchor)))
		return;
	/* warm the anchor's and the group's dentries before the baseline */
	pfc_evfmt_init(&fmt);
	pfc_event_access_full(ctx, &ctx->res->stats, &fmt, NULL, anchor);
	pfc_evfmt_free(&fmt);
	pfc_mark_baseline(ctx);

	for (r = 1; r <= PFC_ROUNDS && pfc_running(ctx); r++) {
		atomic_store(&ctx->ops_limit, ctx->ops_target * r / PFC_ROUNDS);
		/* new worker indexes each round keep the names unique */
		ret = pfc_pool_start(&pool, ctx, ctx->threads,
				     (r - 1) * ctx->threads, churn_main, NULL);
		pfc_pool_join(&pool);
		if (ret)
			break;
		if (!pfc_running(ctx) &&
		    atomic_load(&ctx->ops_taken) < atomic_load(&ctx->ops_limit))
			break;	/* cut short: not a full round */
		pfc_round_end(ctx);
	}

	pfc_mark_after(ctx);
	pfc_anchor_delete(ctx, anchor);
}
