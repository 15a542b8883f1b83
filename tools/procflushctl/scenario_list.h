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
	PFC_SCEN_NR,
	PFC_SCEN_ALL = PFC_SCEN_NR,
	PFC_SCEN_CLEANUP,
	PFC_SCEN_NONE,
};

/* needs */
#define PFC_NEED_TRACEFS	BIT(0)
#define PFC_NEED_KPROBES	BIT(1)
#define PFC_NEED_MOUNT		BIT(2)	/* mounts procfs/tmpfs */

struct pfc_scen_info {
	const char *name;
	const char *desc;
	const char *ops_means;	/* what one --ops unit is */
	unsigned int needs;
	uint64_t ops;		/* default --ops */
	unsigned int threads;	/* default --threads */
	double duration;	/* default --duration cap, seconds */
};

extern const struct pfc_scen_info pfc_scen_info[PFC_SCEN_NR];

enum pfc_scen_id pfc_scen_lookup(const char *name);

#endif /* PFC_SCENARIO_LIST_H */
