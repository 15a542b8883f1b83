// SPDX-License-Identifier: GPL-2.0-only
/*
 * delete-while-open: hold fds on an event's enable, filter, trigger,
 * format, id (and hist when the kernel has it) and on its directory,
 * delete the event, then use the fds.
 *
 * Since the fix for CVE-2023-52879 every such use must fail with
 * ENODEV (counted, expected), except "id", whose value the kernel
 * keeps in the inode and may still return (counted as info).  A use
 * that succeeds on any other file, above all enabling a deleted event,
 * is a violation, and so is a held directory fd that still lists
 * entries.  Every fourth round also enables the event first and
 * checks that the delete is refused with EBUSY (expected).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "churn.h"
#include "fsops.h"
#include "scenario.h"
#include "tfs.h"
#include "worker.h"

#define CTR_ID_AFTER	"info.id_readable_after_delete"
#define CTR_OPEN_FAIL	"degraded.open_failed"

struct held_file {
	const char *name;
	int flags;
	bool may_succeed;	/* after delete */
	bool optional;		/* absent without CONFIG_HIST_TRIGGERS */
};

static const struct held_file held[] = {
	{ "enable",	O_RDWR },
	{ "filter",	O_RDWR },
	{ "trigger",	O_RDWR },
	{ "format",	O_RDONLY },
	{ "id",		O_RDONLY, .may_succeed = true },
	{ "hist",	O_RDONLY, .optional = true },
};

#define NR_HELD	ARRAY_SIZE(held)

static void use_after_delete(struct pfc_ctx *ctx, struct pfc_stats *st,
			     const char *path, const struct held_file *h,
			     int fd, uint64_t del_ns)
{
	char buf[4096];
	ssize_t n;

	n = pfc_fs_pread0(st, PFC_OP_FDUSE, fd, buf, sizeof(buf));
	if (n == -ENODEV) {
		pfc_stats_count(st, CTR_ENODEV_FD, 1);
	} else if (n >= 0 && h->may_succeed) {
		pfc_stats_count(st, CTR_ID_AFTER, 1);
	} else if (n >= 0) {
		pfc_result_violation(ctx->res, "fd-after-delete", "read", path,
				     true, (int64_t)(pfc_now_ns() - del_ns),
				     "read on an fd of the deleted event returned %zd bytes instead of ENODEV",
				     n);
	}
	if (strcmp(h->name, "enable"))
		return;
	n = pfc_fs_write(st, PFC_OP_FDUSE, fd, "1");
	if (n == -ENODEV)
		pfc_stats_count(st, CTR_ENODEV_FD, 1);
	else if (n >= 0)
		pfc_result_violation(ctx->res, "fd-after-delete", "write", path,
				     true, (int64_t)(pfc_now_ns() - del_ns),
				     "enabling a deleted event through a held fd succeeded");
}

static void round_once(struct pfc_worker *w, bool enabled_first)
{
	struct pfc_ctx *ctx = w->ctx;
	char name[PFC_NAME_MAX], dir[PATH_MAX], path[NR_HELD][PATH_MAX];
	int fd[NR_HELD], dfd = -1, ret;
	char buf[4096];
	uint64_t done;
	unsigned int i;
	ssize_t n;

	if (pfc_name_make(&ctx->names, name, sizeof(name), "o", w->idx,
			  w->seq++))
		return;
	if (pfc_kp_create(ctx, &w->st, name))
		return;
	pfc_ev_path(ctx, dir, sizeof(dir), NULL, name, NULL);
	for (i = 0; i < NR_HELD; i++) {
		pfc_ev_path(ctx, path[i], sizeof(path[i]), NULL, name,
			    held[i].name);
		fd[i] = pfc_fs_open(&w->st, path[i], held[i].flags, NULL);
		if (fd[i] == -ENOENT && held[i].optional)
			continue;
		if (fd[i] == -EMFILE || fd[i] == -ENFILE ||
		    fd[i] == -ENOMEM) {
			pfc_stats_count(&w->st, CTR_OPEN_FAIL, 1);
			continue;	/* degrade: test the fds we have */
		}
		if (fd[i] < 0) {
			pfc_result_violation(ctx->res, "live-missing", "open",
					     path[i], false, 0,
					     "cannot open a live event's file: %s",
					     strerror(-fd[i]));
			continue;
		}
		n = pfc_fs_pread0(&w->st, PFC_OP_READ, fd[i], buf,
				  sizeof(buf));
		if (n < 0)
			pfc_result_violation(ctx->res, "live-missing", "read",
					     path[i], false, 0,
					     "cannot read a live event's file: %s",
					     strerror(-n));
	}
	dfd = pfc_fs_open(&w->st, dir, O_RDONLY | O_DIRECTORY, NULL);

	if (enabled_first && fd[0] >= 0 &&
	    pfc_fs_write(&w->st, PFC_OP_ENABLE, fd[0], "1") > 0) {
		ret = pfc_kp_delete(ctx, &w->st, name, &done);
		if (ret == -EBUSY)
			pfc_stats_count(&w->st, CTR_EBUSY_ENABLED, 1);
		else if (!ret)
			pfc_result_violation(ctx->res, "deleted-while-enabled",
					     "delete", dir, false, 0,
					     "the kernel deleted an enabled event");
		pfc_fs_write(&w->st, PFC_OP_ENABLE, fd[0], "0");
	}

	ret = pfc_kp_delete(ctx, &w->st, name, &done);
	if (ret == -EBUSY) {
		/* still enabled somehow: turn it off and go on */
		pfc_kp_set_enable(ctx, NULL, name, false);
		ret = pfc_kp_delete(ctx, &w->st, name, &done);
	}
	if (ret) {
		pfc_result_violation(ctx->res, "delete-failed", "delete", dir,
				     false, 0,
				     "delete with open fds failed: %s",
				     strerror(-ret));
	} else {
		pfc_churned(ctx, 1);
		for (i = 0; i < NR_HELD; i++) {
			if (fd[i] >= 0)
				use_after_delete(ctx, &w->st, path[i],
						 &held[i], fd[i], done);
		}
		if (dfd >= 0) {
			n = pfc_fs_getdents_fd(&w->st, dfd, 1024, NULL, NULL);
			pfc_judge_dirfd_after_delete(ctx->res, dir, n,
						     (int64_t)(pfc_now_ns() - done));
		}
		pfc_event_probe_deleted(ctx, &w->st, NULL, name, done);
	}
	for (i = 0; i < NR_HELD; i++) {
		if (fd[i] >= 0)
			close(fd[i]);
	}
	if (dfd >= 0)
		close(dfd);
	if (!ret)
		pfc_op_done(ctx);
}

static void delete_open_main(struct pfc_worker *w)
{
	unsigned int round = 0;

	while (pfc_take_op(w->ctx))
		round_once(w, ++round % 4 == 0);
}

void pfc_scen_delete_open(struct pfc_ctx *ctx)
{
	struct pfc_pool pool;

	pfc_pool_start(&pool, ctx, ctx->threads, 0, delete_open_main, NULL);
	pfc_pool_join(&pool);
}
