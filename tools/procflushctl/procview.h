/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The exec-storm oracles on a view of procfs: /proc/X/stat must name
 * X, and a reaped X must be gone.  The procfs root is a parameter, so
 * the unit tests judge a fake view in a plain directory.
 */
#ifndef PFC_PROCVIEW_H
#define PFC_PROCVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "result.h"
#include "stats.h"

/* counters of the oracle checks (static strings) */
#define PFC_CTR_CHECK_STAT_PID	"checks.stat_pid_matches"
#define PFC_CTR_CHECK_GONE	"checks.reaped_tid_gone"
#define PFC_CTR_LATE_GONE	"late_flush_within_grace"
#define PFC_CTR_PID_REUSED	"pid_reused"

long pfc_stat_pid(const char *statbuf);
bool pfc_stat_pid_ok(const char *statbuf, long want, char *why, size_t len);
int pfc_proc_read_stat(struct pfc_result *r, struct pfc_stats *st,
		       const char *path, long want, long long *start,
		       uint64_t *t0);
bool pfc_proc_judge_gone(struct pfc_result *r, struct pfc_stats *st,
			 const char *root, const char *rel, long tid,
			 long long start, uint64_t reaped_ns, uint64_t grace_ns);

#endif /* PFC_PROCVIEW_H */
