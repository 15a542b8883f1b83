// SPDX-License-Identifier: GPL-2.0-only
/*
 * notify-storm: inotify watches (and fanotify inode marks, when the
 * kernel has fanotify) on the directories and the enable and id files
 * of this run's kprobe events, and inside a tracefs instance's events
 * directory; then the events are deleted and the instance removed,
 * with remounts of tracefs that change its owner ("mount -o
 * remount,uid=N,gid=N") before and after the deletes.  The recorded
 * owner is restored at the end and on every exit path.  --threads
 * accessors hit the live and just-deleted events meanwhile.
 *
 * A mark holds its inode.  On a kernel whose eventfs does not tell
 * fsnotify that a removed directory is dead, the watch never hears of
 * the removal and the inode outlives its eventfs_inode; a remount
 * then walks that inode (eventfs_remount()).
 *
 * Oracles, besides the kernel log and taint:
 *  - every watch of a deleted directory or file reports IN_DELETE_SELF
 *    or IN_IGNORED within 2 s of the removal;
 *  - a stat of a deleted path, after its removal returned, fails
 *    (ENOENT).
 * No cycle completed, or no watch of a deleted object judged, is an
 * ERROR.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fanotify.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "churn.h"
#include "fsops.h"
#include "probeview.h"
#include "scenario.h"
#include "sig.h"
#include "result.h"
#include "tfs.h"
#include "watchtab.h"
#include "worker.h"

#define NS_EVENTS	3	/* events per cycle */
#define NS_UID_A	65534
#define NS_UID_B	65533
#define NS_IN_MASK	(IN_DELETE_SELF | IN_ATTRIB | IN_MODIFY | IN_OPEN | \
			 IN_DELETE | IN_CREATE)
#define NS_FAN_MASK	(FAN_OPEN | FAN_ACCESS | FAN_CLOSE_NOWRITE)
#define CTR_FAN_EVENTS	"fanotify.events"
#define CTR_FAN_MARKS	"fanotify.marks"
#define CTR_WATCH_FAIL	"degraded.watch_failed"
#define CTR_REMOUNTS	"remounts"
#define CTR_EBUSY_DELETE	"expected.EBUSY_delete_in_use"

struct ns_shared {
	struct pfc_objtab tab;		/* events, for the accessors */
	struct pfc_watchtab wt;
	int ifd;			/* inotify */
	int ffd;			/* fanotify, or -1 */
	char anchor[PFC_NAME_MAX];
};

/* a deleted path and when its removal returned */
struct ns_gone {
	char path[PATH_MAX];
	uint64_t done_ns;
};

static void add_watch(struct pfc_ctx *ctx, struct pfc_stats *st,
		      struct ns_shared *sh, const char *path,
		      const char *what, bool dir)
{
	uint64_t t = pfc_now_ns();
	int wd, ret;

	wd = inotify_add_watch(sh->ifd, path, NS_IN_MASK |
			       (dir ? IN_ONLYDIR : 0));
	ret = wd < 0 ? -errno : 0;
	pfc_stats_record(st, PFC_OP_WATCH, pfc_now_ns() - t, ret);
	if (wd < 0) {
		/* ENOSPC: max_user_watches; the object is live, so no ENOENT */
		if (ret == -ENOENT)
			pfc_result_violation(ctx->res, "live-missing", "inotify",
					     path, false, 0,
					     "cannot watch a live %s: %s", what,
					     strerror(-ret));
		else
			pfc_stats_count(st, CTR_WATCH_FAIL, 1);
		return;
	}
	if (pfc_watch_add(&sh->wt, wd, path, what))
		inotify_rm_watch(sh->ifd, wd);
	if (sh->ffd < 0)
		return;
	t = pfc_now_ns();
	ret = fanotify_mark(sh->ffd, FAN_MARK_ADD, NS_FAN_MASK |
			    (dir ? FAN_ONDIR | FAN_EVENT_ON_CHILD : 0),
			    AT_FDCWD, path) ? -errno : 0;
	pfc_stats_record(st, PFC_OP_WATCH, pfc_now_ns() - t, ret);
	if (!ret)
		pfc_stats_count(st, CTR_FAN_MARKS, 1);
}

static void drain_fanotify(struct ns_shared *sh, struct pfc_stats *st)
{
	char buf[4096] __aligned(8);
	struct fanotify_event_metadata *m;
	ssize_t n;

	if (sh->ffd < 0)
		return;
	while ((n = read(sh->ffd, buf, sizeof(buf))) > 0) {
		m = (struct fanotify_event_metadata *)buf;
		while (FAN_EVENT_OK(m, n)) {
			if (m->fd >= 0)
				close(m->fd);
			pfc_stats_count(st, CTR_FAN_EVENTS, 1);
			m = FAN_EVENT_NEXT(m, n);
		}
	}
}

static void drain_inotify(struct ns_shared *sh, struct pfc_stats *st)
{
	char buf[8192] __aligned(8);
	ssize_t n;

	while ((n = read(sh->ifd, buf, sizeof(buf))) > 0)
		pfc_watch_feed(&sh->wt, st, buf, n, pfc_now_ns());
}

/*
 * Wait until every watch of a deleted object reported its removal, or
 * PFC_WATCH_TIMEOUT_NS after the last removal, then judge.
 */
static void wait_and_judge(struct pfc_ctx *ctx, struct pfc_stats *st,
			   struct ns_shared *sh, uint64_t last_del_ns)
{
	struct pollfd pfd = { .fd = sh->ifd, .events = POLLIN };

	for (;;) {
		drain_inotify(sh, st);
		drain_fanotify(sh, st);
		if (!pfc_watch_pending(&sh->wt) ||
		    pfc_now_ns() - last_del_ns >= PFC_WATCH_TIMEOUT_NS)
			break;
		if (pfc_sig_urgent())
			return;		/* judge nothing half-waited */
		poll(&pfd, 1, 20);
	}
	pfc_watch_judge(&sh->wt, ctx->res, st, pfc_now_ns(),
			PFC_WATCH_TIMEOUT_NS);
}

static void rm_watch(int wd, void *arg)
{
	struct ns_shared *sh = arg;

	inotify_rm_watch(sh->ifd, wd);
}

static int remount(struct pfc_ctx *ctx, struct pfc_stats *st,
		   unsigned int uid)
{
	int ret = pfc_tfs_remount_owner(ctx, st, uid, uid);

	if (ret)
		pfc_env_error(ctx, "cannot change the owner of %s to uid=%u,gid=%u: %s",
			      ctx->tfs->dir, uid, uid, strerror(-ret));
	else
		pfc_stats_count(st, CTR_REMOUNTS, 1);
	return ret;
}

static void inst_rel(struct pfc_ctx *ctx, char *buf, size_t len,
		     const char *inst, const char *rel)
{
	snprintf(buf, len, "%s/instances/%s%s%s", ctx->tfs->dir, inst,
		 rel ? "/" : "", rel ? rel : "");
}

/* What a cycle removed: the paths to check and the last removal's end */
struct ns_removed {
	struct ns_gone *gone;
	unsigned int ng;
	uint64_t last;
};

/* A removal returned at done: its watches expect news, its path goes */
static void record_removed(struct ns_shared *sh, struct ns_removed *rm,
			   const char *path, uint64_t done)
{
	pfc_watch_deleted(&sh->wt, path, done);
	pfc_strlcpy(rm->gone[rm->ng].path, path, sizeof(rm->gone[rm->ng].path));
	rm->gone[rm->ng++].done_ns = done;
	rm->last = done;
}

/* Remove the cycle's instance and record it; 0 or -errno */
static int destroy_instance(struct pfc_ctx *ctx, struct pfc_stats *st,
			    struct ns_shared *sh, struct ns_removed *rm,
			    const char *inst)
{
	char p[PATH_MAX];
	uint64_t done;
	int ret;

	ret = pfc_inst_destroy_retry(ctx, st, inst, &done);
	if (ret)
		return ret;
	inst_rel(ctx, p, sizeof(p), inst, NULL);
	record_removed(sh, rm, p, done);
	return 0;
}

/*
 * Delete an event of the cycle and record it; its directory in the
 * instance (inst, when it still exists) goes with it.  An accessor may
 * hold a file of the event open for a moment: EBUSY is retried.
 */
static int destroy_event(struct pfc_ctx *ctx, struct pfc_stats *st,
			 struct ns_shared *sh, struct ns_removed *rm,
			 const char *ev, unsigned int slot, const char *inst)
{
	char p[PATH_MAX];
	uint64_t done;
	int ret, i;

	for (i = 0; i < 200; i++) {
		ret = pfc_kp_delete(ctx, st, ev, &done);
		if (ret != -EBUSY || pfc_sig_urgent())
			break;
		pfc_stats_count(st, CTR_EBUSY_DELETE, 1);
		pfc_sleep_ns(NSEC_PER_MSEC);
	}
	if (ret)
		return ret;
	pfc_objtab_deleted(&sh->tab, slot, done);
	pfc_churned(ctx, 1);
	pfc_ev_path(ctx, p, sizeof(p), NULL, ev, NULL);
	record_removed(sh, rm, p, done);
	if (inst) {
		pfc_ev_path(ctx, p, sizeof(p), inst, ev, NULL);
		pfc_watch_deleted(&sh->wt, p, done);
	}
	return 0;
}

/*
 * One cycle: create events and an instance, watch them, remount,
 * delete, remount, remove the instance (before or after the deletes,
 * alternately), check and judge.  Returns true if it got to judging.
 */
static bool cycle(struct pfc_worker *w, struct ns_shared *sh,
		  unsigned long long seq)
{
	struct pfc_ctx *ctx = w->ctx;
	struct pfc_stats *st = &w->st;
	char ev[NS_EVENTS][PFC_NAME_MAX], inst[PFC_NAME_MAX];
	char p[PATH_MAX];
	struct ns_removed rm = { 0 };
	unsigned int nev = 0, i;
	bool have_inst = false, inst_first = seq & 1;
	int ret;

	rm.gone = calloc(NS_EVENTS * 2 + 2, sizeof(*rm.gone));
	if (!rm.gone)
		return false;
	for (i = 0; i < NS_EVENTS; i++) {
		if (pfc_name_make(&ctx->names, ev[i], sizeof(ev[i]), "n",
				  w->idx, seq * NS_EVENTS + i))
			break;
		ret = pfc_kp_create(ctx, st, ev[i]);
		if (ret) {
			pfc_result_note(ctx->res, "creating event %s failed: %s",
					ev[i], strerror(-ret));
			break;
		}
		pfc_objtab_live(&sh->tab, (seq * NS_EVENTS + i) % sh->tab.n,
				ev[i], 0);
		nev++;
	}
	if (!nev)
		goto out;
	if (!pfc_name_make(&ctx->names, inst, sizeof(inst), "ni", w->idx,
			   seq))
		have_inst = !pfc_inst_create(ctx, st, inst);

	for (i = 0; i < nev; i++) {
		pfc_ev_path(ctx, p, sizeof(p), NULL, ev[i], NULL);
		add_watch(ctx, st, sh, p, "event directory", true);
		pfc_ev_path(ctx, p, sizeof(p), NULL, ev[i], "enable");
		add_watch(ctx, st, sh, p, "event enable file", false);
		pfc_ev_path(ctx, p, sizeof(p), NULL, ev[i], "id");
		add_watch(ctx, st, sh, p, "event id file", false);
	}
	if (have_inst) {
		inst_rel(ctx, p, sizeof(p), inst, NULL);
		add_watch(ctx, st, sh, p, "instance directory", true);
		inst_rel(ctx, p, sizeof(p), inst, "events");
		add_watch(ctx, st, sh, p, "instance events directory", true);
		for (i = 0; i < nev; i++) {
			pfc_ev_path(ctx, p, sizeof(p), inst, ev[i], NULL);
			add_watch(ctx, st, sh, p, "instance event directory",
				  true);
			pfc_ev_path(ctx, p, sizeof(p), inst, ev[i], "enable");
			add_watch(ctx, st, sh, p, "instance event enable file",
				  false);
		}
	}

	/* the owner changes on the live inodes */
	if (remount(ctx, st, seq & 2 ? NS_UID_B : NS_UID_A))
		goto undo;

	if (have_inst && inst_first &&
	    !destroy_instance(ctx, st, sh, &rm, inst))
		have_inst = false;
	for (i = 0; i < nev; i++) {
		ret = destroy_event(ctx, st, sh, &rm, ev[i],
				    (seq * NS_EVENTS + i) % sh->tab.n,
				    have_inst ? inst : NULL);
		if (ret)
			pfc_result_note(ctx->res, "deleting event %s failed: %s",
					ev[i], strerror(-ret));
	}

	/* the owner changes again, with the marks holding deleted inodes */
	remount(ctx, st, seq & 2 ? NS_UID_A : NS_UID_B);

	if (have_inst) {
		ret = destroy_instance(ctx, st, sh, &rm, inst);
		if (ret)
			pfc_result_note(ctx->res, "removing instance %s failed: %s",
					inst, strerror(-ret));
	}
	for (i = 0; i < rm.ng; i++)
		pfc_judge_path_gone(ctx->res, st, rm.gone[i].path,
				    rm.gone[i].done_ns);
	if (rm.last)
		wait_and_judge(ctx, st, sh, rm.last);
undo:
	drain_inotify(sh, st);
	pfc_watch_forget(&sh->wt, rm_watch, sh);
	drain_inotify(sh, st);
	drain_fanotify(sh, st);
out:
	free(rm.gone);
	return rm.last != 0;
}

static void driver_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct ns_shared *sh = w->arg;

	while (pfc_take_op(ctx)) {
		if (cycle(w, sh, w->seq++))
			pfc_op_done(ctx);
		if (atomic_load(&ctx->abort))
			break;
	}
}

static void accessor_main(struct pfc_worker *w)
{
	struct pfc_ctx *ctx = w->ctx;
	struct ns_shared *sh = w->arg;
	struct pfc_objsnap snap;

	while (pfc_running(ctx) && !atomic_load(&ctx->drivers_done)) {
		if (!pfc_objtab_get(&sh->tab, pfc_w_rand(w, sh->tab.n), &snap)) {
			pfc_sleep_ns(200 * NSEC_PER_USEC);
			continue;
		}
		pfc_event_access_random(ctx, &w->st, &w->st.rng, &snap, NULL);
	}
}

/* FID marks need file handles, which tracefs does not offer: probe */
static void probe_fanotify_fid(struct pfc_ctx *ctx, const char *dir)
{
	int fd, ret;

	fd = fanotify_init(FAN_CLASS_NOTIF | FAN_REPORT_FID | FAN_CLOEXEC,
			   O_RDONLY);
	if (fd < 0)
		return;
	ret = fanotify_mark(fd, FAN_MARK_ADD, FAN_DELETE_SELF | FAN_ONDIR,
			    AT_FDCWD, dir) ? errno : 0;
	close(fd);
	if (ret)
		pfc_result_note(ctx->res,
				"fanotify FID marks unsupported on tracefs (%s): inode marks without FID only",
				pfc_errno_name(ret));
	else
		pfc_result_note(ctx->res,
				"fanotify FID marks work on tracefs: not judged by this version");
}

void pfc_scen_notify_storm(struct pfc_ctx *ctx)
{
	struct pfc_pool driver, accessors;
	struct ns_shared *sh;
	char err[512];
	int ret;

	sh = calloc(1, sizeof(*sh));
	if (!sh || pfc_objtab_init(&sh->tab, NS_EVENTS * 4)) {
		pfc_env_error(ctx, "out of memory");
		free(sh);
		return;
	}
	pfc_watchtab_init(&sh->wt);
	sh->ffd = -1;
	sh->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (sh->ifd < 0) {
		int err_ino = errno;

		/* a kernel with inotify has its sysctls */
		if (access("/proc/sys/fs/inotify", F_OK))
			pfc_skip(ctx, "kernel without inotify (CONFIG_INOTIFY_USER)");
		else
			pfc_env_error(ctx, "inotify_init1: %s", strerror(err_ino));
		goto out_free;
	}
	sh->ffd = fanotify_init(FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK,
				O_RDONLY | O_LARGEFILE);
	if (sh->ffd < 0)
		pfc_result_note(ctx->res, "fanotify unavailable (%s): inotify only",
				pfc_errno_name(errno));
	else
		probe_fanotify_fid(ctx, ctx->tfs->dir);

	if (pfc_tfs_owner_save(ctx, err, sizeof(err))) {
		pfc_env_error(ctx, "%s", err);
		goto out_close;
	}
	pfc_result_note(ctx->res,
			"tracefs %s options %s: remounted with uid/gid %u and %u, restored to %s",
			ctx->tfs->dir, ctx->tfs->super_opts, NS_UID_A,
			NS_UID_B, ctx->tfs->owner_opts);
	/* the group directory stays: only the events' directories go */
	if (pfc_anchor_create(ctx, sh->anchor, sizeof(sh->anchor)))
		goto out_close;
	pfc_mark_baseline(ctx);

	pfc_pool_start(&driver, ctx, 1, 0, driver_main, sh);
	pfc_pool_start(&accessors, ctx, ctx->threads, 1, accessor_main, sh);
	pfc_pool_join(&driver);
	atomic_store(&ctx->drivers_done, true);
	pfc_pool_join(&accessors);
	pfc_mark_after(ctx);

	ret = pfc_tfs_owner_restore(ctx);
	if (ret)
		pfc_env_error(ctx, "cannot restore the owner of %s (mount -o remount,%s %s): %s",
			      ctx->tfs->dir, ctx->tfs->owner_opts,
			      ctx->tfs->dir, strerror(-ret));
	if (!pfc_interrupted())
		pfc_judge_work(ctx->res, "watch of a deleted object",
			       pfc_stats_counter(&ctx->res->stats,
						 PFC_CTR_CHECK_WATCH));
	if (sh->wt.overflows)
		pfc_result_note(ctx->res,
				"inotify queue overflowed %llu times: those cycles were not judged",
				sh->wt.overflows);
	pfc_anchor_delete(ctx, sh->anchor);
out_close:
	/* also on an early exit: the owner is put back */
	pfc_tfs_owner_restore(ctx);
	if (sh->ffd >= 0)
		close(sh->ffd);
	close(sh->ifd);
out_free:
	pfc_watchtab_free(&sh->wt);
	pfc_objtab_free(&sh->tab);
	free(sh);
}
