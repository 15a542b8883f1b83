/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Turning measurements into verdicts.  Pure functions of recorded
 * numbers, unit-tested on their own.
 */
#ifndef PFC_VERDICT_H
#define PFC_VERDICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum pfc_status {
	PFC_PASS,
	PFC_FAIL,
	PFC_SKIP,
	PFC_ERROR,	/* environment problem while running it */
};

/*
 * The residual verdict is a slope: the churn runs in PFC_ROUNDS rounds
 * and nr_dentry is read (quiesced) after each.  A leak grows with the
 * objects removed in every round; a one-off disturbance by the rest of
 * the machine lands in one round only and does not move the median.
 */
#define PFC_ROUNDS		3
#define PFC_DEFAULT_MAX_RESIDUAL	0.1

struct pfc_dentry_round {
	unsigned long long unprobed;	/* removed, never looked up again */
	long long nr_dentry;		/* quiesced, at the end of the round */
};

struct pfc_dentry_input {
	bool valid;
	long long before;	/* baseline, after setup, quiesced */
	long long after;	/* right after the churn */
	long long after_q;	/* after the quiesce sleep; 0 = not taken */
	unsigned long long objects;	/* objects churned (removed) */
	bool judged;		/* the scenario has a residual verdict */
	unsigned int nr_rounds;
	struct pfc_dentry_round round[PFC_ROUNDS];
	double max_per_object;	/* per unprobed object; <= 0: off */
	long long max_abs;	/* <= 0: no absolute verdict */
};

struct pfc_dentry_verdict {
	long long residual;	/* after_q - before */
	double per_object;	/* residual / objects: information only */
	bool per_object_valid;
	double slope[PFC_ROUNDS];	/* round's growth / its unprobed */
	double slope_median;
	bool slope_valid;
	unsigned long long need;	/* unprobed objects a round needs */
	bool refused;		/* a verdict was due, the data cannot carry it */
	bool violated;
	char why[256];
};

void pfc_dentry_judge(const struct pfc_dentry_input *in,
		      struct pfc_dentry_verdict *out);

/* readdir and held-fd oracles: false (and why) when violated */
bool pfc_readdir_pass_ok(unsigned int anchor_seen, unsigned int dups,
			 char *why, size_t len);
bool pfc_dirfd_after_delete_ok(int listed, char *why, size_t len);

/* /proc/sys/kernel/tainted bits that fail a scenario when newly set */
#define PFC_TAINT_BAD_PAGE	BIT(5)	/* B */
#define PFC_TAINT_DIE		BIT(7)	/* D */
#define PFC_TAINT_WARN		BIT(9)	/* W */
#define PFC_TAINT_SOFTLOCKUP	BIT(14)	/* L */
#define PFC_TAINT_BAD		(PFC_TAINT_BAD_PAGE | PFC_TAINT_DIE | \
				 PFC_TAINT_WARN | PFC_TAINT_SOFTLOCKUP)

unsigned long pfc_taint_new_bad(unsigned long before, unsigned long after);
void pfc_taint_letters(unsigned long mask, char *buf, size_t len);

bool pfc_stale_access(bool deleted, uint64_t deleted_at_ns,
		      uint64_t op_start_ns, int op_err);

const char *pfc_status_name(enum pfc_status st);
enum pfc_status pfc_status_of(unsigned long long violations, bool skipped,
			      bool env_error);
int pfc_exit_code(const enum pfc_status *st, size_t n, int signo);

/* exit codes, documented in --help and the man page */
#define PFC_EXIT_PASS		0
#define PFC_EXIT_VIOLATION	1
#define PFC_EXIT_USAGE		2
#define PFC_EXIT_ENV		3

#endif /* PFC_VERDICT_H */
