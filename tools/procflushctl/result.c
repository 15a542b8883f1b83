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

/* Judge dentries and derive the status once everything is recorded */
void pfc_result_finish(struct pfc_result *r)
{
	unsigned int i;

	if (r->dentry_valid) {
		pfc_dentry_judge(&r->din, &r->dv);
		if (r->dv.violated)
			pfc_result_violation(r, "dentry-residual", "", "",
					     false, 0, "%s", r->dv.why);
	}
	for (i = 0; i < r->splats.nr; i++)
		pfc_result_violation(r, "kernel-splat", "", "", false, 0,
				     "%s: %.200s", r->splats.s[i].kind,
				     r->splats.s[i].text);
	if (r->splats.total > r->splats.nr)
		pfc_result_violation(r, "kernel-splat", "", "", false, 0,
				     "%u more splats not kept",
				     r->splats.total - r->splats.nr);
	r->status = pfc_status_of(r->nr_violations, r->skipped, r->env_error);
}
