// SPDX-License-Identifier: GPL-2.0-only
/*
 * destroy-one-by-one: delete kprobe events the way libtracefs users
 * do, and time it.
 *
 * N (--ops) kprobe and/or kretprobe events (--probe-kind) are created
 * on the run's symbol in a group of this run, "pfc_<run id>_destroy",
 * left disabled, and each is looked up once (its directory and its id,
 * as a client finding the event does).  Then they are deleted as
 * tracefs_dynevent_destroy_all() deletes: tracefs_dynevent_get_all()
 * and tracefs_dynevent_destroy(ev, false) for each event it returned.
 * destroy_all() itself is not called: it lists every kprobe event of
 * the system, whatever its group, and would delete other users'
 * events.  The same loop, limited to this run's group and names, is
 * exactly what it does internally.
 *
 * Oracles: every event created is deleted (neither the dynevent list
 * nor kprobe_events shows one of ours afterwards), the path
 * events/GROUP/EVENT of each is gone (stat: ENOENT) right after its
 * destroy returned, and so is events/GROUP after the last one; all N
 * deleted and checked, or it is an ERROR.  --rounds R repeats it and
 * reports the median.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsops.h"
#include "names.h"
#include "probeview.h"
#include "scenario.h"
#include "tfs.h"
#include "tfslib.h"
#include "util.h"

#define DO_TYPES	(TRACEFS_DYNEVENT_KPROBE | TRACEFS_DYNEVENT_KRETPROBE)
#define DO_TEXT_MAX	(1024 * 1024)

struct do_round {
	double list_ms;		/* tracefs_dynevent_get_all() */
	double total_ms;	/* the listing and every destroy */
	unsigned long long deleted;
};

struct do_state {
	struct pfc_ctx *ctx;
	char group[PFC_NAME_MAX];
	char (*names)[PFC_NAME_MAX];
	bool *gone;
	char *text;		/* kprobe_events */
	uint64_t made;
};

/* System and event name of a listed event (NULL if unknown), to free */
static void ev_names(struct tracefs_dynevent *ev, char **sys, char **name)
{
	char *prefix = NULL, *addr = NULL, *fmt = NULL;

	*sys = NULL;
	*name = NULL;
	pfc_lib.dynevent_info(ev, sys, name, &prefix, &addr, &fmt);
	free(prefix);
	free(addr);
	free(fmt);
}

/* Index of one of this round's events by its name, or -1 */
static long long event_index(const struct do_state *s, const char *name)
{
	const char *us = strrchr(name, '_');
	unsigned long long i;
	char *end;

	if (!us || !us[1])
		return -1;
	i = strtoull(us + 1, &end, 10);
	if (*end || i >= s->made || strcmp(s->names[i], name))
		return -1;
	return (long long)i;
}

/* Create and look up the round's events; returns how many exist */
static uint64_t create_events(struct do_state *s, unsigned int round,
			      uint64_t n)
{
	struct pfc_ctx *ctx = s->ctx;
	struct pfc_stats *st = &ctx->res->stats;
	char p[PATH_MAX], buf[64], *kerr;
	uint64_t i;
	ssize_t len;
	int ret;

	for (i = 0; i < n && pfc_running(ctx); i++) {
		bool ret_probe = pfc_probe_is_ret(ctx->opts->probe_kind, i);

		if (pfc_name_make(&ctx->names, s->names[i], PFC_NAME_MAX, "d",
				  round, i))
			break;
		pfc_lib.error_clear(NULL);
		ret = pfc_dynev_create(ctx, st, s->group, s->names[i],
				       ret_probe);
		if (ret) {
			kerr = pfc_tfs_error();
			pfc_env_error(ctx, "creating %s %s/%s failed: %s%s%s",
				      ret_probe ? "kretprobe" : "kprobe",
				      s->group, s->names[i], strerror(-ret),
				      kerr ? "; the kernel says: " : "",
				      kerr ? kerr : "");
			free(kerr);
			break;
		}
		s->gone[i] = false;
		s->made = i + 1;
		pfc_grp_path(ctx, p, sizeof(p), s->group, s->names[i]);
		ret = pfc_fs_stat(st, p, NULL);
		if (!ret) {
			pfc_strlcpy(p + strlen(p), "/id", sizeof(p) - strlen(p));
			len = pfc_fs_read_file(st, p, buf, sizeof(buf), NULL);
			ret = len < 0 ? (int)len : 0;
		}
		if (ret)
			pfc_result_violation(ctx->res, "live-missing", "stat", p,
					     false, 0,
					     "a just created event cannot be looked up: %s",
					     strerror(-ret));
	}
	return i;
}

/* Destroy one listed event if it is one of this round's; 0 or -errno */
static int destroy_one(struct do_state *s, struct tracefs_dynevent *ev,
		       struct do_round *out, uint64_t *sum_ns)
{
	struct pfc_ctx *ctx = s->ctx;
	struct pfc_stats *st = &ctx->res->stats;
	char *sys, *name, p[PATH_MAX];
	uint64_t t, done;
	long long idx;
	int ret = 0;

	ev_names(ev, &sys, &name);
	idx = sys && name && !strcmp(sys, s->group) ? event_index(s, name) : -1;
	if (idx < 0) {
		/* never ours to delete */
		pfc_stats_count(st, "listed_not_ours", 1);
		goto out;
	}
	errno = 0;
	t = pfc_now_ns();
	ret = pfc_lib.dynevent_destroy(ev, false);
	done = pfc_now_ns();
	if (ret)
		ret = errno ? -errno : -EIO;
	pfc_stats_record(st, PFC_OP_DELETE, done - t, ret);
	*sum_ns += done - t;
	if (ret) {
		pfc_result_violation(ctx->res, "delete-failed", "delete", name,
				     false, 0,
				     "tracefs_dynevent_destroy() of an idle event failed: %s",
				     strerror(-ret));
		goto out;
	}
	pfc_reg_del(ctx->reg, PFC_OBJ_KPROBE, name, 0);
	s->gone[idx] = true;
	out->deleted++;
	pfc_churned(ctx, 1);
	pfc_grp_path(ctx, p, sizeof(p), s->group, name);
	if (pfc_judge_path_gone(ctx->res, st, p, done))
		pfc_op_done(ctx);
out:
	free(sys);
	free(name);
	return ret;
}

/* After the deletes: nothing of ours may be listed anywhere */
static void check_all_gone(struct do_state *s, uint64_t done_ns)
{
	struct pfc_ctx *ctx = s->ctx;
	struct pfc_stats *st = &ctx->res->stats;
	struct tracefs_dynevent **evs;
	char p[PATH_MAX], *sys, *name;
	unsigned int listed = 0, i;
	uint64_t k;
	ssize_t len;

	for (k = 0; k < s->made; k++) {
		if (!s->gone[k])
			pfc_result_violation(ctx->res, "not-deleted", "delete",
					     s->names[k], false, 0,
					     "created, but not deleted by the get_all + destroy loop");
	}
	evs = pfc_lib.dynevent_get_all(DO_TYPES, s->group);
	for (i = 0; evs && evs[i]; i++) {
		ev_names(evs[i], &sys, &name);
		if (pfc_name_is_ours(&ctx->names, name))
			listed++;
		free(sys);
		free(name);
	}
	pfc_lib.dynevent_list_free(evs);
	if (listed)
		pfc_result_violation(ctx->res, "still-listed", "list", s->group,
				     false, 0,
				     "tracefs_dynevent_get_all() still lists %u events of this run",
				     listed);
	pfc_tfs_path(ctx, p, sizeof(p), "kprobe_events");
	len = pfc_fs_read_file(st, p, s->text, DO_TEXT_MAX, NULL);
	if (len < 0)
		pfc_env_error(ctx, "cannot read %s: %s", p, strerror(-len));
	else if (pfc_probes_ours(s->text, &ctx->names, s->group))
		pfc_result_violation(ctx->res, "still-listed", "read", p,
				     false, 0,
				     "kprobe_events still lists %u events of this run's group %s",
				     pfc_probes_ours(s->text, &ctx->names,
						     s->group), s->group);
	/* the group directory goes with its last event */
	if (s->made && done_ns) {
		pfc_grp_path(ctx, p, sizeof(p), s->group, NULL);
		pfc_judge_path_gone(ctx->res, st, p, done_ns);
	}
}

/* One round: create, then list and destroy one by one, timed */
static void do_round(struct do_state *s, unsigned int round, uint64_t n,
		     struct do_round *out)
{
	struct pfc_ctx *ctx = s->ctx;
	struct tracefs_dynevent **evs;
	uint64_t t, sum = 0, done = 0;
	unsigned int i;

	memset(out, 0, sizeof(*out));
	s->made = 0;
	create_events(s, round, n);
	if (!s->made)
		return;

	errno = 0;
	t = pfc_now_ns();
	evs = pfc_lib.dynevent_get_all(DO_TYPES, s->group);
	sum = pfc_now_ns() - t;
	pfc_stats_record(&ctx->res->stats, PFC_OP_LIST, sum,
			 evs ? 0 : (errno ? -errno : -ENOENT));
	out->list_ms = (double)sum / NSEC_PER_MSEC;
	for (i = 0; evs && evs[i]; i++) {
		if (!destroy_one(s, evs[i], out, &sum))
			done = pfc_now_ns();
	}
	pfc_lib.dynevent_list_free(evs);
	out->total_ms = (double)sum / NSEC_PER_MSEC;
	check_all_gone(s, done);
}

static void report(struct pfc_ctx *ctx, struct do_round *r, unsigned int nr)
{
	double total[PFC_MAX_ROUNDS], per[PFC_MAX_ROUNDS], list[PFC_MAX_ROUNDS];
	unsigned int i, k = 0;

	for (i = 0; i < nr; i++) {
		if (!r[i].deleted)
			continue;
		total[k] = r[i].total_ms;
		per[k] = r[i].total_ms / (double)r[i].deleted;
		list[k++] = r[i].list_ms;
	}
	if (!k)
		return;
	pfc_result_metric(ctx->res, "delete_ms_total", pfc_median(total, k),
			  "ms (get_all + every destroy; median of the rounds)");
	pfc_result_metric(ctx->res, "delete_ms_per_event", pfc_median(per, k),
			  "ms (median of the rounds)");
	pfc_result_metric(ctx->res, "list_ms", pfc_median(list, k),
			  "ms (tracefs_dynevent_get_all; median of the rounds)");
	pfc_result_metric(ctx->res, "rounds", k, "");
	if (k > 1) {
		/* pfc_median() sorted them */
		pfc_result_metric(ctx->res, "delete_ms_total_min", total[0],
				  "ms");
		pfc_result_metric(ctx->res, "delete_ms_total_max",
				  total[k - 1], "ms");
	}
}

void pfc_scen_destroy_one(struct pfc_ctx *ctx)
{
	unsigned int rounds = ctx->opts->rounds, r;
	struct do_round res[PFC_MAX_ROUNDS];
	struct do_state s = { .ctx = ctx };
	uint64_t n;

	if (snprintf(s.group, sizeof(s.group), "%sdestroy",
		     ctx->names.prefix) >= (int)sizeof(s.group) ||
	    !pfc_name_valid(s.group)) {
		pfc_env_error(ctx, "no valid group name");
		return;
	}
	/* --ops N events per round, --rounds of them */
	n = pfc_budget_rounds(ctx, rounds);
	s.names = calloc(n, sizeof(*s.names));
	s.gone = calloc(n, sizeof(*s.gone));
	s.text = malloc(DO_TEXT_MAX);
	if (!s.names || !s.gone || !s.text) {
		pfc_env_error(ctx, "out of memory for %llu events",
			      (unsigned long long)n);
		goto out;
	}
	pfc_result_note(ctx->res, "%llu %s events per round in group %s on %s",
			(unsigned long long)n,
			pfc_probe_kind_name(ctx->opts->probe_kind), s.group,
			ctx->tfs->symbol);
	for (r = 0; r < rounds && pfc_running(ctx); r++)
		do_round(&s, r, n, &res[r]);
	report(ctx, res, r);
	pfc_judge_budget_done(ctx, "events deleted and checked");
out:
	free(s.text);
	free(s.gone);
	free(s.names);
}
