// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scenario runner: sets the budget and deadline, takes the dentry
 * and kernel log measurements around the scenario, and judges.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "probeview.h"
#include "progress.h"
#include "scenario.h"
#include "sig.h"
#include "tfs.h"
#include "util.h"

static const pfc_scen_fn scen_fns[PFC_SCEN_NR] = {
	[PFC_SCEN_KPROBE_CHURN]		= pfc_scen_kprobe_churn,
	[PFC_SCEN_ACCESS_STORM]		= pfc_scen_access_storm,
	[PFC_SCEN_DELETE_OPEN]		= pfc_scen_delete_open,
	[PFC_SCEN_ITERATE_REMOVE]	= pfc_scen_iterate_remove,
	[PFC_SCEN_INSTANCE_CHURN]	= pfc_scen_instance_churn,
	[PFC_SCEN_CLEAR_ALL]		= pfc_scen_clear_all,
	[PFC_SCEN_PROC_STORM]		= pfc_scen_proc_storm,
	[PFC_SCEN_PS_STORM]		= pfc_scen_ps_storm,
	[PFC_SCEN_UMOUNT_RACE]		= pfc_scen_umount_race,
	[PFC_SCEN_TRACE_CMD]		= pfc_scen_trace_cmd,
	[PFC_SCEN_EXEC_STORM]		= pfc_scen_exec_storm,
	[PFC_SCEN_NOTIFY_STORM]		= pfc_scen_notify_storm,
	[PFC_SCEN_DESTROY_ONE]		= pfc_scen_destroy_one,
	[PFC_SCEN_PMU_CHURN]		= pfc_scen_pmu_churn,
};

bool pfc_running(struct pfc_ctx *ctx)
{
	if (pfc_interrupted() || atomic_load(&ctx->abort))
		return false;
	return pfc_now_ns() < ctx->deadline_ns;
}

/* Claim one unit of the --ops budget (or of the round's share of it) */
bool pfc_take_op(struct pfc_ctx *ctx)
{
	unsigned long long cur, lim;

	if (!pfc_running(ctx))
		return false;
	lim = atomic_load(&ctx->ops_limit);
	cur = atomic_load(&ctx->ops_taken);
	do {
		if (cur >= lim)
			return false;
	} while (!atomic_compare_exchange_weak(&ctx->ops_taken, &cur,
					       cur + 1));
	return true;
}

void pfc_op_done(struct pfc_ctx *ctx)
{
	atomic_fetch_add(&ctx->ops_done, 1);
}

void pfc_churned(struct pfc_ctx *ctx, unsigned long long n)
{
	atomic_fetch_add(&ctx->objects, n);
}

/* n removed objects whose paths the scenario will not look up again */
void pfc_unprobed(struct pfc_ctx *ctx, unsigned long long n)
{
	atomic_fetch_add(&ctx->unprobed, n);
}

void pfc_abort(struct pfc_ctx *ctx, const char *reason)
{
	if (!atomic_exchange(&ctx->abort, true))
		ctx->abort_reason = reason;
}

void pfc_skip(struct pfc_ctx *ctx, const char *fmt, ...)
{
	char buf[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ctx->res->skipped = true;
	pfc_result_note(ctx->res, "SKIP: %s", buf);
}

void pfc_env_error(struct pfc_ctx *ctx, const char *fmt, ...)
{
	char buf[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	ctx->res->env_error = true;
	pfc_result_note(ctx->res, "%s", buf);
	pfc_abort(ctx, "environment");
}

/*
 * --ops N counted per round, for scenarios that repeat their work
 * 'rounds' times: the budget becomes N * rounds.  Returns N.
 */
uint64_t pfc_budget_rounds(struct pfc_ctx *ctx, unsigned int rounds)
{
	uint64_t n = ctx->ops_target;

	ctx->ops_target = n * rounds;
	ctx->res->ops_target = ctx->ops_target;
	atomic_store(&ctx->ops_limit, ctx->ops_target);
	return n;
}

/* The whole budget must be done, or (unless interrupted) it is an ERROR */
void pfc_judge_budget_done(struct pfc_ctx *ctx, const char *what)
{
	if (!pfc_interrupted())
		pfc_judge_work_all(ctx->res, what, atomic_load(&ctx->ops_done),
				   ctx->ops_target);
}

uint64_t pfc_ctx_seed(struct pfc_ctx *ctx, unsigned int stream)
{
	return pfc_rng_seed(ctx->seed,
			    ((uint64_t)ctx->id << 32) | (uint64_t)stream);
}

static void sleep_quiesce(struct pfc_ctx *ctx)
{
	pfc_sleep_ns((uint64_t)ctx->opts->quiesce_ms * NSEC_PER_MSEC);
}

static void start_clock(struct pfc_ctx *ctx)
{
	ctx->start_ns = pfc_now_ns();
	ctx->deadline_ns = ctx->start_ns +
			   (uint64_t)(ctx->duration * (double)NSEC_PER_SEC);
}

/*
 * Baseline: once the setup has settled for the quiesce time.
 * Scenarios call this again after their setup (anchor event, mounts)
 * so that only the churn is measured; each call restarts the clock, so
 * --duration is spent on the churn, not on the setup.
 */
void pfc_mark_baseline(struct pfc_ctx *ctx)
{
	sleep_quiesce(ctx);
	ctx->ds_ok = !pfc_dentry_read(&ctx->ds_before);
	ctx->nr_rounds = 0;
	ctx->round_unprobed0 = atomic_load(&ctx->unprobed);
	start_clock(ctx);
}

/*
 * End of one of the PFC_ROUNDS rounds of a scenario with a residual
 * verdict (no workers running): read nr_dentry now and once quiesced.
 * The quiesce sleep is not charged to --duration.  The last round's
 * reading is also the scenario's "after".
 */
void pfc_round_end(struct pfc_ctx *ctx)
{
	unsigned long long u = atomic_load(&ctx->unprobed);
	struct pfc_dentry_round *r;
	uint64_t t0 = pfc_now_ns();

	if (ctx->nr_rounds >= PFC_ROUNDS)
		return;
	r = &ctx->round[ctx->nr_rounds++];
	ctx->ds_ok = ctx->ds_ok && !pfc_dentry_read(&ctx->ds_after);
	sleep_quiesce(ctx);
	ctx->ds_ok = ctx->ds_ok && !pfc_dentry_read(&ctx->ds_after_q);
	r->unprobed = u - ctx->round_unprobed0;
	r->nr_dentry = ctx->ds_after_q.nr_dentry;
	ctx->round_unprobed0 = u;
	ctx->deadline_ns += pfc_now_ns() - t0;
	if (ctx->nr_rounds == PFC_ROUNDS)
		ctx->after_marked = true;
}

/* After the churn, before teardown; then again once things settle */
void pfc_mark_after(struct pfc_ctx *ctx)
{
	if (ctx->after_marked)
		return;
	ctx->ds_ok = ctx->ds_ok && !pfc_dentry_read(&ctx->ds_after);
	sleep_quiesce(ctx);
	ctx->ds_ok = ctx->ds_ok && !pfc_dentry_read(&ctx->ds_after_q);
	ctx->after_marked = true;
}

static double tv_s(const struct timeval *tv)
{
	return (double)tv->tv_sec + (double)tv->tv_usec / 1e6;
}

void pfc_run_scenario(struct pfc_ctx *ctx, enum pfc_scen_id id,
		      struct pfc_result *res)
{
	const struct pfc_scen_info *info = &pfc_scen_info[id];
	const struct pfc_opts *o = ctx->opts;
	struct rusage ru0, ru1, rc0, rc1;
	unsigned int i;
	int ret;

	pfc_result_init(res, info->name, info->desc);
	ctx->id = id;
	ctx->info = info;
	ctx->res = res;
	ctx->ops_target = o->ops_set ? o->ops : info->ops;
	ctx->threads = o->threads_set ? o->threads : info->threads;
	ctx->duration = o->duration_set ? o->duration : info->duration;
	atomic_store(&ctx->ops_limit, ctx->ops_target);
	atomic_store(&ctx->ops_taken, 0);
	atomic_store(&ctx->ops_done, 0);
	atomic_store(&ctx->objects, 0);
	atomic_store(&ctx->unprobed, 0);
	atomic_store(&ctx->drivers_done, false);
	atomic_store(&ctx->abort, false);
	ctx->abort_reason = NULL;
	ctx->after_marked = false;
	ctx->nr_rounds = 0;
	memset(ctx->round, 0, sizeof(ctx->round));
	res->threads = ctx->threads;
	res->ops_target = ctx->ops_target;
	res->duration_cap = ctx->duration;

	if (pfc_interrupted()) {
		res->skipped = true;
		pfc_result_note(res, "not run: interrupted");
		pfc_result_finish(res);
		return;
	}
	if ((info->needs & PFC_NEED_KPROBES) &&
	    (!ctx->tfs || !ctx->tfs->have_kprobes)) {
		res->skipped = true;
		pfc_result_note(res, "SKIP: kernel has no kprobe events");
		pfc_result_finish(res);
		return;
	}
	if ((info->needs & PFC_NEED_TRACEFS) && !ctx->tfs) {
		res->skipped = true;
		pfc_result_note(res, "SKIP: tracefs not set up");
		pfc_result_finish(res);
		return;
	}
	if ((info->needs & PFC_NEED_MOUNT) && !ctx->private_ns) {
		res->env_error = true;
		pfc_result_note(res, "needs a private mount namespace, which could not be created");
		pfc_result_finish(res);
		return;
	}

	/* splats logged between scenarios belong to the previous one */
	if (ctx->kmsg)
		pfc_kmsg_collect(ctx->kmsg, NULL);
	res->taint_valid = !pfc_taint_read(&res->taint_before);
	if (o->drop_caches) {
		ret = pfc_drop_caches();
		if (ret)
			pfc_result_note(res, "drop_caches failed (%s): baseline not cleaned",
					strerror(-ret));
	}
	pfc_mark_baseline(ctx);
	getrusage(RUSAGE_SELF, &ru0);
	getrusage(RUSAGE_CHILDREN, &rc0);
	clock_gettime(CLOCK_REALTIME, &res->wall_start);

	res->ran = true;
	pfc_progress_start(ctx);
	scen_fns[id](ctx);
	pfc_progress_stop();

	res->start_ns = ctx->start_ns;	/* after the scenario's own setup */
	res->end_ns = pfc_now_ns();
	clock_gettime(CLOCK_REALTIME, &res->wall_end);
	getrusage(RUSAGE_SELF, &ru1);
	getrusage(RUSAGE_CHILDREN, &rc1);
	pfc_mark_after(ctx);

	res->ops_done = atomic_load(&ctx->ops_done);
	if (pfc_interrupted())
		res->stopped_by = "signal";
	else if (atomic_load(&ctx->abort))
		res->stopped_by = ctx->abort_reason ? ctx->abort_reason : "abort";
	else if (res->ops_done >= ctx->ops_target)
		res->stopped_by = "ops";
	else if (res->end_ns >= ctx->deadline_ns)
		res->stopped_by = "duration";
	else
		res->stopped_by = "done";

	res->user_s = tv_s(&ru1.ru_utime) - tv_s(&ru0.ru_utime);
	res->sys_s = tv_s(&ru1.ru_stime) - tv_s(&ru0.ru_stime);
	res->child_user_s = tv_s(&rc1.ru_utime) - tv_s(&rc0.ru_utime);
	res->child_sys_s = tv_s(&rc1.ru_stime) - tv_s(&rc0.ru_stime);

	if (ctx->kmsg) {
		unsigned long long rec0 = ctx->kmsg->records;
		unsigned long long lost0 = ctx->kmsg->lost;

		if (pfc_kmsg_collect(ctx->kmsg, &res->splats) >= 0) {
			res->kmsg_valid = true;
			res->kmsg_records = ctx->kmsg->records - rec0;
			res->kmsg_lost = ctx->kmsg->lost - lost0;
		}
	}
	if (res->taint_valid)
		res->taint_valid = !pfc_taint_read(&res->taint_after);

	res->dentry_valid = ctx->ds_ok && !res->skipped;
	res->din.valid = res->dentry_valid;
	res->din.before = ctx->ds_before.nr_dentry;
	res->din.after = ctx->ds_after.nr_dentry;
	res->din.after_q = ctx->ds_after_q.nr_dentry;
	res->din.objects = atomic_load(&ctx->objects);
	res->din.judged = info->residual_verdict;
	res->din.nr_rounds = ctx->nr_rounds;
	for (i = 0; i < ctx->nr_rounds; i++)
		res->din.round[i] = ctx->round[i];
	res->din.max_per_object = o->max_residual;
	res->din.max_abs = o->max_residual_abs;
	pfc_result_finish(res);
}
