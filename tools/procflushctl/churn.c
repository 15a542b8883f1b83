// SPDX-License-Identifier: GPL-2.0-only
/*
 * Event access helpers, the stale-access judgement, the churner.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "churn.h"
#include "fsops.h"
#include "report.h"
#include "scenario.h"
#include "tfs.h"
#include "util.h"
#include "worker.h"

static const char * const event_files[] = {
	"enable", "filter", "trigger", "format", "id", "hist",
};

/*
 * An access to an object whose removal had already returned when the
 * access started must fail.  ENOENT there is the expected answer.
 */
void pfc_judge(struct pfc_ctx *ctx, struct pfc_stats *st,
	       const struct pfc_objsnap *snap, const char *op,
	       const char *path, uint64_t t0, int err)
{
	char since[16];

	if (!snap->deleted || snap->del_ns > t0) {
		if (err && snap->deleted)
			pfc_stats_count(st, CTR_ERR_RACING, 1);
		return;
	}
	if (pfc_stale_access(snap->deleted, snap->del_ns, t0, err)) {
		pfc_fmt_ns(since, sizeof(since), t0 - snap->del_ns);
		pfc_result_violation(ctx->res, "stale-access", op, path, true,
				     (int64_t)(t0 - snap->del_ns),
				     "%s succeeded %s after the removal of %s returned",
				     op, since, snap->name);
		return;
	}
	if (err == -ENOENT)
		pfc_stats_count(st, CTR_ENOENT_AFTER, 1);
}

struct find_arg {
	const char *name;
	bool found;
	unsigned int n;
};

static void find_cb(const char *name, unsigned char type, void *arg)
{
	struct find_arg *f = arg;

	f->n++;
	if (!strcmp(name, f->name))
		f->found = true;
}

struct stat_all_arg {
	struct pfc_stats *st;
	const char *dir;
	unsigned int n;
	int err;
	char bad[NAME_MAX + 1];
};

static void stat_cb(const char *name, unsigned char type, void *arg)
{
	struct stat_all_arg *a = arg;
	char p[PATH_MAX];
	int ret;

	snprintf(p, sizeof(p), "%s/%s", a->dir, name);
	ret = pfc_fs_stat(a->st, p, NULL);
	a->n++;
	if (ret && !a->err) {
		a->err = ret;
		pfc_strlcpy(a->bad, name, sizeof(a->bad));
	}
}

/*
 * Everything a user does with a fresh event: stat its directory, list
 * it, stat every file, read id and format, parse the format, and see
 * the event in its group's listing.  The event is known to be live, so
 * any failure is a violation.  Returns 0 or -errno.
 */
int pfc_event_access_full(struct pfc_ctx *ctx, struct pfc_stats *st,
			  struct pfc_evfmt *fmt, const char *inst,
			  const char *event)
{
	char dir[PATH_MAX], p[PATH_MAX], buf[8192], why[192];
	struct stat_all_arg sa = { .st = st, .dir = dir };
	struct find_arg fa = { .name = event };
	long id = -1;
	ssize_t n;
	int ret;

	pfc_ev_path(ctx, dir, sizeof(dir), inst, event, NULL);
	ret = pfc_fs_stat(st, dir, NULL);
	if (ret)
		goto missing;
	ret = pfc_fs_getdents(st, dir, 4096, stat_cb, &sa, NULL);
	if (ret < 0)
		goto missing;
	if (sa.err) {
		snprintf(p, sizeof(p), "%s/%s", dir, sa.bad);
		pfc_result_violation(ctx->res, "live-missing", "stat", p,
				     false, 0,
				     "listed file of a live event cannot be stat'ed: %s",
				     strerror(-sa.err));
	}
	if (sa.n < 3)
		pfc_result_violation(ctx->res, "live-missing", "getdents", dir,
				     false, 0,
				     "live event directory lists %u entries",
				     sa.n);

	pfc_ev_path(ctx, p, sizeof(p), inst, event, "id");
	n = pfc_fs_read_file(st, p, buf, sizeof(buf), NULL);
	if (n < 0) {
		ret = n;
		goto missing;
	}
	id = strtol(buf, NULL, 10);

	pfc_ev_path(ctx, p, sizeof(p), inst, event, "format");
	n = pfc_fs_read_file(st, p, buf, sizeof(buf), NULL);
	if (n < 0) {
		ret = n;
		goto missing;
	}
	if (fmt && pfc_evfmt_check(fmt, st, ctx->tfs->group, event, buf, n,
				   id, why, sizeof(why)))
		pfc_result_violation(ctx->res, "format-parse", "parse", p,
				     false, 0, "%s", why);

	pfc_ev_path(ctx, p, sizeof(p), inst, NULL, NULL);
	ret = pfc_fs_getdents(st, p, 4096, find_cb, &fa, NULL);
	if (ret >= 0 && !fa.found)
		pfc_result_violation(ctx->res, "live-missing", "getdents", p,
				     false, 0,
				     "live event %s not listed in its group",
				     event);
	return 0;

missing:
	pfc_result_violation(ctx->res, "live-missing", "access", dir, false, 0,
			     "live event %s not accessible: %s", event,
			     strerror(-ret));
	return ret;
}

/* After a delete returned: nothing of the event may be reachable */
void pfc_event_probe_deleted(struct pfc_ctx *ctx, struct pfc_stats *st,
			     const char *inst, const char *event,
			     uint64_t del_ns)
{
	struct pfc_objsnap snap = { .gen = 1, .deleted = true,
				    .del_ns = del_ns };
	struct find_arg fa = { .name = event };
	char p[PATH_MAX];
	uint64_t t0;
	int ret;

	pfc_strlcpy(snap.name, event, sizeof(snap.name));
	pfc_stats_count(st, CTR_STALE_PROBES, 1);

	pfc_ev_path(ctx, p, sizeof(p), inst, event, NULL);
	ret = pfc_fs_stat(st, p, &t0);
	pfc_judge(ctx, st, &snap, "stat", p, t0, ret);

	pfc_ev_path(ctx, p, sizeof(p), inst, event, "format");
	ret = pfc_fs_open(st, p, O_RDONLY, &t0);
	if (ret >= 0) {
		close(ret);
		ret = 0;
	}
	pfc_judge(ctx, st, &snap, "open", p, t0, ret);

	pfc_ev_path(ctx, p, sizeof(p), inst, event, "id");
	ret = pfc_fs_stat(st, p, &t0);
	pfc_judge(ctx, st, &snap, "stat", p, t0, ret);

	pfc_ev_path(ctx, p, sizeof(p), inst, NULL, NULL);
	ret = pfc_fs_getdents(st, p, 4096, find_cb, &fa, &t0);
	if (ret >= 0 && fa.found) {
		pfc_ev_path(ctx, p, sizeof(p), inst, event, NULL);
		pfc_judge(ctx, st, &snap, "getdents", p, t0, 0);
	}
}

/* One random access to an event that may be live or just deleted */
void pfc_event_access_random(struct pfc_ctx *ctx, struct pfc_stats *st,
			     uint64_t *rng, const struct pfc_objsnap *snap,
			     const char *inst)
{
	char p[PATH_MAX], buf[4096];
	const char *file;
	uint64_t t0;
	ssize_t n;
	int ret;

	switch (pfc_rng_below(rng, 6)) {
	case 0:
		pfc_ev_path(ctx, p, sizeof(p), inst, snap->name, NULL);
		ret = pfc_fs_stat(st, p, &t0);
		pfc_judge(ctx, st, snap, "stat", p, t0, ret);
		break;
	case 1:
		file = event_files[pfc_rng_below(rng, ARRAY_SIZE(event_files))];
		pfc_ev_path(ctx, p, sizeof(p), inst, snap->name, file);
		ret = pfc_fs_stat(st, p, &t0);
		if (ret == -ENOENT && !strcmp(file, "hist"))
			break;	/* no CONFIG_HIST_TRIGGERS */
		pfc_judge(ctx, st, snap, "stat", p, t0, ret);
		break;
	case 2:
		pfc_ev_path(ctx, p, sizeof(p), inst, snap->name, "format");
		n = pfc_fs_read_file(st, p, buf, sizeof(buf), &t0);
		pfc_judge(ctx, st, snap, "open", p, t0, n < 0 ? (int)n : 0);
		break;
	case 3:
		pfc_ev_path(ctx, p, sizeof(p), inst, snap->name, "id");
		n = pfc_fs_read_file(st, p, buf, sizeof(buf), &t0);
		pfc_judge(ctx, st, snap, "open", p, t0, n < 0 ? (int)n : 0);
		break;
	case 4:
		pfc_ev_path(ctx, p, sizeof(p), inst, snap->name, NULL);
		ret = pfc_fs_getdents(st, p, 1024, NULL, NULL, &t0);
		pfc_judge(ctx, st, snap, "getdents", p, t0,
			  ret < 0 ? ret : 0);
		break;
	default: {
		struct find_arg fa = { .name = snap->name };

		pfc_ev_path(ctx, p, sizeof(p), inst, NULL, NULL);
		ret = pfc_fs_getdents(st, p, 1024, find_cb, &fa, &t0);
		if (ret >= 0 && fa.found) {
			pfc_ev_path(ctx, p, sizeof(p), inst, snap->name, NULL);
			pfc_judge(ctx, st, snap, "getdents", p, t0, 0);
		}
		break;
	}
	}
}

int pfc_churn_init(struct pfc_churn *c, unsigned int churners,
		   unsigned int window, bool budgeted, const char *tag)
{
	memset(c, 0, sizeof(*c));
	c->churners = churners ? churners : 1;
	c->window = window ? window : 1;
	c->budgeted = budgeted;
	c->tag = tag;
	return pfc_objtab_init(&c->tab, 2 * c->window * c->churners);
}

void pfc_churn_free(struct pfc_churn *c)
{
	pfc_objtab_free(&c->tab);
}

static void churn_delete_slot(struct pfc_worker *w, struct pfc_churn *c,
			      unsigned int slot)
{
	struct pfc_ctx *ctx = w->ctx;
	struct pfc_objsnap snap;
	uint64_t done;
	int ret;

	if (!pfc_objtab_get(&c->tab, slot, &snap) || snap.deleted)
		return;
	ret = pfc_kp_delete(ctx, &w->st, snap.name, &done);
	if (ret == -EBUSY) {
		/* e.g. enabled by trace-cmd: expected, disable and retry */
		pfc_stats_count(&w->st, CTR_EBUSY_ENABLED, 1);
		pfc_kp_set_enable(ctx, NULL, snap.name, false);
		ret = pfc_kp_delete(ctx, &w->st, snap.name, &done);
	}
	if (ret && ret != -ENOENT)
		return;
	pfc_objtab_deleted(&c->tab, slot, done);
	pfc_churned(ctx, 1);
}

/*
 * Churner: create into slot i, delete the event 'window' slots
 * behind.  Stops on the budget (when budgeted), on the deadline, or
 * when the scenario's drivers are done.  Deletes what it still owns
 * before returning.
 */
void pfc_churn_worker(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct pfc_churn *c = w->arg;
	unsigned int base = w->nth * 2 * c->window;
	unsigned int span = 2 * c->window, i = 0, fails = 0, k;
	char name[PFC_NAME_MAX];
	int ret;

	for (;;) {
		unsigned int slot = base + (i % span);
		unsigned int old = base + ((i + c->window) % span);

		if (atomic_load(&ctx->drivers_done) ||
		    (c->budgeted ? !pfc_take_op(ctx) : !pfc_running(ctx)))
			break;
		churn_delete_slot(w, c, old);
		if (pfc_name_make(&ctx->names, name, sizeof(name), c->tag,
				  w->idx, w->seq++))
			break;
		ret = pfc_kp_create(ctx, &w->st, name);
		if (ret) {
			if (++fails > 20) {
				pfc_result_note(ctx->res,
						"churner %u gave up after repeated create failures (%s)",
						w->idx, strerror(-ret));
				break;
			}
			pfc_sleep_ns(NSEC_PER_MSEC);
			continue;
		}
		fails = 0;
		pfc_objtab_live(&c->tab, slot, name, 0);
		if (c->budgeted)
			pfc_op_done(ctx);
		i++;
	}
	for (k = 0; k < span; k++)
		churn_delete_slot(w, c, base + k);
}
