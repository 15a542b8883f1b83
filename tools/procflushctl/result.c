// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario results and violation recording.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "result.h"
#include "util.h"

void pfc_result_init(struct pfc_result *r, const char *name,
		     const char *desc)
{
	memset(r, 0, sizeof(*r));
	r->name = name;
	r->desc = desc;
	pthread_mutex_init(&r->lock, NULL);
	pfc_stats_init(&r->stats, 1);
	pfc_splats_init(&r->splats);
}

void pfc_result_free(struct pfc_result *r)
{
	pfc_stats_free(&r->stats);
	pthread_mutex_destroy(&r->lock);
}

void pfc_result_violation(struct pfc_result *r, const char *kind,
			  const char *op, const char *path, bool has_since,
			  int64_t since_ns, const char *fmt, ...)
{
	struct pfc_violation *v;
	va_list ap;

	pthread_mutex_lock(&r->lock);
	r->nr_violations++;
	if (r->nr_kept < PFC_MAX_VIOLATIONS) {
		v = &r->v[r->nr_kept++];
		memset(v, 0, sizeof(*v));
		pfc_strlcpy(v->kind, kind ? kind : "", sizeof(v->kind));
		pfc_strlcpy(v->op, op ? op : "", sizeof(v->op));
		pfc_strlcpy(v->path, path ? path : "", sizeof(v->path));
		v->has_since = has_since;
		v->since_ns = since_ns;
		va_start(ap, fmt);
		vsnprintf(v->msg, sizeof(v->msg), fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&r->lock);
}

void pfc_result_metric(struct pfc_result *r, const char *name, double val,
		       const char *unit)
{
	unsigned int i;

	pthread_mutex_lock(&r->lock);
	for (i = 0; i < r->nr_metric; i++) {
		if (!strcmp(r->metric[i].name, name))
			break;
	}
	if (i < PFC_MAX_METRICS) {
		r->metric[i].name = name;
		r->metric[i].val = val;
		r->metric[i].unit = unit;
		if (i == r->nr_metric)
			r->nr_metric++;
	}
	pthread_mutex_unlock(&r->lock);
}

void pfc_result_note(struct pfc_result *r, const char *fmt, ...)
{
	size_t len;
	va_list ap;

	pthread_mutex_lock(&r->lock);
	len = strlen(r->note);
	if (len && len + 2 < sizeof(r->note)) {
		r->note[len++] = ';';
		r->note[len++] = ' ';
		r->note[len] = '\0';
	}
	if (len < sizeof(r->note)) {
		va_start(ap, fmt);
		vsnprintf(r->note + len, sizeof(r->note) - len, fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&r->lock);
}

double pfc_result_elapsed(const struct pfc_result *r)
{
	if (r->end_ns <= r->start_ns)
		return 0.0;
	return (double)(r->end_ns - r->start_ns) / (double)NSEC_PER_SEC;
}

/* A readdir pass over a directory with an anchor (iterate-remove) */
void pfc_judge_readdir_pass(struct pfc_result *r, const char *dir,
			    unsigned int anchor_seen, unsigned int dups)
{
	char why[128];

	if (!pfc_readdir_pass_ok(anchor_seen, dups, why, sizeof(why)))
		pfc_result_violation(r, anchor_seen != 1 ? "readdir-anchor" :
				     "readdir-duplicate", "getdents", dir,
				     false, 0, "%s", why);
}

/* getdents on a directory fd held across the delete (delete-while-open) */
void pfc_judge_dirfd_after_delete(struct pfc_result *r, const char *dir,
				  int listed, int64_t since_ns)
{
	char why[128];

	if (!pfc_dirfd_after_delete_ok(listed, why, sizeof(why)))
		pfc_result_violation(r, "fd-after-delete", "getdents", dir,
				     true, since_ns, "%s", why);
}

/*
 * A scenario whose oracle had nothing to judge cannot vouch for a
 * PASS: zero of what it needs is an ERROR.
 */
void pfc_judge_work(struct pfc_result *r, const char *what,
		    unsigned long long n)
{
	if (n)
		return;
	r->env_error = true;
	pfc_result_note(r, "ERROR: no %s: nothing was judged", what);
}

static void result_error(struct pfc_result *r, const char *fmt, ...)
	__printf(2, 3);
static void result_error(struct pfc_result *r, const char *fmt, ...)
{
	char buf[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	r->env_error = true;
	pfc_result_note(r, "ERROR: %s", buf);
}

/*
 * Judge dentries, kernel log and taint, and derive the status once
 * everything is recorded.  A scenario that ran but did no work, whose
 * residual verdict had too little to go on, or whose kernel log lost
 * records, is an ERROR: it cannot vouch for a PASS.
 */
void pfc_result_finish(struct pfc_result *r)
{
	unsigned long taint;
	char letters[96];
	unsigned int i;

	if (!r->skipped && (r->dentry_valid || r->din.judged)) {
		pfc_dentry_judge(&r->din, &r->dv);
		if (r->dv.violated)
			pfc_result_violation(r, "dentry-residual", "", "",
					     false, 0, "%s", r->dv.why);
		else if (r->dv.refused)
			result_error(r, "no residual verdict: %s", r->dv.why);
	}
	for (i = 0; i < r->splats.nr; i++)
		pfc_result_violation(r, "kernel-splat", "", "", false, 0,
				     "%s: %.200s", r->splats.s[i].kind,
				     r->splats.s[i].text);
	if (r->splats.total > r->splats.nr)
		pfc_result_violation(r, "kernel-splat", "", "", false, 0,
				     "%u more splats not kept",
				     r->splats.total - r->splats.nr);
	if (r->taint_valid) {
		taint = pfc_taint_new_bad(r->taint_before, r->taint_after);
		pfc_taint_letters(taint, letters, sizeof(letters));
		if (taint)
			pfc_result_violation(r, "kernel-taint", "", "", false,
					     0, "kernel newly tainted: %s (tainted %lu -> %lu)",
					     letters, r->taint_before,
					     r->taint_after);
	}
	if (r->kmsg_valid && r->kmsg_lost)
		result_error(r, "%llu kernel log records were lost: splats may be missed",
			     r->kmsg_lost);
	if (r->ran && !r->skipped && !r->ops_done)
		result_error(r, "the scenario did no work (0 of %llu ops)",
			     (unsigned long long)r->ops_target);
	r->status = pfc_status_of(r->nr_violations, r->skipped, r->env_error);
}
