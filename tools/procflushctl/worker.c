// SPDX-License-Identifier: GPL-2.0-only
/*
 * Starting and joining worker threads.  A worker that does not come
 * back long after the deadline is reported as a hang instead of
 * hanging the tool.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "scenario.h"
#include "sig.h"
#include "worker.h"

#define PFC_JOIN_GRACE_NS	(60 * NSEC_PER_SEC)

static void *worker_main(void *arg)
{
	struct pfc_worker *w = arg;

	w->fn(w);
	return NULL;
}

int pfc_pool_start(struct pfc_pool *p, struct pfc_ctx *ctx, unsigned int n,
		   unsigned int first_idx, pfc_worker_fn fn, void *arg)
{
	pthread_attr_t attr;
	sigset_t old;
	unsigned int i;
	int ret = 0;

	memset(p, 0, sizeof(*p));
	if (!n)
		return 0;
	p->w = calloc(n, sizeof(*p->w));
	if (!p->w) {
		pfc_env_error(ctx, "cannot start %u threads: out of memory", n);
		return -ENOMEM;
	}
	p->n = n;
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 1 << 20);
	pfc_sig_block_workers(&old);
	for (i = 0; i < n; i++) {
		struct pfc_worker *w = &p->w[i];

		w->ctx = ctx;
		w->idx = first_idx + i;
		w->nth = i;
		w->arg = arg;
		w->fn = fn;
		pfc_stats_init(&w->st, pfc_ctx_seed(ctx, w->idx + 1));
		ret = pthread_create(&w->th, &attr, worker_main, w);
		if (ret) {
			/* the scenario would run short-handed: an error */
			pfc_env_error(ctx, "could only start %u of %u threads: %s",
				      i, n, strerror(ret));
			ret = -ret;
			break;
		}
		w->started = true;
	}
	pfc_sig_restore(&old);
	pthread_attr_destroy(&attr);
	return ret;
}

static int join_deadline(struct pfc_worker *w, uint64_t deadline_ns)
{
	struct timespec ts;
	uint64_t left;
	int ret;

	for (;;) {
		uint64_t now = pfc_now_ns();

		left = deadline_ns > now ? deadline_ns - now : 0;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 1;
		ret = pthread_timedjoin_np(w->th, NULL, &ts);
		if (ret != ETIMEDOUT)
			return ret;
		if (!left || pfc_sig_urgent())
			return ret;	/* still ETIMEDOUT */
	}
}

void pfc_pool_join(struct pfc_pool *p)
{
	struct pfc_ctx *ctx;
	unsigned int i;
	int ret;

	if (!p->w)
		return;
	ctx = p->w[0].ctx;
	for (i = 0; i < p->n; i++) {
		struct pfc_worker *w = &p->w[i];

		if (!w->started)
			continue;
		ret = join_deadline(w, ctx->deadline_ns + PFC_JOIN_GRACE_NS);
		if (ret && pfc_sig_urgent()) {
			pfc_result_note(ctx->res, "worker %u abandoned after a second signal",
					w->idx);
			pfc_abort(ctx, "signal");
			continue;
		}
		if (ret) {
			pfc_result_violation(ctx->res, "hang", "", "", false, 0,
					     "worker %u still running %llu s after the deadline (stuck in the kernel?)",
					     w->idx,
					     (unsigned long long)PFC_JOIN_GRACE_NS / NSEC_PER_SEC);
			pfc_abort(ctx, "worker hung");
			continue;	/* its stats stay with it */
		}
		w->joined = true;
		pfc_stats_merge(&ctx->res->stats, &w->st);
		pfc_stats_free(&w->st);
	}
	for (i = 0; i < p->n; i++) {
		if (p->w[i].started && !p->w[i].joined)
			return;	/* leak the array: a thread still uses it */
	}
	free(p->w);
	p->w = NULL;
}
