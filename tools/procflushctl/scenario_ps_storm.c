// SPDX-License-Identifier: GPL-2.0-only
/*
 * ps-storm: --threads readers each scan /proc and read every
 * /proc/<pid>/stat and cmdline, the 'ps -fe' workload, while a helper
 * keeps short-lived tasks coming and going.  One --ops unit is one
 * full scan.  Tasks vanishing mid-scan (ENOENT, ESRCH) are expected;
 * a stat whose pid field names another task is a violation.
 */
#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "churn.h"
#include "fsops.h"
#include "proctask.h"
#include "scenario.h"
#include "worker.h"

#define CTR_VANISHED	"expected.vanished_mid_scan"
#define CTR_TASKS_READ	"tasks_read"
#define CTR_DEGRADED	"degraded.scan_failed_no_fd_or_memory"

struct scan_arg {
	struct pfc_ctx *ctx;
	struct pfc_stats *st;
};

static void scan_cb(const char *name, unsigned char type, void *arg)
{
	struct scan_arg *a = arg;
	char p[64], buf[4096];
	long pid;
	ssize_t n;

	if (name[0] < '1' || name[0] > '9')
		return;
	snprintf(p, sizeof(p), "/proc/%s/stat", name);
	n = pfc_fs_read_file(a->st, p, buf, sizeof(buf), NULL);
	if (n == -ENOENT || n == -ESRCH) {
		pfc_stats_count(a->st, CTR_VANISHED, 1);
		return;
	}
	if (n < 0)
		return;
	pid = strtol(buf, NULL, 10);
	if (pid != strtol(name, NULL, 10) || !strchr(buf, '('))
		pfc_result_violation(a->ctx->res, "wrong-content", "read", p,
				     false, 0,
				     "stat of pid %s starts with \"%.40s\"",
				     name, buf);
	snprintf(p, sizeof(p), "/proc/%s/cmdline", name);
	n = pfc_fs_read_file(a->st, p, buf, sizeof(buf), NULL);
	if (n == -ENOENT || n == -ESRCH)
		pfc_stats_count(a->st, CTR_VANISHED, 1);
	pfc_stats_count(a->st, CTR_TASKS_READ, 1);
}

static void scanner_main(struct pfc_worker *w)
{
	struct scan_arg a = { w->ctx, &w->st };
	uint64_t t;
	int ret;

	while (pfc_take_op(w->ctx)) {
		t = pfc_now_ns();
		ret = pfc_fs_getdents(&w->st, "/proc", 8192, scan_cb, &a, NULL);
		pfc_stats_record(&w->st, PFC_OP_SCAN, pfc_now_ns() - t,
				 ret < 0 ? ret : 0);
		if (ret == -EMFILE || ret == -ENFILE || ret == -ENOMEM) {
			/* degrade: count it, back off, go on */
			pfc_stats_count(&w->st, CTR_DEGRADED, 1);
			pfc_sleep_ns(NSEC_PER_MSEC);
		} else if (ret < 0) {
			pfc_env_error(w->ctx, "cannot list /proc: %s",
				      strerror(-ret));
			break;
		}
		pfc_op_done(w->ctx);
	}
}

/* Background task churn so that scans race with exits */
static void churn_tasks_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	uint64_t done;
	pid_t pid;

	while (pfc_running(ctx) && !atomic_load(&ctx->drivers_done)) {
		pid = pfc_spawn_short(ctx, &w->st,
				      pfc_w_rand(w, 2 * NSEC_PER_MSEC));
		if (pid < 0) {
			pfc_sleep_ns(10 * NSEC_PER_MSEC);
			continue;
		}
		pfc_reap(ctx, &w->st, pid, &done);
	}
}

void pfc_scen_ps_storm(struct pfc_ctx *ctx)
{
	struct scan_arg a = { ctx, &ctx->res->stats };
	struct pfc_pool scanners, churn;

	/* first scan instantiates dentries of existing tasks: not ours */
	pfc_fs_getdents(&ctx->res->stats, "/proc", 8192, scan_cb, &a, NULL);
	pfc_mark_baseline(ctx);
	pfc_pool_start(&churn, ctx, 1, 0, churn_tasks_main, NULL);
	pfc_pool_start(&scanners, ctx, ctx->threads, 1, scanner_main, NULL);
	pfc_pool_join(&scanners);
	atomic_store(&ctx->drivers_done, true);
	pfc_pool_join(&churn);
	if (ctx->res->stats.op[PFC_OP_SCAN].lat.count &&
	    !pfc_stats_counter(&ctx->res->stats, CTR_TASKS_READ))
		pfc_env_error(ctx, "no /proc scan could read a task (out of fds or memory?)");
	else if (pfc_stats_counter(&ctx->res->stats, CTR_DEGRADED))
		pfc_result_note(ctx->res, "degraded: %llu scans failed for lack of fds or memory",
				(unsigned long long)pfc_stats_counter(&ctx->res->stats,
								      CTR_DEGRADED));
}
