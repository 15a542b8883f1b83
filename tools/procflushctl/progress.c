// SPDX-License-Identifier: GPL-2.0-only
/*
 * Progress line on stderr, refreshed four times a second.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "progress.h"
#include "scenario.h"
#include "sig.h"
#include "util.h"

static pthread_t progress_th;
static atomic_bool progress_stop;
static bool progress_on;

static void *progress_main(void *arg)
{
	struct pfc_ctx *ctx = arg;

	while (!atomic_load(&progress_stop)) {
		double el = (double)(pfc_now_ns() - ctx->start_ns) /
			    NSEC_PER_SEC;

		fprintf(stderr, "\r  %-18s %8llu/%-8llu ops %6.1fs / %.0fs ",
			ctx->info->name,
			(unsigned long long)atomic_load(&ctx->ops_done),
			(unsigned long long)ctx->ops_target, el,
			ctx->duration);
		fflush(stderr);
		pfc_sleep_ns(250 * NSEC_PER_MSEC);
	}
	fprintf(stderr, "\r\033[K");
	fflush(stderr);
	return NULL;
}

void pfc_progress_start(struct pfc_ctx *ctx)
{
	sigset_t old;

	if (!ctx->progress)
		return;
	atomic_store(&progress_stop, false);
	pfc_sig_block_workers(&old);
	progress_on = !pthread_create(&progress_th, NULL, progress_main, ctx);
	pfc_sig_restore(&old);
}

void pfc_progress_stop(void)
{
	if (!progress_on)
		return;
	atomic_store(&progress_stop, true);
	pthread_join(progress_th, NULL);
	progress_on = false;
}
