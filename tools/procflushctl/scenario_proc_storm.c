// SPDX-License-Identifier: GPL-2.0-only
/*
 * proc-storm: a spawner forks and reaps short-lived tasks while
 * --threads readers hit /proc/<pid>/{stat,status,task/...} of live and
 * just-reaped tasks through K procfs instances (default
 * hidepid=invisible, subset=pid and a plain one) mounted in the
 * private mount namespace on the private scratch tmpfs.
 *
 * Oracles:
 *  - after waitpid() returned, /proc/<pid> of that task must be gone
 *    from every instance (lookup and listing); one still there after
 *    --grace-ms is a violation, one gone within it is counted.  A pid
 *    that was reused by a new task (other start time) is not ours.
 *  - a checker running as uid 65533 must never see tasks of uid 65534
 *    in the hidepid=invisible instance.
 */
#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "churn.h"
#include "fsops.h"
#include "procfs.h"
#include "proctask.h"
#include "scenario.h"
#include "worker.h"

#define PS_SLOTS	16
#define PS_STALE_WINDOW_NS	(250 * NSEC_PER_MSEC)
#define PS_VICTIMS	3
#define PS_MAX_INST	16
#define CTR_LATE	"late_flush_within_grace"
#define CTR_REUSED	"pid_reused"
#define CTR_ESRCH	"expected.ESRCH_exiting"

static const char * const default_opts[] = {
	"hidepid=invisible", "subset=pid", "",
};

struct ps_shared {
	struct pfc_objtab tab;
	char inst[PS_MAX_INST + 1][PATH_MAX];	/* last one: host /proc */
	unsigned int nr_inst;
	uint64_t late_max_ns;		/* __atomic builtins only */
};

/* Start time of pid as seen through procdir, or -errno */
static long long starttime_via(struct pfc_stats *st, const char *procdir,
			       const char *pid)
{
	char p[PATH_MAX], buf[1024];
	ssize_t n;

	snprintf(p, sizeof(p), "%s/%s/stat", procdir, pid);
	n = pfc_fs_read_file(st, p, buf, sizeof(buf), NULL);
	if (n < 0)
		return n;
	return pfc_proc_starttime(buf);
}

/*
 * /proc/<pid> of a reaped task was reachable at t0 through procdir.
 * Unless the pid now names another task, wait out the grace window and
 * look again.  Returns true if it was a violation.
 */
static bool judge_visible(struct pfc_ctx *ctx, struct pfc_stats *st,
			  struct ps_shared *sh, const struct pfc_objsnap *snap,
			  const char *procdir, const char *op, uint64_t t0)
{
	uint64_t grace = (uint64_t)ctx->opts->grace_ms * NSEC_PER_MSEC;
	long long start;
	char p[PATH_MAX];
	uint64_t age, cur;

	start = starttime_via(st, procdir, snap->name);
	if (start >= 0 && snap->aux >= 0 && start != snap->aux) {
		pfc_stats_count(st, CTR_REUSED, 1);
		return false;
	}
	age = t0 - snap->del_ns;
	if (age < grace) {
		pfc_sleep_ns(grace - age);
		snprintf(p, sizeof(p), "%s/%s", procdir, snap->name);
		if (pfc_fs_stat(st, p, NULL)) {
			pfc_stats_count(st, CTR_LATE, 1);
			cur = __atomic_load_n(&sh->late_max_ns,
					      __ATOMIC_SEQ_CST);
			while (age > cur &&
			       !__atomic_compare_exchange_n(&sh->late_max_ns,
							    &cur, age, true,
							    __ATOMIC_SEQ_CST,
							    __ATOMIC_SEQ_CST))
				;
			return false;
		}
		start = starttime_via(st, procdir, snap->name);
		if (start >= 0 && snap->aux >= 0 && start != snap->aux) {
			pfc_stats_count(st, CTR_REUSED, 1);
			return false;
		}
	}
	snprintf(p, sizeof(p), "%s/%s", procdir, snap->name);
	pfc_result_violation(ctx->res, "reaped-visible", op, p, true,
			     (int64_t)age,
			     "task %s still reachable %.1f ms after it was reaped (grace %u ms)",
			     snap->name, (double)age / NSEC_PER_MSEC,
			     ctx->opts->grace_ms);
	return true;
}

struct list_arg {
	const struct pfc_objsnap *snaps;
	unsigned int n;
	bool *hit;
};

static void list_cb(const char *name, unsigned char type, void *arg)
{
	struct list_arg *a = arg;
	unsigned int i;

	if (name[0] < '0' || name[0] > '9')
		return;
	for (i = 0; i < a->n; i++) {
		if (a->snaps[i].gen && a->snaps[i].deleted &&
		    !strcmp(a->snaps[i].name, name))
			a->hit[i] = true;
	}
}

/* No instance may list a pid reaped before the listing started */
static void check_listings(struct pfc_ctx *ctx, struct pfc_stats *st,
			   struct ps_shared *sh)
{
	struct pfc_objsnap snaps[PS_SLOTS];
	bool hit[PS_SLOTS];
	struct list_arg a = { snaps, PS_SLOTS, hit };
	unsigned int i, k;
	uint64_t t0;

	for (i = 0; i < PS_SLOTS; i++)
		pfc_objtab_get(&sh->tab, i, &snaps[i]);
	for (k = 0; k <= sh->nr_inst; k++) {
		memset(hit, 0, sizeof(hit));
		if (pfc_fs_getdents(st, sh->inst[k], 4096, list_cb, &a, &t0) < 0)
			continue;
		for (i = 0; i < PS_SLOTS; i++) {
			if (hit[i] && snaps[i].del_ns <= t0)
				judge_visible(ctx, st, sh, &snaps[i],
					      sh->inst[k], "getdents", t0);
		}
	}
}

static void spawner_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct ps_shared *sh = w->arg;
	struct pfc_objsnap snap;
	char name[24], p[PATH_MAX];
	unsigned int slot = 0, k, fails = 0;
	uint64_t done, t0;
	pid_t pid;
	int ret;

	while (pfc_take_op(ctx)) {
		pid = pfc_spawn_short(ctx, &w->st,
				      pfc_w_rand(w, 3 * NSEC_PER_MSEC));
		if (pid < 0) {
			/* EAGAIN/ENOMEM under load: back off, never spin */
			if (++fails > 50) {
				pfc_env_error(ctx, "fork keeps failing: %s",
					      strerror(-pid));
				break;
			}
			pfc_sleep_ns(10 * NSEC_PER_MSEC);
			continue;
		}
		fails = 0;
		snprintf(name, sizeof(name), "%d", pid);
		pfc_objtab_live(&sh->tab, slot, name,
				starttime_via(&w->st, sh->inst[sh->nr_inst],
					      name));
		ret = pfc_reap(ctx, &w->st, pid, &done);
		if (ret) {
			pfc_result_note(ctx->res, "waitpid(%d): %s", pid,
					strerror(-ret));
			continue;
		}
		pfc_objtab_deleted(&sh->tab, slot, done);
		pfc_churned(ctx, 1);
		pfc_objtab_get(&sh->tab, slot, &snap);
		for (k = 0; k <= sh->nr_inst; k++) {
			snprintf(p, sizeof(p), "%s/%s", sh->inst[k], name);
			if (!pfc_fs_stat(&w->st, p, &t0))
				judge_visible(ctx, &w->st, sh, &snap,
					      sh->inst[k], "stat", t0);
		}
		if (w->seq++ % 8 == 0)
			check_listings(ctx, &w->st, sh);
		slot = (slot + 1) % PS_SLOTS;
		pfc_op_done(ctx);
	}
}

struct task_arg {
	struct pfc_stats *st;
	const char *dir;
};

static void task_cb(const char *name, unsigned char type, void *arg)
{
	struct task_arg *a = arg;
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s/%s/stat", a->dir, name);
	pfc_fs_stat(a->st, p, NULL);
}

static void reader_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct ps_shared *sh = w->arg;
	struct pfc_objsnap snap;
	char p[PATH_MAX], buf[2048];
	const char *dir, *op;
	uint64_t t0;
	ssize_t n;
	int ret;

	while (pfc_running(ctx) && !atomic_load(&ctx->drivers_done)) {
		/*
		 * Live and just-reaped tasks only: hammering long-gone pids
		 * would starve the spawner on a slow machine.
		 */
		if (!pfc_objtab_get(&sh->tab, pfc_w_rand(w, PS_SLOTS), &snap) ||
		    (snap.deleted &&
		     pfc_now_ns() - snap.del_ns > PS_STALE_WINDOW_NS)) {
			pfc_sleep_ns(200 * NSEC_PER_USEC);
			continue;
		}
		dir = sh->inst[pfc_w_rand(w, sh->nr_inst + 1)];
		switch (pfc_w_rand(w, 3)) {
		case 0:
			op = "read";
			snprintf(p, sizeof(p), "%s/%s/stat", dir, snap.name);
			n = pfc_fs_read_file(&w->st, p, buf, sizeof(buf), &t0);
			ret = n < 0 ? (int)n : 0;
			break;
		case 1:
			op = "read";
			snprintf(p, sizeof(p), "%s/%s/status", dir, snap.name);
			n = pfc_fs_read_file(&w->st, p, buf, sizeof(buf), &t0);
			ret = n < 0 ? (int)n : 0;
			break;
		default: {
			struct task_arg ta = { &w->st, p };

			op = "getdents";
			snprintf(p, sizeof(p), "%s/%s/task", dir, snap.name);
			ret = pfc_fs_getdents(&w->st, p, 1024, task_cb, &ta,
					      &t0);
			ret = ret < 0 ? ret : 0;
			break;
		}
		}
		if (ret == -ESRCH)
			pfc_stats_count(&w->st, CTR_ESRCH, 1);
		if (!ret && snap.deleted && snap.del_ns <= t0)
			judge_visible(ctx, &w->st, sh, &snap, dir, op, t0);
		else if (snap.deleted && snap.del_ns <= t0 && ret == -ENOENT)
			pfc_stats_count(&w->st, CTR_ENOENT_AFTER, 1);
	}
}

static int hidepid_instance(struct ps_shared *sh, const char *const *opts,
			    unsigned int nopts)
{
	unsigned int i;

	for (i = 0; i < sh->nr_inst; i++) {
		const char *o = opts[i % nopts];

		if (strstr(o, "hidepid=invisible") || strstr(o, "hidepid=2"))
			return i;
	}
	return -1;
}

void pfc_scen_proc_storm(struct pfc_ctx *ctx)
{
	struct pfc_hidepid_result hr = { 0 };
	pid_t victims[PS_VICTIMS] = { 0 }, checker = -1;
	struct pfc_pool spawner, readers;
	struct ps_shared *sh;
	const char *const *opts;
	unsigned int i, nv = 0, nopts;
	uint64_t late_max_ns;
	int hp, rfd = -1;

	if (!ctx->scratch) {
		pfc_env_error(ctx, "no private scratch directory to mount procfs instances on");
		return;
	}
	sh = calloc(1, sizeof(*sh));
	if (!sh || pfc_objtab_init(&sh->tab, PS_SLOTS)) {
		pfc_env_error(ctx, "out of memory");
		free(sh);
		return;
	}
	if (pfc_mount_proc_instances(ctx, sh->inst, PS_MAX_INST, "proc",
				     default_opts, ARRAY_SIZE(default_opts),
				     &sh->nr_inst))
		goto out;
	snprintf(sh->inst[sh->nr_inst], PATH_MAX, "/proc");

	opts = pfc_proc_opts(ctx->opts, default_opts, ARRAY_SIZE(default_opts),
			     &nopts);
	hp = hidepid_instance(sh, opts, nopts);
	if (hp >= 0) {
		for (i = 0; i < PS_VICTIMS; i++) {
			pid_t pid = pfc_spawn_victim(ctx, PFC_VICTIM_UID);

			if (pid > 0)
				victims[nv++] = pid;
		}
		pfc_sleep_ns(20 * NSEC_PER_MSEC);	/* let them switch uid */
		checker = pfc_spawn_hidepid_checker(ctx, sh->inst[hp], victims,
						    nv, 20, &rfd);
	} else {
		pfc_result_note(ctx->res, "no hidepid=invisible instance: hidepid not checked");
	}
	/*
	 * Listing a procfs root instantiates a dentry for every task it
	 * shows (proc_fill_cache); do that once for the tasks that exist
	 * anyway, so the baseline holds them.
	 */
	for (i = 0; i <= sh->nr_inst; i++)
		pfc_fs_getdents(&ctx->res->stats, sh->inst[i], 4096, NULL, NULL,
				NULL);
	pfc_mark_baseline(ctx);

	pfc_pool_start(&spawner, ctx, 1, 0, spawner_main, sh);
	pfc_pool_start(&readers, ctx, ctx->threads, 1, reader_main, sh);
	pfc_pool_join(&spawner);
	atomic_store(&ctx->drivers_done, true);
	pfc_pool_join(&readers);
	pfc_mark_after(ctx);

	if (checker > 0) {
		ssize_t n;

		do {
			n = read(rfd, &hr, sizeof(hr));
		} while (n < 0 && errno == EINTR);
		close(rfd);
		pfc_kill_reap(ctx, checker);
		if (n != sizeof(hr) || hr.checks < 0) {
			pfc_result_note(ctx->res, "hidepid checker failed (%s)",
					n == sizeof(hr) ? strerror(hr.err) :
					"no result");
		} else {
			pfc_result_metric(ctx->res, "hidepid_checks", hr.checks, "");
			if (hr.visible || hr.listed)
				pfc_result_violation(ctx->res, "hidepid-leak", "stat",
						     sh->inst[hp], false, 0,
						     "uid %d saw tasks of uid %d in a hidepid=invisible instance (%d lookups, %d listings)",
						     PFC_CHECKER_UID, PFC_VICTIM_UID,
						     hr.visible, hr.listed);
			if (hr.self_ok != hr.checks)
				pfc_result_note(ctx->res,
						"hidepid checker could not see itself in %d of %d checks",
						hr.checks - hr.self_ok, hr.checks);
		}
	}
	late_max_ns = __atomic_load_n(&sh->late_max_ns, __ATOMIC_SEQ_CST);
	pfc_result_metric(ctx->res, "late_flush_max_ms",
			  (double)late_max_ns / NSEC_PER_MSEC, "ms");
out:
	for (i = 0; i < nv; i++)
		pfc_kill_reap(ctx, victims[i]);
	pfc_umount_proc_instances(ctx, sh->inst, sh->nr_inst);
	pfc_objtab_free(&sh->tab);
	free(sh);
}
