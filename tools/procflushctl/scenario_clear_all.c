// SPDX-License-Identifier: GPL-2.0-only
/*
 * clear-all: create N (--ops, default 100) events, access each so its
 * dentries exist, then remove them all at once by opening
 * kprobe_events with O_TRUNC, and time that.  This is done PFC_ROUNDS
 * times, with nr_dentry read after each clear, for the residual
 * verdict.  The stale-access probes of all cleared events come after
 * the last round: they would make the dcache drop what the clears left
 * behind.
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
		if (!slash || !pfc_name_is_ours(&ctx->names, slash + 1))
			n++;
	}
	free(buf);
	return n;
}

/* Create and access n events into names[]; returns how many exist */
static uint64_t create_batch(struct pfc_ctx *ctx, char (*names)[PFC_NAME_MAX],
			     uint64_t first, uint64_t n)
{
	struct pfc_stats *st = &ctx->res->stats;
	struct pfc_evfmt fmt;
	uint64_t i;
	int ret;

	pfc_evfmt_init(&fmt);
	for (i = 0; i < n && pfc_running(ctx); i++) {
		if (pfc_name_make(&ctx->names, names[i], PFC_NAME_MAX, "x", 0,
				  first + i))
			break;
		ret = pfc_kp_create(ctx, st, names[i]);
		if (ret) {
			pfc_result_note(ctx->res, "created %llu of %llu events: %s",
					(unsigned long long)i,
					(unsigned long long)n, strerror(-ret));
			break;
		}
		pfc_event_access_full(ctx, st, &fmt, NULL, names[i]);
	}
	pfc_evfmt_free(&fmt);
	return i;
}

/* O_TRUNC of kprobe_events; 0 or -errno, *done_ns when it returned */
static int clear_kprobes(struct pfc_ctx *ctx, uint64_t n, uint64_t *done_ns)
{
	struct pfc_stats *st = &ctx->res->stats;
	char p[PATH_MAX];
	uint64_t t;
	int fd, ret;

	pfc_tfs_path(ctx, p, sizeof(p), "kprobe_events");
	t = pfc_now_ns();
	fd = open(p, O_WRONLY | O_TRUNC | O_CLOEXEC);
	ret = fd < 0 ? -errno : 0;
	*done_ns = pfc_now_ns();
	pfc_stats_record(st, PFC_OP_CLEAR, *done_ns - t, ret);
	if (fd >= 0)
		close(fd);
	if (ret)
		pfc_result_violation(ctx->res, "clear-failed", "clear", p,
				     false, 0,
				     "O_TRUNC of kprobe_events with %llu idle events failed: %s",
				     (unsigned long long)n, strerror(-ret));
	return ret;
}

void pfc_scen_clear_all(struct pfc_ctx *ctx)
{
	struct pfc_stats *st = &ctx->res->stats;
	uint64_t per = ctx->ops_target, i, n = 0, made, cleared = 0;
	uint64_t done[PFC_ROUNDS] = { 0 }, first[PFC_ROUNDS + 1] = { 0 };
	char (*names)[PFC_NAME_MAX] = NULL;
	unsigned int r, rounds = 0;
	int foreign;

	foreign = foreign_kprobes(ctx);
	if (foreign != 0) {
		if (foreign > 0)
			pfc_skip(ctx,
				 "%d kprobe events not of this run exist; clearing kprobe_events would delete them",
				 foreign);
		else
			pfc_env_error(ctx, "cannot read kprobe_events: %s",
				      strerror(-foreign));
		return;
	}
	/* --ops N is the size of one clear; there are PFC_ROUNDS of them */
	ctx->ops_target = per * PFC_ROUNDS;
	ctx->res->ops_target = ctx->ops_target;
	names = calloc(ctx->ops_target, sizeof(*names));
	if (!names) {
		pfc_env_error(ctx, "out of memory for %llu event names",
			      (unsigned long long)ctx->ops_target);
		return;
	}
	for (r = 0; r < PFC_ROUNDS && pfc_running(ctx); r++) {
		made = create_batch(ctx, names + n, n, per);
		n += made;
		if (made < per || clear_kprobes(ctx, made, &done[r]))
			break;
		for (i = n - made; i < n; i++)
			pfc_reg_del(ctx->reg, PFC_OBJ_KPROBE, names[i], 0);
		cleared = n;
		first[++rounds] = n;
		pfc_churned(ctx, made);
		pfc_unprobed(ctx, made);
		atomic_store(&ctx->ops_done, n);
		pfc_result_metric(ctx->res, "clear_ms",
				  (double)st->op[PFC_OP_CLEAR].lat.sum /
				  (double)st->op[PFC_OP_CLEAR].lat.count /
				  NSEC_PER_MSEC, "ms (mean)");
		pfc_result_metric(ctx->res, "clear_us_per_event",
				  (double)st->op[PFC_OP_CLEAR].lat.sum /
				  NSEC_PER_USEC / (double)n, "us (mean)");
		pfc_round_end(ctx);
	}
	pfc_mark_after(ctx);
	for (r = 0; r < rounds; r++) {
		for (i = first[r]; i < first[r + 1]; i++)
			pfc_event_probe_deleted(ctx, st, NULL, names[i],
						done[r]);
	}
	/* not cleared: delete them one by one */
	for (i = cleared; i < n; i++)
		pfc_kp_delete(ctx, st, names[i], NULL);
	free(names);
}
