/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * exec-storm's child: procflushctl re-executed with a hidden first
 * argument.  It starts threads, reports their tids, and on the go
 * byte one of its non-leader threads execs procflushctl again with
 * the second hidden argument, which exits at once.  No external
 * binary is needed.
 */
#ifndef PFC_EXECHELPER_H
#define PFC_EXECHELPER_H

#include <stdint.h>

#define PFC_EXEC_HELPER_ARG	"--pfc-internal-exec-helper"
#define PFC_EXEC_EXIT_ARG	"--pfc-internal-exec-exit"
#define PFC_EXEC_MAX_THREADS	8
#define PFC_EXEC_FD_OUT		3	/* helper to parent: the tids */
#define PFC_EXEC_FD_IN		4	/* parent to helper: the go byte */

/* the go byte */
#define PFC_EXEC_GO_IDX_MASK	0x0f	/* index of the thread that execs */
#define PFC_EXEC_GO_LEADER_EXIT	0x10	/* the leader exits first */

/* exit status of the helper; the exec'd image exits with 0 */
#define PFC_EXEC_ERR_ARGS	120
#define PFC_EXEC_ERR_THREAD	121
#define PFC_EXEC_ERR_EXEC	122
#define PFC_EXEC_ERR_PIPE	123

struct pfc_exec_report {
	int32_t nr;				/* threads, leader included */
	int32_t tid[PFC_EXEC_MAX_THREADS];	/* tid[0]: the tgid */
};

int pfc_exec_helper_main(int argc, char **argv);
const char *pfc_exec_status_text(int code);

#endif /* PFC_EXECHELPER_H */
