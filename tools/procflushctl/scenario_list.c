// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scenario names, descriptions and defaults.  The defaults are bounded
 * by --ops so that 'all' finishes in a few minutes even in a slow
 * emulated KASAN+lockdep guest; --duration is the cap on top.
 */
#include <string.h>

#include "scenario_list.h"

const struct pfc_scen_info pfc_scen_info[PFC_SCEN_NR] = {
	[PFC_SCEN_KPROBE_CHURN] = {
		.name = "kprobe-churn",
		.desc =
			"create, access and delete uniquely named kprobe events; stale access and dentry residual oracle",
		.ops_means = "kprobe events churned",
		.needs = PFC_NEED_TRACEFS | PFC_NEED_KPROBES,
		.residual_verdict = true,
		.opts = PFC_OPTS_RUN | PFC_OPTS_KP | BIT(PFC_O_THREADS) |
			BIT(PFC_O_MAX_RESIDUAL) | BIT(PFC_O_STALE_EVERY),
		.ops = 120, .threads = 1, .duration = 30,
	},
	[PFC_SCEN_ACCESS_STORM] = {
		.name = "access-storm",
		.desc =
			"reader threads stat/open/read/getdents live and just-deleted events while deleters churn",
		.ops_means = "kprobe events churned by the deleters",
		.needs = PFC_NEED_TRACEFS | PFC_NEED_KPROBES,
		.opts = PFC_OPTS_RUN | PFC_OPTS_KP | BIT(PFC_O_THREADS),
		.ops = 80, .threads = 4, .duration = 30,
	},
	[PFC_SCEN_DELETE_OPEN] = {
		.name = "delete-while-open",
		.desc = "hold fds on an event's files, delete it, then use the fds (expect ENODEV)",
		.ops_means = "events deleted under open fds",
		.needs = PFC_NEED_TRACEFS | PFC_NEED_KPROBES,
		.opts = PFC_OPTS_RUN | PFC_OPTS_KP | BIT(PFC_O_THREADS),
		.ops = 24, .threads = 1, .duration = 30,
	},
	[PFC_SCEN_ITERATE_REMOVE] = {
		.name = "iterate-remove",
		.desc =
			"readdir loops over events/kprobes and an instance's events while probes come and go",
		.ops_means = "kprobe events churned",
		.needs = PFC_NEED_TRACEFS | PFC_NEED_KPROBES,
		.opts = PFC_OPTS_RUN | PFC_OPTS_KP | BIT(PFC_O_THREADS),
		.ops = 60, .threads = 3, .duration = 30,
	},
	[PFC_SCEN_INSTANCE_CHURN] = {
		.name = "instance-churn",
		.desc = "create and remove tracefs instances while their events are accessed",
		.ops_means = "instances created and removed",
		.needs = PFC_NEED_TRACEFS,
		.opts = PFC_OPTS_RUN | PFC_OPTS_KP | BIT(PFC_O_THREADS),
		.ops = 16, .threads = 2, .duration = 30,
	},
	[PFC_SCEN_CLEAR_ALL] = {
		.name = "clear-all",
		.desc =
			"create N events, then time clearing them all at once (O_TRUNC of kprobe_events)",
		.ops_means = "events per clear (N); cleared 3 times",
		.needs = PFC_NEED_TRACEFS | PFC_NEED_KPROBES,
		.residual_verdict = true,
		.opts = PFC_OPTS_RUN | PFC_OPTS_KP | BIT(PFC_O_MAX_RESIDUAL),
		.ops = 100, .threads = 1, .duration = 30,
	},
	[PFC_SCEN_PROC_STORM] = {
		.name = "proc-storm",
		.desc =
			"spawn and reap short-lived tasks while readers hit /proc/<pid> in several procfs instances",
		.ops_means = "tasks spawned and reaped",
		.needs = PFC_NEED_MOUNT,
		.opts = PFC_OPTS_RUN | BIT(PFC_O_THREADS) | BIT(PFC_O_GRACE_MS) |
			BIT(PFC_O_PROC_INSTANCES) | BIT(PFC_O_PROC_OPTS),
		.ops = 100, .threads = 2, .duration = 30,
	},
	[PFC_SCEN_PS_STORM] = {
		.name = "ps-storm",
		.desc =
			"parallel readers of every /proc/*/stat and cmdline (the 'ps -fe' workload)",
		.ops_means = "full /proc scans",
		.needs = 0,
		.opts = PFC_OPTS_RUN | BIT(PFC_O_THREADS),
		.ops = 40, .threads = 4, .duration = 30,
	},
	[PFC_SCEN_UMOUNT_RACE] = {
		.name = "umount-race",
		.desc =
			"mount/umount procfs instances and create/remove tracefs instances during the storms",
		.ops_means = "mount/umount and instance create/remove cycles",
		.needs = PFC_NEED_TRACEFS | PFC_NEED_MOUNT,
		.opts = PFC_OPTS_RUN | PFC_OPTS_KP | BIT(PFC_O_THREADS),
		.ops = 24, .threads = 3, .duration = 30,
	},
	[PFC_SCEN_TRACE_CMD] = {
		.name = "trace-cmd-client",
		.desc =
			"run the real trace-cmd (list, record, report) against the churning eventfs",
		.ops_means = "kprobe events churned in the background",
		.needs = PFC_NEED_TRACEFS | PFC_NEED_KPROBES | PFC_NEED_MOUNT,
		.opts = PFC_OPTS_RUN | PFC_OPTS_KP | BIT(PFC_O_TRACE_CMD),
		.ops = 10000, .threads = 1, .duration = 30,
	},
	[PFC_SCEN_EXEC_STORM] = {
		.name = "exec-storm",
		.desc =
			"non-leader threads exec (de_thread swaps tids) while readers look up /proc/<tid> and its stat in several procfs instances",
		.ops_means = "execs completed by a non-leader thread",
		.needs = PFC_NEED_MOUNT,
		.opts = PFC_OPTS_RUN | BIT(PFC_O_THREADS) | BIT(PFC_O_GRACE_MS) |
			BIT(PFC_O_PROC_INSTANCES) | BIT(PFC_O_PROC_OPTS),
		.ops = 150, .threads = 2, .duration = 5,
	},
	[PFC_SCEN_NOTIFY_STORM] = {
		.name = "notify-storm",
		.desc =
			"inotify/fanotify watches on events and an instance that are deleted, with tracefs owner remounts in between",
		.ops_means = "cycles of 3 events and 1 instance watched, deleted and judged",
		.needs = PFC_NEED_TRACEFS | PFC_NEED_KPROBES,
		.opts = PFC_OPTS_RUN | PFC_OPTS_KP | BIT(PFC_O_THREADS),
		.ops = 6, .threads = 1, .duration = 10,
	},
	[PFC_SCEN_DESTROY_ONE] = {
		.name = "destroy-one-by-one",
		.desc =
			"create N kprobe/kretprobe events in a group of this run, then time deleting them the way libtracefs users do (tracefs_dynevent_get_all + tracefs_dynevent_destroy per event)",
		.ops_means = "events created and deleted per round",
		.needs = PFC_NEED_TRACEFS | PFC_NEED_KPROBES,
		.opts = PFC_OPTS_RUN | BIT(PFC_O_SYMBOL) |
			BIT(PFC_O_PROBE_KIND) | BIT(PFC_O_ROUNDS),
		.ops = 100, .threads = 1, .duration = 60,
	},
	[PFC_SCEN_PMU_CHURN] = {
		.name = "pmu-churn",
		.desc =
			"open N kprobe/kretprobe perf events through the kprobe PMU, then close them one by one, timed",
		.ops_means = "perf kprobe events opened and closed per round",
		.needs = PFC_NEED_TRACEFS | PFC_NEED_KPROBES,
		.opts = PFC_OPTS_RUN | BIT(PFC_O_SYMBOL) |
			BIT(PFC_O_PROBE_KIND) | BIT(PFC_O_ROUNDS),
		.ops = 100, .threads = 1, .duration = 60,
	},
};

enum pfc_scen_id pfc_scen_lookup(const char *name)
{
	int i;

	if (!name)
		return PFC_SCEN_NONE;
	if (!strcmp(name, "all"))
		return PFC_SCEN_ALL;
	if (!strcmp(name, "cleanup"))
		return PFC_SCEN_CLEANUP;
	for (i = 0; i < PFC_SCEN_NR; i++) {
		if (!strcmp(name, pfc_scen_info[i].name))
			return i;
	}
	return PFC_SCEN_NONE;
}

/* The options that apply to a scenario, 'all' or 'cleanup' */
unsigned long pfc_scen_opts(enum pfc_scen_id id)
{
	unsigned long m = 0;
	int i;

	if (id == PFC_SCEN_CLEANUP)
		return PFC_OPTS_CLEANUP;
	if (id < PFC_SCEN_NR)
		return pfc_scen_info[id].opts;
	for (i = 0; i < PFC_SCEN_NR; i++)
		m |= pfc_scen_info[i].opts;
	return m;
}
