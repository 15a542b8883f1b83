// SPDX-License-Identifier: GPL-2.0-only
/*
 * The scenario runner: sets the budget and deadline, takes the dentry
 * and kernel log measurements around the scenario, and judges.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

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
};

bool pfc_running(struct pfc_ctx *ctx)
{
	if (pfc_interrupted() || atomic_load(&ctx->abort))
		return false;
	return pfc_now_ns() < ctx->deadline_ns;
}

/* Claim one unit of the --ops budget */
bool pfc_take_op(struct pfc_ctx *ctx)
{
	if (!pfc_running(ctx))
		return false;
	if (atomic_fetch_add(&ctx->ops_taken, 1) >= ctx->ops_target)
		return false;
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

uint64_t pfc_ctx_seed(struct pfc_ctx *ctx, unsigned int stream)
{
	return pfc_rng_seed(ctx->seed,
			    ((uint64_t)ctx->id << 32) | (uint64_t)stream);
}

static void sleep_quiesce(struct pfc_ctx *ctx)
{
	pfc_sleep_ns((uint64_t)ctx->opts->quiesce_ms * NSEC_PER_MSEC);
}

/*
 * Baseline: a no-op interval as long as the quiesce sleep, whose
 * drift is subtracted as noise.  Scenarios call this again after their
 * setup (anchor event, mounts) so only the churn is measured.
 */
void pfc_mark_baseline(struct pfc_ctx *ctx)
{
	ctx->ds_ok = !pfc_dentry_read(&ctx->ds_pre);
	sleep_quiesce(ctx);
	ctx->ds_ok = ctx->ds_ok && !pfc_dentry_read(&ctx->ds_before);
	ctx->baseline_marked = true;
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
	uint64_t objects;
	int ret;

	pfc_result_init(res, info->name, info->desc);
	ctx->id = id;
	ctx->info = info;
	ctx->res = res;
	ctx->ops_target = o->ops_set ? o->ops : info->ops;
	ctx->threads = o->threads_set ? o->threads : info->threads;
	ctx->duration = o->duration_set ? o->duration : info->duration;
	atomic_store(&ctx->ops_taken, 0);
	atomic_store(&ctx->ops_done, 0);
	atomic_store(&ctx->objects, 0);
	atomic_store(&ctx->drivers_done, false);
	atomic_store(&ctx->abort, false);
	ctx->abort_reason = NULL;
	ctx->baseline_marked = false;
	ctx->after_marked = false;
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
	if ((info->needs & PFC_NEED_MOUNT) && !ctx->private_ns) {
		res->env_error = true;
		pfc_result_note(res, "needs a private mount namespace, which could not be created");
		pfc_result_finish(res);
		return;
	}

	/* splats logged between scenarios belong to the previous one */
	if (ctx->kmsg)
		pfc_kmsg_collect(ctx->kmsg, NULL);
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
	ctx->start_ns = pfc_now_ns();
	ctx->deadline_ns = ctx->start_ns +
			   (uint64_t)(ctx->duration * (double)NSEC_PER_SEC);
	res->start_ns = ctx->start_ns;

	pfc_progress_start(ctx);
	scen_fns[id](ctx);
	pfc_progress_stop();

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

	objects = atomic_load(&ctx->objects);
	res->dentry_valid = ctx->ds_ok && !res->skipped;
	res->din.valid = res->dentry_valid;
	res->din.pre = ctx->ds_pre.nr_dentry;
	res->din.before = ctx->ds_before.nr_dentry;
	res->din.after = ctx->ds_after.nr_dentry;
	res->din.after_q = ctx->ds_after_q.nr_dentry;
	res->din.objects = objects;
	res->din.max_per_object = o->max_residual;
	res->din.max_abs = o->max_residual_abs;
	pfc_result_finish(res);
}
