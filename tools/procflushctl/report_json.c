// SPDX-License-Identifier: GPL-2.0-only
/*
 * The JSON report: the same data as the human report plus the kernel
 * release, seed, options and timestamps.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "json_writer.h"
#include "report.h"
#include "util.h"

static void json_time(struct json_writer *w, const char *name,
		      const struct timespec *ts)
{
	char buf[64];
	struct tm tm;

	if (!ts->tv_sec) {
		jsonw_null_field(w, name);
		return;
	}
	gmtime_r(&ts->tv_sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), ".%03ldZ",
		 ts->tv_nsec / 1000000);
	jsonw_string_field(w, name, buf);
}

static void json_options(struct json_writer *w, const struct pfc_opts *o)
{
	unsigned int i;

	jsonw_name(w, "options");
	jsonw_start_object(w);
	jsonw_string_field(w, "scenario", o->scen_name);
	if (o->duration_set)
		jsonw_float_field(w, "duration", o->duration);
	else
		jsonw_null_field(w, "duration");
	if (o->ops_set)
		jsonw_uint_field(w, "ops", o->ops);
	else
		jsonw_null_field(w, "ops");
	if (o->threads_set)
		jsonw_uint_field(w, "threads", o->threads);
	else
		jsonw_null_field(w, "threads");
	jsonw_string_field(w, "symbol", o->symbol);
	jsonw_string_field(w, "group", o->group);
	jsonw_float_field(w, "max_residual", o->max_residual);
	jsonw_string_field(w, "run_id", o->run_id);
	jsonw_bool_field(w, "all_runs", o->all_runs);
	jsonw_int_field(w, "max_residual_abs", o->max_residual_abs);
	jsonw_uint_field(w, "quiesce_ms", o->quiesce_ms);
	jsonw_uint_field(w, "grace_ms", o->grace_ms);
	jsonw_uint_field(w, "proc_instances", o->proc_instances);
	jsonw_name(w, "proc_opts");
	jsonw_start_array(w);
	for (i = 0; i < o->nr_proc_opts; i++)
		jsonw_string(w, o->proc_opts[i]);
	jsonw_end_array(w);
	jsonw_uint_field(w, "stale_every", o->stale_every);
	jsonw_string_field(w, "trace_cmd", o->trace_cmd);
	jsonw_bool_field(w, "drop_caches", o->drop_caches);
	jsonw_bool_field(w, "quiet", o->quiet);
	jsonw_end_object(w);
}

static void json_ops(struct json_writer *w, struct pfc_result *r)
{
	struct pfc_lat_summary s;
	uint64_t el = r->end_ns - r->start_ns;
	int i, e;

	jsonw_name(w, "ops");
	jsonw_start_array(w);
	for (i = 0; i < PFC_OP_NR; i++) {
		struct pfc_opstat *o = &r->stats.op[i];

		if (!o->lat.count)
			continue;
		pfc_lat_summarize(&o->lat, &s);
		jsonw_start_object(w);
		jsonw_string_field(w, "op", pfc_op_name(i));
		jsonw_uint_field(w, "count", s.count);
		jsonw_float_field(w, "ops_per_s", pfc_rate(s.count, el));
		jsonw_name(w, "latency_ns");
		jsonw_start_object(w);
		jsonw_uint_field(w, "min", s.min);
		jsonw_float_field(w, "mean", s.mean);
		jsonw_uint_field(w, "p50", s.p50);
		jsonw_uint_field(w, "p90", s.p90);
		jsonw_uint_field(w, "p99", s.p99);
		jsonw_uint_field(w, "max", s.max);
		jsonw_end_object(w);
		jsonw_uint_field(w, "errors", o->errors);
		jsonw_name(w, "errors_by_errno");
		jsonw_start_object(w);
		for (e = 0; e < PFC_NR_ERRNO; e++) {
			if (o->err[e])
				jsonw_uint_field(w, e ? pfc_errno_name(e) :
						 "other", o->err[e]);
		}
		jsonw_end_object(w);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}

static void json_dentry(struct json_writer *w, struct pfc_result *r)
{
	long long prev = r->din.before;
	unsigned int i;

	jsonw_name(w, "dentry");
	if (!r->dentry_valid) {
		jsonw_null(w);
		return;
	}
	jsonw_start_object(w);
	jsonw_int_field(w, "baseline", r->din.before);
	jsonw_int_field(w, "after", r->din.after);
	jsonw_int_field(w, "after_quiesced", r->din.after_q);
	jsonw_int_field(w, "residual", r->dv.residual);
	jsonw_uint_field(w, "objects", r->din.objects);
	if (r->dv.per_object_valid)
		jsonw_float_field(w, "residual_per_object", r->dv.per_object);
	else
		jsonw_null_field(w, "residual_per_object");
	jsonw_bool_field(w, "judged", r->din.judged);
	jsonw_name(w, "rounds");
	jsonw_start_array(w);
	for (i = 0; i < r->din.nr_rounds; i++) {
		jsonw_start_object(w);
		jsonw_uint_field(w, "unprobed", r->din.round[i].unprobed);
		jsonw_int_field(w, "nr_dentry", r->din.round[i].nr_dentry);
		jsonw_int_field(w, "growth", r->din.round[i].nr_dentry - prev);
		if (r->dv.slope_valid)
			jsonw_float_field(w, "per_unprobed", r->dv.slope[i]);
		else
			jsonw_null_field(w, "per_unprobed");
		jsonw_end_object(w);
		prev = r->din.round[i].nr_dentry;
	}
	jsonw_end_array(w);
	if (r->dv.slope_valid)
		jsonw_float_field(w, "residual_per_unprobed", r->dv.slope_median);
	else
		jsonw_null_field(w, "residual_per_unprobed");
	jsonw_float_field(w, "max_per_unprobed", r->din.max_per_object);
	jsonw_int_field(w, "max_abs", r->din.max_abs);
	jsonw_bool_field(w, "violated", r->dv.violated);
	jsonw_bool_field(w, "refused", r->dv.refused);
	jsonw_string_field(w, "why", r->dv.why);
	jsonw_end_object(w);
}

static void json_taint(struct json_writer *w, struct pfc_result *r)
{
	jsonw_name(w, "tainted");
	if (!r->taint_valid) {
		jsonw_null(w);
		return;
	}
	jsonw_start_object(w);
	jsonw_uint_field(w, "before", r->taint_before);
	jsonw_uint_field(w, "after", r->taint_after);
	jsonw_uint_field(w, "new_bad",
			 pfc_taint_new_bad(r->taint_before, r->taint_after));
	jsonw_end_object(w);
}

static void json_violations(struct json_writer *w, struct pfc_result *r)
{
	unsigned int i;

	jsonw_uint_field(w, "violations_total", r->nr_violations);
	jsonw_name(w, "violations");
	jsonw_start_array(w);
	for (i = 0; i < r->nr_kept; i++) {
		struct pfc_violation *v = &r->v[i];

		jsonw_start_object(w);
		jsonw_string_field(w, "kind", v->kind);
		jsonw_string_field(w, "op", v->op);
		jsonw_string_field(w, "path", v->path);
		if (v->has_since)
			jsonw_int_field(w, "since_delete_ns", v->since_ns);
		else
			jsonw_null_field(w, "since_delete_ns");
		jsonw_string_field(w, "message", v->msg);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}

static void json_kmsg(struct json_writer *w, struct pfc_result *r)
{
	unsigned int i;

	jsonw_name(w, "kmsg");
	if (!r->kmsg_valid) {
		jsonw_null(w);
		return;
	}
	jsonw_start_object(w);
	jsonw_uint_field(w, "records", r->kmsg_records);
	jsonw_uint_field(w, "lost", r->kmsg_lost);
	jsonw_uint_field(w, "splats_total", r->splats.total);
	jsonw_name(w, "splats");
	jsonw_start_array(w);
	for (i = 0; i < r->splats.nr; i++) {
		jsonw_start_object(w);
		jsonw_string_field(w, "kind", r->splats.s[i].kind);
		jsonw_string_field(w, "text", r->splats.s[i].text);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
	jsonw_end_object(w);
}

static void json_scenario(struct json_writer *w, struct pfc_result *r)
{
	unsigned int i;

	jsonw_start_object(w);
	jsonw_string_field(w, "name", r->name);
	jsonw_string_field(w, "description", r->desc);
	jsonw_string_field(w, "verdict", pfc_status_name(r->status));
	jsonw_string_field(w, "note", r->note);
	json_time(w, "start_time", &r->wall_start);
	json_time(w, "end_time", &r->wall_end);
	jsonw_float_field(w, "elapsed_s", pfc_result_elapsed(r));
	jsonw_float_field(w, "duration_cap_s", r->duration_cap);
	jsonw_uint_field(w, "threads", r->threads);
	jsonw_uint_field(w, "ops_target", r->ops_target);
	jsonw_uint_field(w, "ops_done", r->ops_done);
	jsonw_string_field(w, "stopped_by", r->stopped_by);
	json_ops(w, r);
	jsonw_name(w, "counters");
	jsonw_start_object(w);
	for (i = 0; i < r->stats.nr_ctr; i++)
		jsonw_uint_field(w, r->stats.ctr[i].name, r->stats.ctr[i].val);
	jsonw_end_object(w);
	jsonw_name(w, "metrics");
	jsonw_start_object(w);
	for (i = 0; i < r->nr_metric; i++)
		jsonw_float_field(w, r->metric[i].name, r->metric[i].val);
	jsonw_end_object(w);
	json_dentry(w, r);
	json_kmsg(w, r);
	json_taint(w, r);
	jsonw_name(w, "rusage");
	jsonw_start_object(w);
	jsonw_float_field(w, "user_s", r->user_s);
	jsonw_float_field(w, "sys_s", r->sys_s);
	if (r->sys_s > 0)
		jsonw_float_field(w, "user_sys_ratio", r->user_s / r->sys_s);
	else
		jsonw_null_field(w, "user_sys_ratio");
	jsonw_float_field(w, "children_user_s", r->child_user_s);
	jsonw_float_field(w, "children_sys_s", r->child_sys_s);
	jsonw_end_object(w);
	json_violations(w, r);
	jsonw_end_object(w);
}

int pfc_report_json(FILE *f, struct pfc_run *run)
{
	struct json_writer *w = jsonw_new(f);
	const char *verdict;
	char seed[24];
	size_t i;
	int err;

	if (!w)
		return -1;
	jsonw_pretty(w, true);
	jsonw_start_object(w);
	jsonw_string_field(w, "tool", "procflushctl");
	jsonw_string_field(w, "version", PFC_VERSION);
	jsonw_name(w, "kernel");
	jsonw_start_object(w);
	jsonw_string_field(w, "release", run->kernel_release);
	jsonw_string_field(w, "version", run->kernel_version);
	jsonw_string_field(w, "machine", run->machine);
	jsonw_end_object(w);
	/* a string: jq 1.6 and JavaScript round integers above 2^53 */
	snprintf(seed, sizeof(seed), "%llu", (unsigned long long)run->seed);
	jsonw_string_field(w, "seed", seed);
	jsonw_string_field(w, "run_id", run->run_id);
	jsonw_string_field(w, "kprobe_symbol", run->symbol);
	jsonw_string_field(w, "tracefs", run->tracefs_dir);
	json_options(w, run->opts);
	json_time(w, "start_time", &run->wall_start);
	json_time(w, "end_time", &run->wall_end);
	jsonw_name(w, "scenarios");
	jsonw_start_array(w);
	for (i = 0; i < run->nr_res; i++)
		json_scenario(w, &run->res[i]);
	jsonw_end_array(w);
	switch (run->exit_code) {
	case PFC_EXIT_PASS:
		verdict = "PASS";
		break;
	case PFC_EXIT_VIOLATION:
		verdict = "FAIL";
		break;
	case PFC_EXIT_USAGE:
		verdict = "USAGE";
		break;
	default:
		verdict = run->signo ? "INTERRUPTED" : "ENVIRONMENT";
	}
	jsonw_string_field(w, "verdict", verdict);
	jsonw_int_field(w, "exit_code", run->exit_code);
	jsonw_string_field(w, "error", run->error);
	if (run->signo)
		jsonw_int_field(w, "signal", run->signo);
	else
		jsonw_null_field(w, "signal");
	jsonw_uint_field(w, "cleanup_failed", run->cleanup_failed);
	jsonw_end_object(w);
	err = jsonw_error(w);
	jsonw_destroy(&w);
	return err ? -1 : 0;
}
