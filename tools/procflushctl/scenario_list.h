/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The scenario catalogue: names, one-line descriptions, defaults and
 * what each one needs.  Pure data, shared by option parsing, --list
 * and the runner.
 */
#ifndef PFC_SCENARIO_LIST_H
#define PFC_SCENARIO_LIST_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

enum pfc_scen_id {
	PFC_SCEN_KPROBE_CHURN,
	PFC_SCEN_ACCESS_STORM,
	PFC_SCEN_DELETE_OPEN,
	PFC_SCEN_ITERATE_REMOVE,
	PFC_SCEN_INSTANCE_CHURN,
	PFC_SCEN_CLEAR_ALL,
	PFC_SCEN_PROC_STORM,
	PFC_SCEN_PS_STORM,
	PFC_SCEN_UMOUNT_RACE,
	PFC_SCEN_TRACE_CMD,
	PFC_SCEN_EXEC_STORM,
	PFC_SCEN_NOTIFY_STORM,
	PFC_SCEN_DESTROY_ONE,
	PFC_SCEN_PMU_CHURN,
	PFC_SCEN_NR,
	PFC_SCEN_ALL = PFC_SCEN_NR,
	PFC_SCEN_CLEANUP,
	PFC_SCEN_NONE,
};

/* Options that apply to some scenarios only: bits of pfc_opts.given */
enum pfc_opt_bit {
	PFC_O_DURATION,
	PFC_O_OPS,
	PFC_O_THREADS,
	PFC_O_SEED,
	PFC_O_SYMBOL,
	PFC_O_GROUP,
	PFC_O_MAX_RESIDUAL,
	PFC_O_MAX_RESIDUAL_ABS,
	PFC_O_QUIESCE_MS,
	PFC_O_GRACE_MS,
	PFC_O_PROC_INSTANCES,
	PFC_O_PROC_OPTS,
	PFC_O_STALE_EVERY,
	PFC_O_TRACE_CMD,
	PFC_O_DROP_CACHES,
	PFC_O_RUN_ID,
	PFC_O_ALL_RUNS,
	PFC_O_PROBE_KIND,
	PFC_O_ROUNDS,
	PFC_O_NR,
};

/* what every scenario that runs takes */
#define PFC_OPTS_RUN	(BIT(PFC_O_DURATION) | BIT(PFC_O_OPS) | \
			 BIT(PFC_O_SEED) | BIT(PFC_O_QUIESCE_MS) | \
			 BIT(PFC_O_MAX_RESIDUAL_ABS) | BIT(PFC_O_DROP_CACHES))
#define PFC_OPTS_KP	(BIT(PFC_O_SYMBOL) | BIT(PFC_O_GROUP))
#define PFC_OPTS_CLEANUP	(BIT(PFC_O_RUN_ID) | BIT(PFC_O_ALL_RUNS))

/* needs */
#define PFC_NEED_TRACEFS	BIT(0)
#define PFC_NEED_KPROBES	BIT(1)
#define PFC_NEED_MOUNT		BIT(2)	/* mounts procfs/tmpfs */

struct pfc_scen_info {
	const char *name;
	const char *desc;
	const char *ops_means;	/* what one --ops unit is */
	unsigned int needs;
	bool residual_verdict;	/* counts unprobed objects in rounds */
	unsigned long opts;	/* PFC_O_* bits that apply */
	uint64_t ops;		/* default --ops */
	unsigned int threads;	/* default --threads */
	double duration;	/* default --duration cap, seconds */
};

extern const struct pfc_scen_info pfc_scen_info[PFC_SCEN_NR];

enum pfc_scen_id pfc_scen_lookup(const char *name);
unsigned long pfc_scen_opts(enum pfc_scen_id id);

#endif /* PFC_SCENARIO_LIST_H */
