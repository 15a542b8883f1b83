// SPDX-License-Identifier: GPL-2.0-only
/*
 * Verdict logic: dentry residuals, stale access, scenario status and
 * the process exit code.
 */
#include <stdio.h>
#include <string.h>

#include "verdict.h"

/*
 * residual = nr_dentry(after, quiesced) - nr_dentry(baseline) - noise,
 * where noise is the drift seen over a no-op interval of the same
 * length as the quiesce sleep right before the baseline.
 */
void pfc_dentry_judge(const struct pfc_dentry_input *in,
		      struct pfc_dentry_verdict *out)
{
	long long after;

	memset(out, 0, sizeof(*out));
	if (!in->valid) {
		snprintf(out->why, sizeof(out->why),
			 "dentry-state not available");
		return;
	}
	after = in->after_q ? in->after_q : in->after;
	out->noise = in->before - in->pre;
	out->residual = after - in->before - out->noise;
	if (in->objects) {
		out->per_object = (double)out->residual / (double)in->objects;
		out->per_object_valid = true;
	}
	if (in->max_per_object > 0 && out->per_object_valid &&
	    out->per_object > in->max_per_object) {
		out->violated = true;
		snprintf(out->why, sizeof(out->why),
			 "%.2f residual dentries per churned object > %.2f (%lld dentries, %llu objects)",
			 out->per_object, in->max_per_object, out->residual,
			 in->objects);
		return;
	}
	if (in->max_abs > 0 && out->residual > in->max_abs) {
		out->violated = true;
		snprintf(out->why, sizeof(out->why),
			 "%lld residual dentries > %lld", out->residual,
			 in->max_abs);
		return;
	}
	snprintf(out->why, sizeof(out->why), "within limits");
}

/*
 * An access is stale when it succeeded although it started after the
 * delete of its object had returned.
 */
bool pfc_stale_access(bool deleted, uint64_t deleted_at_ns,
		      uint64_t op_start_ns, int op_err)
{
	return deleted && !op_err && deleted_at_ns <= op_start_ns;
}

const char *pfc_status_name(enum pfc_status st)
{
	switch (st) {
	case PFC_PASS:
		return "PASS";
	case PFC_FAIL:
		return "FAIL";
	case PFC_SKIP:
		return "SKIP";
	case PFC_ERROR:
		return "ERROR";
	}
	return "?";
}

enum pfc_status pfc_status_of(unsigned long long violations, bool skipped,
			      bool env_error)
{
	if (violations)
		return PFC_FAIL;
	if (env_error)
		return PFC_ERROR;
	if (skipped)
		return PFC_SKIP;
	return PFC_PASS;
}

/*
 * 1 if anything failed; else 128+signo if interrupted; else 3 if a
 * scenario could not run for environment reasons or nothing at all
 * ran (everything skipped); else 0.
 */
int pfc_exit_code(const enum pfc_status *st, size_t n, int signo)
{
	size_t i, ran = 0, err = 0;

	for (i = 0; i < n; i++) {
		if (st[i] == PFC_FAIL)
			return PFC_EXIT_VIOLATION;
		if (st[i] == PFC_ERROR)
			err++;
		if (st[i] == PFC_PASS)
			ran++;
	}
	if (signo)
		return 128 + signo;
	if (err || (n && !ran))
		return PFC_EXIT_ENV;
	return PFC_EXIT_PASS;
}
