/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Command line parsing.  Pure: no root, no tracefs needed.
 */
#ifndef PFC_OPTIONS_H
#define PFC_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "scenario_list.h"

#define PFC_VERSION		"0.1.0"
#define PFC_MAX_PROC_OPTS	8
#define PFC_MAX_THREADS		256
#define PFC_MIN_DURATION	1.0	/* seconds: setup aside, rounds need it */
#define PFC_MAX_ROUNDS		99	/* --rounds */

/* destroy-one-by-one, pmu-churn: --probe-kind */
enum pfc_probe_kind {
	PFC_PROBE_MIXED,	/* alternating, kprobe first */
	PFC_PROBE_KPROBE,
	PFC_PROBE_KRETPROBE,
};

struct pfc_opts {
	enum pfc_scen_id scen;
	const char *scen_name;
	double duration;
	bool duration_set;
	uint64_t ops;
	bool ops_set;
	unsigned int threads;
	bool threads_set;
	uint64_t seed;
	bool seed_set;
	const char *json;
	bool quiet;
	bool verbose;
	bool list;
	bool help;
	bool version;
	unsigned long given;	/* PFC_O_* bits of the options given */
	const char *run_id;	/* cleanup --run-id */
	bool all_runs;		/* cleanup --all-runs */
	bool drop_caches;
	const char *symbol;
	const char *group;
	double max_residual;
	long long max_residual_abs;
	unsigned int quiesce_ms;
	unsigned int grace_ms;
	unsigned int proc_instances;
	const char *proc_opts[PFC_MAX_PROC_OPTS];
	unsigned int nr_proc_opts;
	unsigned int stale_every;
	const char *trace_cmd;
	enum pfc_probe_kind probe_kind;
	unsigned int rounds;	/* destroy-one-by-one, pmu-churn */
};

void pfc_opts_defaults(struct pfc_opts *o);
int pfc_opts_parse(struct pfc_opts *o, int argc, char **argv, char *err,
		   size_t errlen);
const char *pfc_opts_json_path(int argc, char **argv);
void pfc_usage(FILE *f);
void pfc_list(FILE *f);
bool pfc_symbol_valid(const char *sym);
int pfc_probe_kind_parse(const char *s, enum pfc_probe_kind *kind);
const char *pfc_probe_kind_name(enum pfc_probe_kind kind);
bool pfc_probe_is_ret(enum pfc_probe_kind kind, unsigned long long i);

#endif /* PFC_OPTIONS_H */
