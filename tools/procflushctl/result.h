/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What one scenario run produced: statistics, violations with their
 * evidence, dentry accounting, kernel log splats, CPU usage.
 */
#ifndef PFC_RESULT_H
#define PFC_RESULT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "splat.h"
#include "stats.h"
#include "util.h"
#include "verdict.h"

#define PFC_MAX_VIOLATIONS	64
#define PFC_MAX_METRICS		16

struct pfc_violation {
	char kind[32];
	char op[16];
	char path[256];
	bool has_since;
	int64_t since_ns;	/* op start minus delete/reap return */
	char msg[256];
};

struct pfc_metric {
	const char *name;	/* static string */
	double val;
	const char *unit;
};

struct pfc_result {
	const char *name;
	const char *desc;
	enum pfc_status status;
	bool skipped;
	bool env_error;
	bool ran;		/* the scenario itself ran: judge its work */
	char note[512];

	struct timespec wall_start, wall_end;
	uint64_t start_ns, end_ns;
	unsigned int threads;
	uint64_t ops_target;
	uint64_t ops_done;
	double duration_cap;
	const char *stopped_by;	/* "ops", "duration", "signal", ... */

	struct pfc_stats stats;

	pthread_mutex_t lock;
	unsigned long long nr_violations;
	unsigned int nr_kept;
	struct pfc_violation v[PFC_MAX_VIOLATIONS];

	bool dentry_valid;
	struct pfc_dentry_input din;
	struct pfc_dentry_verdict dv;

	bool kmsg_valid;
	unsigned long long kmsg_records;
	unsigned long long kmsg_lost;
	struct pfc_splats splats;

	bool taint_valid;
	unsigned long taint_before, taint_after;

	double user_s, sys_s, child_user_s, child_sys_s;

	struct pfc_metric metric[PFC_MAX_METRICS];
	unsigned int nr_metric;
};

void pfc_result_init(struct pfc_result *r, const char *name,
		     const char *desc);
void pfc_result_free(struct pfc_result *r);
void pfc_result_violation(struct pfc_result *r, const char *kind,
			  const char *op, const char *path, bool has_since,
			  int64_t since_ns, const char *fmt, ...)
	__printf(7, 8);
void pfc_result_metric(struct pfc_result *r, const char *name, double val,
		       const char *unit);
void pfc_result_note(struct pfc_result *r, const char *fmt, ...)
	__printf(2, 3);
void pfc_result_finish(struct pfc_result *r);
void pfc_judge_readdir_pass(struct pfc_result *r, const char *dir,
			    unsigned int anchor_seen, unsigned int dups);
void pfc_judge_dirfd_after_delete(struct pfc_result *r, const char *dir,
				  int listed, int64_t since_ns);
void pfc_judge_work(struct pfc_result *r, const char *what,
		    unsigned long long n);
double pfc_result_elapsed(const struct pfc_result *r);

#endif /* PFC_RESULT_H */
