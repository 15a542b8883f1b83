// SPDX-License-Identifier: GPL-2.0-only
/*
 * access-storm: --threads reader threads stat/open/read/getdents the
 * files of live and just-deleted events while 1 + threads/4 deleter
 * threads churn them.  Every access to an event whose delete had
 * returned before the access started must fail.
 *
 * Also measures the tool's own overhead: user vs system CPU time.
 */
#include <stdatomic.h>
#include <sys/resource.h>

#include "churn.h"
#include "scenario.h"
#include "tfs.h"
#include "worker.h"

#define STORM_WINDOW	8

static void reader_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct pfc_churn *c = w->arg;
	struct pfc_objsnap snap;

	while (pfc_running(ctx) && !atomic_load(&ctx->drivers_done)) {
		if (!pfc_objtab_get(&c->tab, pfc_w_rand(w, c->tab.n), &snap)) {
			pfc_sleep_ns(100 * NSEC_PER_USEC);
			continue;
		}
		pfc_event_access_random(ctx, &w->st, &w->st.rng, &snap, NULL);
	}
}

void pfc_scen_access_storm(struct pfc_ctx *ctx)
{
	unsigned int deleters = 1 + ctx->threads / 4;
	struct pfc_pool readers, churners;
	char anchor[PFC_NAME_MAX];
	struct pfc_churn churn;
	struct rusage r0, r1;
	double user, sys;

	if (pfc_churn_init(&churn, deleters, STORM_WINDOW, true, "s")) {
		pfc_env_error(ctx, "out of memory");
		return;
	}
	if (pfc_anchor_create(ctx, anchor, sizeof(anchor)))
		goto out;
	pfc_event_access_full(ctx, &ctx->res->stats, NULL, NULL, anchor);
	pfc_mark_baseline(ctx);

	getrusage(RUSAGE_SELF, &r0);
	pfc_pool_start(&churners, ctx, deleters, 0, pfc_churn_worker, &churn);
	pfc_pool_start(&readers, ctx, ctx->threads, deleters, reader_main,
		       &churn);
	pfc_pool_join(&churners);
	atomic_store(&ctx->drivers_done, true);
	pfc_pool_join(&readers);
	getrusage(RUSAGE_SELF, &r1);

	/* the tool's own overhead: goal is user < 10% of sys */
	user = (r1.ru_utime.tv_sec - r0.ru_utime.tv_sec) +
	       (r1.ru_utime.tv_usec - r0.ru_utime.tv_usec) / 1e6;
	sys = (r1.ru_stime.tv_sec - r0.ru_stime.tv_sec) +
	      (r1.ru_stime.tv_usec - r0.ru_stime.tv_usec) / 1e6;
	pfc_result_metric(ctx->res, "storm_user_s", user, "s");
	pfc_result_metric(ctx->res, "storm_sys_s", sys, "s");
	if (sys > 0) {
		pfc_result_metric(ctx->res, "storm_user_sys_ratio", user / sys,
				  "(goal < 0.10)");
		if (user / sys >= 0.10)
			pfc_result_note(ctx->res,
					"tool overhead above goal: user %.1f%% of sys",
					100.0 * user / sys);
	}

	pfc_mark_after(ctx);
	pfc_anchor_delete(ctx, anchor);
	pfc_result_note(ctx->res, "%u deleter threads, %u reader threads",
			deleters, ctx->threads);
out:
	pfc_churn_free(&churn);
}
