// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec-storm: spawners start multi-threaded children (procflushctl
 * itself in helper mode, see exechelper.c) whose non-leader threads
 * exec, so that de_thread() swaps the tids of the exec'ing thread and
 * the leader (exchange_tids()), while --threads readers look up
 * /proc/<tid>, /proc/<tgid>/task/<tid> and their stat through K
 * procfs instances (default: plain, subset=pid, hidepid=invisible) on
 * the private scratch tmpfs and through /proc.
 *
 * Oracles:
 *  - the pid field of /proc/X/stat (and /proc/T/task/X/stat) is X
 *    whenever the read works: a lookup that raced with the swap must
 *    not build /proc/X from the other pid;
 *  - /proc/<tgid>/stat (and /proc/<tgid>/task/<tgid>/stat) of a child
 *    that is not being reaped always reads: the tgid has a task
 *    throughout the exec (the leader before exchange_tids(), the
 *    exec'ing thread after), so a lookup that raced with the swap must
 *    not build the entry from the other pid either (it would read
 *    ESRCH once the old leader is released);
 *  - once the exec has completed, every old tid but the tgid is gone
 *    from every instance (lookup of /proc/X and /proc/T/task/X), and
 *    once the child is reaped so is the tgid; one still there after
 *    --grace-ms is a violation (a reused pid, other start time, is
 *    not judged).
 * No exec completed, or no successful stat read, is an ERROR.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exechelper.h"
#include "fsops.h"
#include "procfs.h"
#include "proctask.h"
#include "procview.h"
#include "scenario.h"
#include "sig.h"
#include "worker.h"

#define ES_SLOTS		16
#define ES_MAX_INST		16
#define ES_STALE_WINDOW_NS	(250 * NSEC_PER_MSEC)
#define ES_WAIT_NS		(10 * NSEC_PER_SEC)
#define CTR_EXPECTED_GONE	"expected.ENOENT_ESRCH_task_gone"
#define CTR_HELPER_FAILED	"helper_failed"
#define CTR_LEADER_EXIT		"execs_with_zombie_leader"
#define CTR_READS_OK		"stat_reads_ok"

static const char * const default_opts[] = {
	"", "subset=pid", "hidepid=invisible",
};

/*
 * ES_REAPING is set before the child is killed or reaped: a reader that
 * still sees an earlier state after a failed read knows the tgid had a
 * task when it read.
 */
enum es_state {
	ES_EMPTY, ES_LIVE, ES_EXECING, ES_EXECED, ES_REAPING, ES_REAPED
};

struct es_proc {
	enum es_state state;
	int nr;
	long tid[PFC_EXEC_MAX_THREADS];		/* tid[0]: the tgid */
	long long start[PFC_EXEC_MAX_THREADS];
	uint64_t done_ns;			/* exec seen, or reaped */
};

struct es_shared {
	pthread_mutex_t lock;
	struct es_proc slot[ES_SLOTS];
	char inst[ES_MAX_INST + 1][PATH_MAX];	/* last one: /proc */
	unsigned int nr_inst;
	unsigned int nr_spawners;
	atomic_ullong reads_ok;
	atomic_ullong execs;
};

static void slot_set(struct es_shared *sh, unsigned int i,
		     const struct es_proc *p)
{
	pthread_mutex_lock(&sh->lock);
	sh->slot[i] = *p;
	pthread_mutex_unlock(&sh->lock);
}

static void slot_get(struct es_shared *sh, unsigned int i, struct es_proc *p)
{
	pthread_mutex_lock(&sh->lock);
	*p = sh->slot[i];
	pthread_mutex_unlock(&sh->lock);
}

/* Read the helper's tids; -ETIMEDOUT, -EINTR or -EIO on trouble */
static int read_report(struct pfc_ctx *ctx, int fd,
		       struct pfc_exec_report *rep)
{
	uint64_t t0 = pfc_now_ns();
	size_t off = 0;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;

	while (off < sizeof(*rep)) {
		if (pfc_interrupted() || atomic_load(&ctx->abort))
			return -EINTR;
		if (pfc_now_ns() - t0 > ES_WAIT_NS)
			return -ETIMEDOUT;
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		n = read(fd, (char *)rep + off, sizeof(*rep) - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -EIO;
		off += n;
	}
	if (rep->nr < 2 || rep->nr > PFC_EXEC_MAX_THREADS)
		return -EIO;
	return 0;
}

/* Wait until the child is a zombie without reaping it */
static int wait_zombie(struct pfc_ctx *ctx, pid_t pid, siginfo_t *si)
{
	uint64_t t0 = pfc_now_ns(), nap = 20 * NSEC_PER_USEC;

	for (;;) {
		memset(si, 0, sizeof(*si));
		if (waitid(P_PID, pid, si, WEXITED | WNOWAIT | WNOHANG) &&
		    errno != EINTR)
			return -errno;
		if (si->si_pid == pid)
			return 0;
		if (pfc_interrupted())
			return -EINTR;
		if (pfc_now_ns() - t0 > ES_WAIT_NS)
			return -ETIMEDOUT;
		pfc_sleep_ns(nap);
		if (nap < NSEC_PER_MSEC)
			nap *= 2;
	}
}

/* Every old tid but the tgid must be gone once the exec completed */
static void judge_execed(struct pfc_ctx *ctx, struct pfc_stats *st,
			 struct es_shared *sh, const struct es_proc *p)
{
	uint64_t grace = (uint64_t)ctx->opts->grace_ms * NSEC_PER_MSEC;
	char rel[64], path[PATH_MAX];
	unsigned int k;
	int i, ret;

	for (k = 0; k <= sh->nr_inst; k++) {
		for (i = 1; i < p->nr; i++) {
			snprintf(rel, sizeof(rel), "%ld", p->tid[i]);
			pfc_proc_judge_gone(ctx->res, st, sh->inst[k], rel,
					    p->tid[i], p->start[i], p->done_ns,
					    grace);
			snprintf(rel, sizeof(rel), "%ld/task/%ld", p->tid[0],
				 p->tid[i]);
			pfc_proc_judge_gone(ctx->res, st, sh->inst[k], rel,
					    p->tid[i], p->start[i], p->done_ns,
					    grace);
		}
		/* the zombie: still there, and it is the tgid */
		snprintf(path, sizeof(path), "%s/%ld/stat", sh->inst[k],
			 p->tid[0]);
		ret = pfc_proc_read_stat(ctx->res, st, path, p->tid[0], NULL,
					 NULL);
		if (!ret)
			atomic_fetch_add(&sh->reads_ok, 1);
	}
}

static void judge_reaped(struct pfc_ctx *ctx, struct pfc_stats *st,
			 struct es_shared *sh, const struct es_proc *p)
{
	uint64_t grace = (uint64_t)ctx->opts->grace_ms * NSEC_PER_MSEC;
	char rel[32];
	unsigned int k;

	snprintf(rel, sizeof(rel), "%ld", p->tid[0]);
	for (k = 0; k <= sh->nr_inst; k++)
		pfc_proc_judge_gone(ctx->res, st, sh->inst[k], rel, p->tid[0],
				    p->start[0], p->done_ns, grace);
}

static void kill_child(struct pfc_ctx *ctx, pid_t pid, int rfd, int wfd)
{
	close(rfd);
	close(wfd);
	pfc_kill_reap(ctx, pid);
}

/* One child: spawn, publish, exec, judge.  True if the exec completed. */
static bool exec_once(struct pfc_worker *w, unsigned int slot)
{
	struct pfc_ctx *ctx = w->ctx;
	struct es_shared *sh = w->arg;
	struct pfc_exec_report rep;
	struct es_proc p = { 0 };
	unsigned char go;
	char path[PATH_MAX];
	int rfd, wfd, ret, i, code;
	unsigned int nthr = 2 + pfc_w_rand(w, PFC_EXEC_MAX_THREADS - 1);
	uint64_t done;
	siginfo_t si;
	pid_t pid;

	pid = pfc_spawn_exec_helper(ctx, &w->st, nthr, &rfd, &wfd);
	if (pid < 0)
		return false;
	ret = read_report(ctx, rfd, &rep);
	if (ret) {
		if (ret != -EINTR)
			pfc_result_note(ctx->res, "exec helper %d sent no tids: %s",
					pid, strerror(-ret));
		kill_child(ctx, pid, rfd, wfd);
		return false;
	}
	p.state = ES_LIVE;
	p.nr = rep.nr;
	for (i = 0; i < rep.nr; i++) {
		p.tid[i] = rep.tid[i];
		snprintf(path, sizeof(path), "/proc/%ld/task/%ld/stat",
			 p.tid[0], p.tid[i]);
		p.start[i] = -1;
		if (!pfc_proc_read_stat(ctx->res, &w->st, path, p.tid[i],
					&p.start[i], NULL))
			atomic_fetch_add(&sh->reads_ok, 1);
	}
	slot_set(sh, slot, &p);

	/* let the readers find the live tids, sometimes not */
	pfc_sleep_ns(pfc_w_rand(w, 2 * NSEC_PER_MSEC));
	go = 1 + pfc_w_rand(w, rep.nr - 1);
	if (!pfc_w_rand(w, 4)) {
		go |= PFC_EXEC_GO_LEADER_EXIT;
		pfc_stats_count(&w->st, CTR_LEADER_EXIT, 1);
	}
	p.state = ES_EXECING;
	slot_set(sh, slot, &p);
	if (write(wfd, &go, 1) != 1) {
		pfc_result_note(ctx->res, "cannot tell exec helper %d to go: %s",
				pid, strerror(errno));
		p.state = ES_REAPING;
		slot_set(sh, slot, &p);
		kill_child(ctx, pid, rfd, wfd);
		return false;
	}
	close(rfd);
	close(wfd);

	ret = wait_zombie(ctx, pid, &si);
	if (ret) {
		if (ret != -EINTR)
			pfc_result_note(ctx->res, "exec helper %d did not finish: %s",
					pid, strerror(-ret));
		p.state = ES_REAPING;
		slot_set(sh, slot, &p);
		pfc_kill_reap(ctx, pid);
		p.state = ES_REAPED;
		p.done_ns = pfc_now_ns();
		slot_set(sh, slot, &p);
		return false;
	}
	p.done_ns = pfc_now_ns();
	code = si.si_code == CLD_EXITED ? si.si_status : 128 + si.si_status;
	if (code) {
		pfc_stats_count(&w->st, CTR_HELPER_FAILED, 1);
		pfc_result_note(ctx->res, "exec helper exited with %d: %s",
				code, pfc_exec_status_text(code));
		p.state = ES_REAPING;
		slot_set(sh, slot, &p);
		pfc_reap(ctx, &w->st, pid, &done);
		p.state = ES_REAPED;
		slot_set(sh, slot, &p);
		return false;
	}
	p.state = ES_EXECED;
	slot_set(sh, slot, &p);
	judge_execed(ctx, &w->st, sh, &p);

	p.state = ES_REAPING;
	slot_set(sh, slot, &p);
	ret = pfc_reap(ctx, &w->st, pid, &done);
	p.state = ES_REAPED;
	p.done_ns = done;
	slot_set(sh, slot, &p);
	if (!ret)
		judge_reaped(ctx, &w->st, sh, &p);
	return true;
}

static void spawner_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct es_shared *sh = w->arg;
	unsigned int slot = w->nth, fails = 0;

	while (pfc_take_op(ctx)) {
		if (exec_once(w, slot)) {
			fails = 0;
			atomic_fetch_add(&sh->execs, 1);
			pfc_churned(ctx, 1);
			pfc_op_done(ctx);
		} else if (++fails <= 20 || pfc_interrupted()) {
			pfc_sleep_ns(5 * NSEC_PER_MSEC);	/* back off */
		} else {
			pfc_env_error(ctx, "20 exec helpers in a row failed (see the notes)");
			break;
		}
		slot = (slot + sh->nr_spawners) % ES_SLOTS;
	}
}

struct task_arg {
	struct pfc_ctx *ctx;
	struct pfc_stats *st;
	struct es_shared *sh;
	const char *dir;
};

static void task_cb(const char *name, unsigned char type, void *arg)
{
	struct task_arg *a = arg;
	char p[PATH_MAX];
	long tid = strtol(name, NULL, 10);

	if (tid <= 0)
		return;
	snprintf(p, sizeof(p), "%s/%s/stat", a->dir, name);
	if (!pfc_proc_read_stat(a->ctx->res, a->st, p, tid, NULL, NULL))
		atomic_fetch_add(&a->sh->reads_ok, 1);
}

static bool gone_err(int ret)
{
	return ret == -ENOENT || ret == -ESRCH || ret == -ENODATA;
}

static void count_err(struct pfc_stats *st, int ret)
{
	if (gone_err(ret))
		pfc_stats_count(st, CTR_EXPECTED_GONE, 1);
}

/*
 * A read of the tgid's entry failed as if the task were gone: a
 * violation if the slot still shows the same child in a state before
 * ES_REAPING, set before any kill or reap.  So the tgid had a task for
 * the whole read.
 */
static void judge_tgid_gone(struct pfc_ctx *ctx, struct es_shared *sh,
			    unsigned int i, long tgid, const char *path,
			    int ret)
{
	struct es_proc now;

	if (!gone_err(ret))
		return;
	slot_get(sh, i, &now);
	if (now.tid[0] != tgid || now.state == ES_EMPTY ||
	    now.state >= ES_REAPING)
		return;
	pfc_result_violation(ctx->res, "tgid-entry-gone", "read", path, false,
			     0, "%s failed (%s) while thread group %ld was alive",
			     path, strerror(-ret), tgid);
}

static void reader_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct es_shared *sh = w->arg;
	char p[PATH_MAX], dir[PATH_MAX];
	struct es_proc pr;
	const char *root;
	unsigned int i;
	long tid, tgid;
	int ret;

	while (pfc_running(ctx) && !atomic_load(&ctx->drivers_done)) {
		i = pfc_w_rand(w, ES_SLOTS);
		slot_get(sh, i, &pr);
		if (pr.state == ES_EMPTY ||
		    (pr.state >= ES_REAPING &&
		     pfc_now_ns() - pr.done_ns > ES_STALE_WINDOW_NS)) {
			pfc_sleep_ns(100 * NSEC_PER_USEC);
			continue;
		}
		tgid = pr.tid[0];
		tid = pr.tid[pfc_w_rand(w, pr.nr)];
		root = sh->inst[pfc_w_rand(w, sh->nr_inst + 1)];
		switch (pfc_w_rand(w, 4)) {
		case 0:
			snprintf(p, sizeof(p), "%s/%ld/stat", root, tid);
			break;
		case 1:
			snprintf(p, sizeof(p), "%s/%ld/task/%ld/stat", root,
				 tgid, tid);
			break;
		case 2:
			/* the lookup of the directory alone, then its stat */
			snprintf(p, sizeof(p), "%s/%ld", root, tid);
			ret = pfc_fs_stat(&w->st, p, NULL);
			if (ret) {
				count_err(&w->st, ret);
				if (tid == tgid)
					judge_tgid_gone(ctx, sh, i, tgid, p, ret);
				continue;
			}
			snprintf(p, sizeof(p), "%s/%ld/stat", root, tid);
			break;
		default: {
			struct task_arg ta = { ctx, &w->st, sh, dir };

			snprintf(dir, sizeof(dir), "%s/%ld/task", root, tgid);
			ret = pfc_fs_getdents(&w->st, dir, 512, task_cb, &ta,
					      NULL);
			if (ret < 0)
				count_err(&w->st, ret);
			continue;
		}
		}
		ret = pfc_proc_read_stat(ctx->res, &w->st, p, tid, NULL, NULL);
		if (!ret) {
			atomic_fetch_add(&sh->reads_ok, 1);
		} else {
			count_err(&w->st, ret);
			if (tid == tgid)
				judge_tgid_gone(ctx, sh, i, tgid, p, ret);
		}
	}
}

void pfc_scen_exec_storm(struct pfc_ctx *ctx)
{
	struct pfc_pool spawners, readers;
	struct es_shared *sh;

	if (access("/proc/self/stat", R_OK) || access("/proc/self/exe", X_OK)) {
		pfc_skip(ctx, "no /proc (or no /proc/self/exe): mount procfs on /proc");
		return;
	}
	if (!ctx->scratch) {
		pfc_env_error(ctx, "no private scratch directory to mount procfs instances on");
		return;
	}
	sh = calloc(1, sizeof(*sh));
	if (!sh) {
		pfc_env_error(ctx, "out of memory");
		return;
	}
	pthread_mutex_init(&sh->lock, NULL);
	if (pfc_mount_proc_instances(ctx, sh->inst, ES_MAX_INST, "exec",
				     default_opts, ARRAY_SIZE(default_opts),
				     &sh->nr_inst))
		goto out;
	snprintf(sh->inst[sh->nr_inst], PATH_MAX, "/proc");
	sh->nr_spawners = 1 + ctx->threads / 2;
	if (sh->nr_spawners > ES_SLOTS)
		sh->nr_spawners = ES_SLOTS;
	pfc_mark_baseline(ctx);

	pfc_pool_start(&spawners, ctx, sh->nr_spawners, 0, spawner_main, sh);
	pfc_pool_start(&readers, ctx, ctx->threads, sh->nr_spawners,
		       reader_main, sh);
	pfc_pool_join(&spawners);
	atomic_store(&ctx->drivers_done, true);
	pfc_pool_join(&readers);
	pfc_mark_after(ctx);

	if (!pfc_interrupted()) {
		pfc_judge_work(ctx->res, "exec completed",
			       atomic_load(&sh->execs));
		pfc_judge_work(ctx->res, "successful /proc/X/stat read",
			       atomic_load(&sh->reads_ok));
	}
	pfc_stats_count(&ctx->res->stats, CTR_READS_OK,
			atomic_load(&sh->reads_ok));
	pfc_result_metric(ctx->res, "execs", (double)atomic_load(&sh->execs),
			  "");
out:
	pfc_umount_proc_instances(ctx, sh->inst, sh->nr_inst);
	pthread_mutex_destroy(&sh->lock);
	free(sh);
}
