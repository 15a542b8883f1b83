// SPDX-License-Identifier: GPL-2.0-only
/*
 * clear-all: create N (--ops, default 100) events, access each so its
 * dentries exist, then remove them all at once by opening
 * kprobe_events with O_TRUNC, and time that.  The dentry snapshot is
 * taken before the stale-access probes, which would otherwise make
 * the dcache drop what the clear left behind.
 *
 * O_TRUNC removes every kprobe event on the system, so the scenario
 * is skipped when kprobe events that are not ours exist.
 */
#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "churn.h"
#include "fsops.h"
#include "names.h"
#include "scenario.h"
#include "tfs.h"
#include "tfslib.h"
#include "util.h"

/* Number of kprobe events that are not ours, or -errno */
static int foreign_kprobes(struct pfc_ctx *ctx)
{
	char p[PATH_MAX], *buf, *line, *save = NULL;
	int n = 0;
	ssize_t len;

	buf = malloc(1 << 20);
	if (!buf)
		return -ENOMEM;
	pfc_tfs_path(ctx, p, sizeof(p), "kprobe_events");
	len = pfc_fs_read_file(&ctx->res->stats, p, buf, 1 << 20, NULL);
	if (len < 0) {
		free(buf);
		return len;
	}
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		/* "p:group/event addr ..." */
		char *slash = strchr(line, '/');
		char *sp = slash ? strchr(slash, ' ') : NULL;

		if (sp)
			*sp = '\0';
		if (!slash || !pfc_name_is_ours(slash + 1))
			n++;
	}
	free(buf);
	return n;
}

void pfc_scen_clear_all(struct pfc_ctx *ctx)
{
	struct pfc_stats *st = &ctx->res->stats;
	char (*names)[PFC_NAME_MAX] = NULL;
	struct pfc_evfmt fmt;
	char p[PATH_MAX];
	uint64_t i, n = 0, t, done;
	bool cleared = false;
	int fd, foreign, ret;

	foreign = foreign_kprobes(ctx);
	if (foreign != 0) {
		if (foreign > 0)
			pfc_skip(ctx,
				 "%d kprobe events of others exist; clearing kprobe_events would delete them",
				 foreign);
		else
			pfc_env_error(ctx, "cannot read kprobe_events: %s",
				      strerror(-foreign));
		return;
	}
	names = calloc(ctx->ops_target, sizeof(*names));
	if (!names) {
		pfc_env_error(ctx, "out of memory for %llu event names",
			      (unsigned long long)ctx->ops_target);
		return;
	}
	pfc_evfmt_init(&fmt);
	for (i = 0; i < ctx->ops_target && pfc_running(ctx); i++) {
		if (pfc_name_make(&ctx->names, names[n], PFC_NAME_MAX, "x", 0,
				  i))
			break;
		ret = pfc_kp_create(ctx, st, names[n]);
		if (ret) {
			pfc_result_note(ctx->res, "created %llu of %llu events: %s",
					(unsigned long long)n,
					(unsigned long long)ctx->ops_target,
					strerror(-ret));
			break;
		}
		pfc_event_access_full(ctx, st, &fmt, NULL, names[n]);
		n++;
	}
	pfc_evfmt_free(&fmt);
	if (!n)
		goto out;

	pfc_tfs_path(ctx, p, sizeof(p), "kprobe_events");
	t = pfc_now_ns();
	fd = open(p, O_WRONLY | O_TRUNC | O_CLOEXEC);
	ret = fd < 0 ? -errno : 0;
	done = pfc_now_ns();
	pfc_stats_record(st, PFC_OP_CLEAR, done - t, ret);
	if (fd >= 0)
		close(fd);
	if (ret) {
		pfc_result_violation(ctx->res, "clear-failed", "clear", p,
				     false, 0,
				     "O_TRUNC of kprobe_events with %llu idle events failed: %s",
				     (unsigned long long)n, strerror(-ret));
		goto out;
	}
	pfc_result_metric(ctx->res, "clear_ms",
			  (double)(done - t) / NSEC_PER_MSEC, "ms");
	pfc_result_metric(ctx->res, "clear_us_per_event",
			  (double)(done - t) / NSEC_PER_USEC / (double)n, "us");
	cleared = true;
	for (i = 0; i < n; i++)
		pfc_reg_del(ctx->reg, PFC_OBJ_KPROBE, names[i], 0);
	pfc_churned(ctx, n);
	atomic_store(&ctx->ops_done, n);

	pfc_mark_after(ctx);
	for (i = 0; i < n; i++)
		pfc_event_probe_deleted(ctx, st, NULL, names[i], done);
out:
	/* not cleared: delete them one by one */
	for (i = 0; !cleared && i < n; i++)
		pfc_kp_delete(ctx, st, names[i], NULL);
	free(names);
}
