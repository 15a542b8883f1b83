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

enum pfc_status {
	PFC_PASS,
	PFC_FAIL,
	PFC_SKIP,
	PFC_ERROR,	/* environment problem while running it */
};

struct pfc_dentry_input {
	bool valid;
	long long pre;		/* start of the no-op noise interval */
	long long before;	/* baseline, end of the noise interval */
	long long after;	/* right after the scenario */
	long long after_q;	/* after the quiesce sleep; 0 = not taken */
	unsigned long long objects;	/* objects churned (deleted) */
	double max_per_object;	/* <= 0: no per-object verdict */
	long long max_abs;	/* <= 0: no absolute verdict */
};

struct pfc_dentry_verdict {
	long long noise;
	long long residual;
	double per_object;
	bool per_object_valid;
	bool violated;
	char why[192];
};

void pfc_dentry_judge(const struct pfc_dentry_input *in,
		      struct pfc_dentry_verdict *out);

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
