// SPDX-License-Identifier: GPL-2.0-only
/*
 * Human-readable report: one table per scenario, a one-line verdict
 * each, and the overall verdict.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "util.h"

void pfc_fmt_ns(char *buf, size_t len, uint64_t ns)
{
	if (ns < 10 * NSEC_PER_USEC)
		snprintf(buf, len, "%lluns", (unsigned long long)ns);
	else if (ns < 10 * NSEC_PER_MSEC)
		snprintf(buf, len, "%.1fus", (double)ns / NSEC_PER_USEC);
	else if (ns < 10 * NSEC_PER_SEC)
		snprintf(buf, len, "%.1fms", (double)ns / NSEC_PER_MSEC);
	else
		snprintf(buf, len, "%.2fs", (double)ns / NSEC_PER_SEC);
}

static void fmt_errors(char *buf, size_t len, const struct pfc_opstat *o)
{
	size_t off = 0;
	int e;

	buf[0] = '\0';
	if (!o->errors) {
		snprintf(buf, len, "-");
		return;
	}
	for (e = 0; e < PFC_NR_ERRNO && off < len; e++) {
		if (!o->err[e])
			continue;
		off += snprintf(buf + off, len - off, "%s%s:%llu",
				off ? "," : "", e ? pfc_errno_name(e) : "other",
				(unsigned long long)o->err[e]);
	}
}

static void report_ops(FILE *f, struct pfc_result *r)
{
	struct pfc_lat_summary s;
	char p50[16], p90[16], p99[16], max[16], errs[160];
	uint64_t el = r->end_ns - r->start_ns;
	int i;

	fprintf(f, "   %-13s %8s %10s %9s %9s %9s %9s  %s\n", "op", "count",
		"ops/s", "p50", "p90", "p99", "max", "errors");
	for (i = 0; i < PFC_OP_NR; i++) {
		struct pfc_opstat *o = &r->stats.op[i];

		if (!o->lat.count)
			continue;
		pfc_lat_summarize(&o->lat, &s);
		pfc_fmt_ns(p50, sizeof(p50), s.p50);
		pfc_fmt_ns(p90, sizeof(p90), s.p90);
		pfc_fmt_ns(p99, sizeof(p99), s.p99);
		pfc_fmt_ns(max, sizeof(max), s.max);
		fmt_errors(errs, sizeof(errs), o);
		fprintf(f, "   %-13s %8llu %10.1f %9s %9s %9s %9s  %s\n",
			pfc_op_name(i), (unsigned long long)s.count,
			pfc_rate(s.count, el), p50,
			p90, p99, max, errs);
	}
}

static void report_dentry(FILE *f, struct pfc_result *r)
{
	struct pfc_dentry_input *in = &r->din;
	struct pfc_dentry_verdict *dv = &r->dv;

	long long prev = in->before;
	unsigned int i;

	if (!r->dentry_valid) {
		fprintf(f, "   dentries: not measured%s\n",
			dv->refused ? " (no residual verdict)" : "");
		return;
	}
	fprintf(f,
		"   dentries: baseline %lld, after %lld, quiesced %lld -> residual %+lld",
		in->before, in->after, in->after_q, dv->residual);
	if (dv->per_object_valid)
		fprintf(f, " = %.2f per removed object over %llu", dv->per_object,
			in->objects);
	if (in->max_abs > 0)
		fprintf(f, " (max abs %lld)", in->max_abs);
	fputc('\n', f);
	for (i = 0; i < in->nr_rounds; i++) {
		fprintf(f, "   round %u: %llu unprobed objects, nr_dentry %lld (%+lld)",
			i + 1, in->round[i].unprobed, in->round[i].nr_dentry,
			in->round[i].nr_dentry - prev);
		if (dv->slope_valid)
			fprintf(f, " = %.2f per unprobed object", dv->slope[i]);
		fputc('\n', f);
		prev = in->round[i].nr_dentry;
	}
	if (in->judged)
		fprintf(f, "   residual verdict: %s%s\n",
			dv->refused ? "refused: " : "", dv->why);
}

void pfc_report_scenario(FILE *f, struct pfc_result *r, bool verbose)
{
	double el = pfc_result_elapsed(r);
	unsigned int i;

	fprintf(f, "\n== %s == %s\n", r->name, r->desc ? r->desc : "");
	if (r->skipped && !r->start_ns) {
		fprintf(f, "   verdict: %s  %s: %s\n",
			pfc_status_name(r->status), r->name, r->note);
		return;
	}
	fprintf(f,
		"   time %.2f s (cap %.1f s), threads %u, ops %llu/%llu (stopped by %s)\n",
		el, r->duration_cap, r->threads,
		(unsigned long long)r->ops_done,
		(unsigned long long)r->ops_target,
		r->stopped_by ? r->stopped_by : "?");
	report_ops(f, r);
	if (r->stats.nr_ctr) {
		fprintf(f, "   counters:");
		for (i = 0; i < r->stats.nr_ctr; i++)
			fprintf(f, "%s %s=%llu", i ? "," : "",
				r->stats.ctr[i].name,
				(unsigned long long)r->stats.ctr[i].val);
		fputc('\n', f);
	}
	for (i = 0; i < r->nr_metric; i++)
		fprintf(f, "   %s: %.3f %s\n", r->metric[i].name,
			r->metric[i].val, r->metric[i].unit);
	report_dentry(f, r);
	if (r->kmsg_valid)
		fprintf(f, "   kernel log: %llu records, %u splats, %llu lost\n",
			r->kmsg_records, r->splats.total, r->kmsg_lost);
	else
		fprintf(f, "   kernel log: not readable, splats not checked\n");
	if (r->taint_valid)
		fprintf(f, "   tainted: %lu before, %lu after\n", r->taint_before,
			r->taint_after);
	fprintf(f, "   cpu: user %.2f s, sys %.2f s (user/sys %.1f%%)",
		r->user_s, r->sys_s,
		r->sys_s > 0 ? 100.0 * r->user_s / r->sys_s : 0.0);
	if (r->child_user_s + r->child_sys_s > 0)
		fprintf(f, ", children user %.2f s sys %.2f s",
			r->child_user_s, r->child_sys_s);
	fputc('\n', f);
	if (r->note[0])
		fprintf(f, "   note: %s\n", r->note);
	if (r->nr_violations) {
		fprintf(f, "   violations (%llu):\n", r->nr_violations);
		for (i = 0; i < r->nr_kept; i++) {
			struct pfc_violation *v = &r->v[i];
			char since[16] = "";

			if (v->has_since)
				pfc_fmt_ns(since, sizeof(since),
					   v->since_ns < 0 ? 0 : v->since_ns);
			fprintf(f, "     [%s]%s%s%s%s%s%s %s\n", v->kind,
				v->op[0] ? " " : "", v->op,
				v->path[0] ? " " : "", v->path,
				v->has_since ? " +" : "", since, v->msg);
			if (!verbose && i >= 9 && r->nr_kept > 10) {
				fprintf(f, "     ... %u more (use --verbose or --json)\n",
					r->nr_kept - i - 1);
				break;
			}
		}
		for (i = 0; i < r->splats.nr; i++) {
			const char *l = r->splats.s[i].text, *nl;

			fprintf(f, "   kernel splat %u (%s):\n", i + 1,
				r->splats.s[i].kind);
			for (; *l; l = nl + 1) {
				nl = strchrnul(l, '\n');
				fprintf(f, "     | %.*s\n", (int)(nl - l), l);
				if (!*nl)
					break;
			}
		}
	}
	fprintf(f, "   verdict: %s  %s: %llu violation%s\n",
		pfc_status_name(r->status), r->name, r->nr_violations,
		r->nr_violations == 1 ? "" : "s");
}

/* With --quiet: the verdicts only, one line each, and the overall one */
void pfc_report_text(FILE *f, struct pfc_run *run)
{
	unsigned int counts[4] = { 0 };
	struct pfc_result *r;
	size_t i;

	if (!run->opts->quiet)
		fprintf(f, "procflushctl %s on Linux %s, run %s, seed %llu, kprobe symbol %s\n",
			PFC_VERSION, run->kernel_release,
			run->run_id ? run->run_id : "-",
			(unsigned long long)run->seed,
			run->symbol ? run->symbol : "-");
	for (i = 0; i < run->nr_res; i++) {
		r = &run->res[i];
		if (run->opts->quiet)
			fprintf(f, "%s: %s  %llu violation%s%s%s\n", r->name,
				pfc_status_name(r->status), r->nr_violations,
				r->nr_violations == 1 ? "" : "s",
				r->note[0] ? "; " : "", r->note);
		else
			pfc_report_scenario(f, r, run->opts->verbose);
		counts[r->status]++;
	}
	fprintf(f, "%soverall: %s (%u passed, %u failed, %u skipped, %u errors)%s, exit %d\n",
		run->opts->quiet ? "" : "\n",
		run->exit_code == 0 ? "PASS" :
		run->exit_code == 1 ? "FAIL" :
		run->signo ? "INTERRUPTED" : "ENVIRONMENT",
		counts[PFC_PASS], counts[PFC_FAIL], counts[PFC_SKIP],
		counts[PFC_ERROR],
		run->cleanup_failed ? ", CLEANUP INCOMPLETE (run 'procflushctl cleanup')" : "",
		run->exit_code);
}
