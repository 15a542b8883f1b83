/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The context a scenario runs in, and the runner around it: budget
 * and deadline, dentry snapshots, kernel log, CPU usage.
 */
#ifndef PFC_SCENARIO_H
#define PFC_SCENARIO_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "dentry_state.h"
#include "kmsg.h"
#include "names.h"
#include "options.h"
#include "registry.h"
#include "result.h"
#include "scenario_list.h"

struct pfc_tfs;

struct pfc_ctx {
	/* the whole run */
	const struct pfc_opts *opts;
	struct pfc_names names;
	struct pfc_registry *reg;
	struct pfc_tfs *tfs;		/* NULL: tracefs not set up */
	struct pfc_kmsg *kmsg;		/* NULL: kernel log not readable */
	const char *scratch;		/* private tmpfs dir, or NULL */
	uint64_t seed;
	bool private_ns;
	bool progress;
	bool keep_scratch;

	/* this scenario */
	enum pfc_scen_id id;
	const struct pfc_scen_info *info;
	struct pfc_result *res;
	uint64_t ops_target;
	unsigned int threads;
	double duration;
	uint64_t start_ns;
	uint64_t deadline_ns;
	atomic_ullong ops_limit;	/* ops_target, or the round's share */
	atomic_ullong ops_taken;
	atomic_ullong ops_done;
	atomic_ullong objects;
	atomic_ullong unprobed;	/* removed and never looked up again */
	atomic_bool drivers_done;
	atomic_bool abort;
	const char *abort_reason;

	bool after_marked;
	bool ds_ok;
	struct pfc_dentry_state ds_before, ds_after, ds_after_q;
	unsigned int nr_rounds;
	unsigned long long round_unprobed0;
	struct pfc_dentry_round round[PFC_ROUNDS];
};

typedef void (*pfc_scen_fn)(struct pfc_ctx *ctx);

/* loop control */
bool pfc_running(struct pfc_ctx *ctx);
bool pfc_take_op(struct pfc_ctx *ctx);
void pfc_op_done(struct pfc_ctx *ctx);
void pfc_churned(struct pfc_ctx *ctx, unsigned long long n);
void pfc_unprobed(struct pfc_ctx *ctx, unsigned long long n);
void pfc_abort(struct pfc_ctx *ctx, const char *reason);
void pfc_skip(struct pfc_ctx *ctx, const char *fmt, ...)
	__printf(2, 3);
void pfc_env_error(struct pfc_ctx *ctx, const char *fmt, ...)
	__printf(2, 3);
uint64_t pfc_ctx_seed(struct pfc_ctx *ctx, unsigned int stream);
uint64_t pfc_budget_rounds(struct pfc_ctx *ctx, unsigned int rounds);
void pfc_judge_budget_done(struct pfc_ctx *ctx, const char *what);

/* dentry accounting points a scenario may move */
void pfc_mark_baseline(struct pfc_ctx *ctx);
void pfc_round_end(struct pfc_ctx *ctx);
void pfc_mark_after(struct pfc_ctx *ctx);

void pfc_run_scenario(struct pfc_ctx *ctx, enum pfc_scen_id id,
		      struct pfc_result *res);

/* the scenarios */
void pfc_scen_kprobe_churn(struct pfc_ctx *ctx);
void pfc_scen_access_storm(struct pfc_ctx *ctx);
void pfc_scen_delete_open(struct pfc_ctx *ctx);
void pfc_scen_iterate_remove(struct pfc_ctx *ctx);
void pfc_scen_instance_churn(struct pfc_ctx *ctx);
void pfc_scen_clear_all(struct pfc_ctx *ctx);
void pfc_scen_proc_storm(struct pfc_ctx *ctx);
void pfc_scen_ps_storm(struct pfc_ctx *ctx);
void pfc_scen_umount_race(struct pfc_ctx *ctx);
void pfc_scen_trace_cmd(struct pfc_ctx *ctx);
void pfc_scen_exec_storm(struct pfc_ctx *ctx);
void pfc_scen_notify_storm(struct pfc_ctx *ctx);
void pfc_scen_destroy_one(struct pfc_ctx *ctx);
void pfc_scen_pmu_churn(struct pfc_ctx *ctx);

#endif /* PFC_SCENARIO_H */
