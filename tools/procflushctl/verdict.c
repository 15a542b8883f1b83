// SPDX-License-Identifier: GPL-2.0-only
/*
 * Verdict logic: dentry residuals, stale access, scenario status and
 * the process exit code.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "verdict.h"

static double median3(const double *v)
{
	double a = v[0], b = v[1], c = v[2];

	if (a > b) {
		double t = a;

		a = b;
		b = t;
	}
	/* now a <= b: the median is b clamped to [a, c] */
	if (c < b)
		b = c > a ? c : a;
	return b;
}

/*
 * residual = nr_dentry(after, quiesced) - nr_dentry(baseline), shown
 * per removed object for information.  The verdict (only for scenarios
 * that count their unprobed objects per round) is the median over the
 * rounds of each round's growth divided by its unprobed objects.  A
 * round needs at least 1/max unprobed objects, so that one stray
 * dentry cannot fail it; with fewer the verdict is refused.
 */
void pfc_dentry_judge(const struct pfc_dentry_input *in,
		      struct pfc_dentry_verdict *out)
{
	bool per_round = in->judged && in->max_per_object > 0;
	long long after, prev;
	unsigned int i;

	memset(out, 0, sizeof(*out));
	if (!in->valid) {
		out->refused = per_round;
		snprintf(out->why, sizeof(out->why),
			 "dentry-state not available");
		return;
	}
	after = in->after_q ? in->after_q : in->after;
	out->residual = after - in->before;
	if (in->objects) {
		out->per_object = (double)out->residual / (double)in->objects;
		out->per_object_valid = true;
	}
	if (in->max_abs > 0 && out->residual > in->max_abs) {
		out->violated = true;
		snprintf(out->why, sizeof(out->why),
			 "%lld residual dentries > %lld", out->residual,
			 in->max_abs);
		return;
	}
	if (!per_round) {
		snprintf(out->why, sizeof(out->why), "%s",
			 in->judged ? "residual verdict disabled" :
			 "reported only: no residual verdict for this scenario");
		return;
	}
	out->need = (unsigned long long)ceil(1.0 / in->max_per_object);
	if (!out->need)
		out->need = 1;
	if (in->nr_rounds < PFC_ROUNDS) {
		out->refused = true;
		snprintf(out->why, sizeof(out->why),
			 "only %u of %d rounds completed: no residual verdict (raise --duration or lower --ops)",
			 in->nr_rounds, PFC_ROUNDS);
		return;
	}
	prev = in->before;
	for (i = 0; i < PFC_ROUNDS; i++) {
		const struct pfc_dentry_round *r = &in->round[i];

		if (r->unprobed < out->need) {
			out->refused = true;
			snprintf(out->why, sizeof(out->why),
				 "round %u removed %llu objects that were not looked up again, the verdict needs %llu per round (raise --ops or --stale-every)",
				 i + 1, r->unprobed, out->need);
			return;
		}
		out->slope[i] = (double)(r->nr_dentry - prev) /
				(double)r->unprobed;
		prev = r->nr_dentry;
	}
	out->slope_median = median3(out->slope);
	out->slope_valid = true;
	if (out->slope_median > in->max_per_object) {
		out->violated = true;
		snprintf(out->why, sizeof(out->why),
			 "median %.2f residual dentries per unprobed object > %.2f (rounds %.2f, %.2f, %.2f)",
			 out->slope_median, in->max_per_object, out->slope[0],
			 out->slope[1], out->slope[2]);
		return;
	}
	snprintf(out->why, sizeof(out->why), "within limits");
}

/*
 * One readdir pass over a directory whose anchor entry never goes
 * away: the anchor must be listed exactly once and no name twice.
 */
bool pfc_readdir_pass_ok(unsigned int anchor_seen, unsigned int dups,
			 char *why, size_t len)
{
	if (anchor_seen != 1) {
		snprintf(why, len,
			 "the anchor, which is never removed, was listed %u times in one pass",
			 anchor_seen);
		return false;
	}
	if (dups) {
		snprintf(why, len, "%u entries were listed twice in one pass",
			 dups);
		return false;
	}
	return true;
}

/*
 * getdents64 on a directory fd held across the delete of its event:
 * listed is its result.  Entries after the delete returned are stale.
 */
bool pfc_dirfd_after_delete_ok(int listed, char *why, size_t len)
{
	if (listed > 0) {
		snprintf(why, len,
			 "a held fd of the deleted event's directory still lists %d entries",
			 listed);
		return false;
	}
	return true;
}

unsigned long pfc_taint_new_bad(unsigned long before, unsigned long after)
{
	return after & ~before & PFC_TAINT_BAD;
}

void pfc_taint_letters(unsigned long mask, char *buf, size_t len)
{
	static const struct { unsigned long bit; const char *name; } t[] = {
		{ PFC_TAINT_BAD_PAGE, "B (bad page)" },
		{ PFC_TAINT_DIE, "D (died, oops)" },
		{ PFC_TAINT_WARN, "W (warning)" },
		{ PFC_TAINT_SOFTLOCKUP, "L (soft lockup)" },
	};
	size_t i, off = 0;

	if (len)
		buf[0] = '\0';
	for (i = 0; i < ARRAY_SIZE(t) && off < len; i++) {
		if (mask & t[i].bit)
			off += snprintf(buf + off, len - off, "%s%s",
					off ? ", " : "", t[i].name);
	}
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
