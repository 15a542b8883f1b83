// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace-cmd-client: the real trace-cmd against the churning eventfs.
 * While a churner creates and deletes events next to the anchor,
 * run 'trace-cmd list -e' (must succeed and show the anchor),
 * 'trace-cmd record -e GROUP:ANCHOR' for about a second, and
 * 'trace-cmd report' of that recording (must succeed, and the
 * recorded anchor events must parse).  Without trace-cmd the
 * scenario is skipped, not passed.
 */
#include <errno.h>
#include <limits.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "churn.h"
#include "proctask.h"
#include "scenario.h"
#include "tfs.h"
#include "worker.h"

#define TC_TIMEOUT_NS	(120 * NSEC_PER_SEC)

static bool find_in_path(const char *prog, char *out, size_t len)
{
	const char *path = getenv("PATH");
	char *dup, *dir, *save = NULL;
	bool found = false;

	if (strchr(prog, '/')) {
		pfc_strlcpy(out, prog, len);
		return access(out, X_OK) == 0;
	}
	dup = strdup(path && *path ? path : "/usr/bin:/bin");
	if (!dup)
		return false;
	for (dir = strtok_r(dup, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		snprintf(out, len, "%s/%s", dir, prog);
		found = access(out, X_OK) == 0;
	}
	free(dup);
	return found;
}

/* Count lines containing needle; -1 if the file cannot be read */
static long count_lines(const char *file, const char *needle,
			long *failed_parse, char *first, size_t flen)
{
	char line[4096];
	long n = 0;
	FILE *f;

	f = fopen(file, "re");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (strstr(line, "FAILED TO PARSE") && failed_parse)
			(*failed_parse)++;
		if (needle && strstr(line, needle)) {
			if (!n && first)
				pfc_strlcpy(first, line, flen);
			n++;
		}
	}
	fclose(f);
	return n;
}

/* Run and judge the exit status; returns true if it exited 0 */
static bool run_tc(struct pfc_ctx *ctx, char *const argv[], const char *out,
		   const char *what)
{
	char tail[256] = "";
	int status = 0, ret;

	ret = pfc_run_cmd(ctx, &ctx->res->stats, argv, out, TC_TIMEOUT_NS,
			  &status);
	if (ret == -EINTR)
		return false;
	if (ret) {
		pfc_result_violation(ctx->res, "trace-cmd-failed", "exec", out,
				     false, 0, "trace-cmd %s: %s", what,
				     ret == -ETIMEDOUT ? "hung (killed after 120 s)" :
				     strerror(-ret));
		return false;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return true;
	count_lines(out, "", NULL, tail, sizeof(tail));
	pfc_result_violation(ctx->res, "trace-cmd-failed", "exec", out, false,
			     0, "trace-cmd %s %s %d (output in %s: %.120s)",
			     what, WIFEXITED(status) ? "exited" : "killed by signal",
			     WIFEXITED(status) ? WEXITSTATUS(status) :
			     WTERMSIG(status), out, tail);
	return false;
}

/*
 * One unjudged round before the baseline: trace-cmd reads formats and
 * files of events that exist anyway (ftrace headers and the like), and
 * the dentries it leaves for those are not residue of churned events.
 */
static void warm_up(struct pfc_ctx *ctx, char *tc, char *ev)
{
	char dat[PATH_MAX], out[PATH_MAX];
	char *const rec[] = { tc, "record", "-o", dat, "-e", ev, "true", NULL };
	char *const rep[] = { tc, "report", "-i", dat, NULL };
	char *const *cmds[] = { rec, rep };
	unsigned int i;
	int status;

	snprintf(dat, sizeof(dat), "%s/warmup.dat", ctx->scratch);
	snprintf(out, sizeof(out), "%s/warmup.out", ctx->scratch);
	for (i = 0; i < ARRAY_SIZE(cmds); i++) {
		if (pfc_run_cmd(ctx, &ctx->res->stats, cmds[i], out,
				TC_TIMEOUT_NS, &status) ||
		    !WIFEXITED(status) || WEXITSTATUS(status)) {
			pfc_result_note(ctx->res, "warm-up 'trace-cmd %s' failed",
					cmds[i][1]);
			return;
		}
	}
}

void pfc_scen_trace_cmd(struct pfc_ctx *ctx)
{
	char tc[PATH_MAX], anchor[PFC_NAME_MAX], ev[160], dat[PATH_MAX];
	char out[PATH_MAX], first[256] = "";
	struct pfc_churn churn;
	struct pfc_pool ch;
	long n, failed = 0;

	if (!find_in_path(ctx->opts->trace_cmd ? ctx->opts->trace_cmd :
			  "trace-cmd", tc, sizeof(tc))) {
		pfc_skip(ctx,
			 "trace-cmd not found (install it: apt-get install trace-cmd, or use --trace-cmd PATH)");
		return;
	}
	if (!ctx->scratch) {
		pfc_env_error(ctx, "no private scratch directory for trace.dat");
		return;
	}
	if (pfc_churn_init(&churn, 1, 4, true, "t")) {
		pfc_env_error(ctx, "out of memory");
		return;
	}
	if (pfc_anchor_create(ctx, anchor, sizeof(anchor)))
		goto out;
	snprintf(ev, sizeof(ev), "%s:%s", ctx->tfs->group, anchor);
	snprintf(dat, sizeof(dat), "%s/trace.dat", ctx->scratch);
	warm_up(ctx, tc, ev);
	pfc_mark_baseline(ctx);
	pfc_pool_start(&ch, ctx, 1, 0, pfc_churn_worker, &churn);

	snprintf(out, sizeof(out), "%s/list.out", ctx->scratch);
	{
		char *const argv[] = { tc, "list", "-e", NULL };

		if (run_tc(ctx, argv, out, "list -e") &&
		    count_lines(out, ev, NULL, NULL, 0) <= 0)
			pfc_result_violation(ctx->res, "trace-cmd-missing",
					     "exec", out, false, 0,
					     "'trace-cmd list -e' does not show the live anchor %s",
					     ev);
	}
	snprintf(out, sizeof(out), "%s/record.out", ctx->scratch);
	{
		char *const argv[] = { tc, "record", "-o", dat, "-e", ev,
				       "sh", "-c",
				       "cat /proc/version >/dev/null; sleep 1",
				       NULL };

		if (!run_tc(ctx, argv, out, "record"))
			goto stop;
	}
	snprintf(out, sizeof(out), "%s/report.out", ctx->scratch);
	{
		char *const argv[] = { tc, "report", "-i", dat, NULL };

		if (!run_tc(ctx, argv, out, "report"))
			goto stop;
	}
	n = count_lines(out, anchor, &failed, first, sizeof(first));
	pfc_result_metric(ctx->res, "recorded_anchor_events", n, "");
	if (failed)
		pfc_result_violation(ctx->res, "trace-cmd-parse", "exec", out,
				     false, 0,
				     "'trace-cmd report' could not parse %ld records",
				     failed);
	if (n <= 0)
		pfc_result_note(ctx->res, "no %s events were recorded, parsing not checked",
				ev);
stop:
	atomic_store(&ctx->drivers_done, true);
	pfc_pool_join(&ch);
	pfc_mark_after(ctx);
	/* trace-cmd disables what it enabled; make sure, then delete */
	pfc_kp_set_enable(ctx, NULL, anchor, false);
	pfc_anchor_delete(ctx, anchor);
out:
	pfc_churn_free(&churn);
}
