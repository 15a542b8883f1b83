/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Short-lived and long-lived child tasks for the /proc scenarios, and
 * the hidepid checker that runs as another user.
 */
#ifndef PFC_PROCTASK_H
#define PFC_PROCTASK_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "stats.h"

struct pfc_ctx;

#define PFC_VICTIM_UID	65534	/* nobody */
#define PFC_CHECKER_UID	65533

struct pfc_hidepid_result {
	int checks;		/* < 0: could not switch user */
	int visible;		/* stat of a victim's /proc/<pid> worked */
	int listed;		/* a victim appeared in the listing */
	int self_ok;		/* sanity: own pid visible */
	int err;
};

pid_t pfc_spawn_short(struct pfc_ctx *ctx, struct pfc_stats *st,
		      uint64_t sleep_ns);
pid_t pfc_spawn_exec_helper(struct pfc_ctx *ctx, struct pfc_stats *st,
			    unsigned int nthreads, int *rfd, int *wfd);
pid_t pfc_spawn_victim(struct pfc_ctx *ctx, uid_t uid);
pid_t pfc_spawn_hidepid_checker(struct pfc_ctx *ctx, const char *procdir,
				const pid_t *victims, int nr, int checks,
				int *rfd);
int pfc_reap(struct pfc_ctx *ctx, struct pfc_stats *st, pid_t pid,
	     uint64_t *done_ns);
void pfc_kill_reap(struct pfc_ctx *ctx, pid_t pid);
int pfc_run_cmd(struct pfc_ctx *ctx, struct pfc_stats *st,
		char *const argv[], const char *out_path, uint64_t timeout_ns,
		int *status);

#endif /* PFC_PROCTASK_H */
