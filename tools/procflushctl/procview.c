// SPDX-License-Identifier: GPL-2.0-only
/*
 * exec-storm's oracles.  de_thread() swaps the pids of a thread that
 * execs and of its leader (exchange_tids()); a lookup of /proc/X that
 * races with the swap must still show the task whose tid is X, and
 * once X is released nothing may be left of it in any procfs
 * instance.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsops.h"
#include "procview.h"
#include "util.h"

/* The first field of /proc/X/stat, or -1 when it is not a number */
long pfc_stat_pid(const char *statbuf)
{
	char *end;
	long v;

	if (!statbuf || statbuf[0] < '0' || statbuf[0] > '9')
		return -1;
	v = strtol(statbuf, &end, 10);
	if (end == statbuf || *end != ' ' || v < 0)
		return -1;
	return v;
}

bool pfc_stat_pid_ok(const char *statbuf, long want, char *why, size_t len)
{
	long got = pfc_stat_pid(statbuf);

	if (got == want && strchr(statbuf, '('))
		return true;
	snprintf(why, len, "pid field is %ld, not %ld (stat starts with \"%.40s\")",
		 got, want, statbuf);
	return false;
}

/*
 * Read path (a /proc/X/stat or /proc/T/task/X/stat) and judge its pid
 * field against want.  Returns 0 when the read worked, else -errno;
 * the start time is stored in *start when it worked.
 */
int pfc_proc_read_stat(struct pfc_result *r, struct pfc_stats *st,
		       const char *path, long want, long long *start,
		       uint64_t *t0)
{
	char buf[1024], why[160];
	ssize_t n;

	n = pfc_fs_read_file(st, path, buf, sizeof(buf), t0);
	if (n < 0)
		return (int)n;
	if (n == 0)
		return -ENODATA;	/* a task on its way out */
	pfc_stats_count(st, PFC_CTR_CHECK_STAT_PID, 1);
	if (!pfc_stat_pid_ok(buf, want, why, sizeof(why)))
		pfc_result_violation(r, "stat-pid-mismatch", "read", path,
				     false, 0, "%s", why);
	if (start)
		*start = pfc_proc_starttime(buf);
	return 0;
}

/*
 * 1 if root/rel exists and is the task tid that started at start; 0 if
 * it is gone or the number names a new task.  A stat there that names
 * another pid is judged by pfc_proc_read_stat().
 */
static int still_there(struct pfc_result *r, struct pfc_stats *st,
		       const char *root, const char *rel, long tid,
		       long long start)
{
	char p[PATH_MAX];
	long long now_start = -1;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if (pfc_fs_stat(st, p, NULL))
		return 0;
	snprintf(p, sizeof(p), "%s/%s/stat", root, rel);
	if (pfc_proc_read_stat(r, st, p, tid, &now_start, NULL))
		return 1;	/* reachable, contents gone: still a leftover */
	if (start >= 0 && now_start >= 0 && now_start != start) {
		pfc_stats_count(st, PFC_CTR_PID_REUSED, 1);
		return 0;	/* the number names a new task */
	}
	return 1;
}

/*
 * root/rel names the task tid, released at reaped_ns (start: its start
 * time, -1 if unknown).  It must be gone; one still there after grace_ns is
 * a violation, one gone within it is counted.  Returns true if it was
 * a violation.
 */
bool pfc_proc_judge_gone(struct pfc_result *r, struct pfc_stats *st,
			 const char *root, const char *rel, long tid,
			 long long start, uint64_t reaped_ns, uint64_t grace_ns)
{
	uint64_t age = pfc_now_ns() - reaped_ns;
	char p[PATH_MAX];

	pfc_stats_count(st, PFC_CTR_CHECK_GONE, 1);
	if (!still_there(r, st, root, rel, tid, start))
		return false;
	if (age < grace_ns) {
		pfc_sleep_ns(grace_ns - age);
		if (!still_there(r, st, root, rel, tid, start)) {
			pfc_stats_count(st, PFC_CTR_LATE_GONE, 1);
			return false;
		}
	}
	age = pfc_now_ns() - reaped_ns;
	snprintf(p, sizeof(p), "%s/%s", root, rel);
	pfc_result_violation(r, "reaped-visible", "stat", p, true,
			     (int64_t)age,
			     "%s still reachable %.1f ms after the task was released (grace %.0f ms)",
			     p, (double)age / NSEC_PER_MSEC,
			     (double)grace_ns / NSEC_PER_MSEC);
	return true;
}
