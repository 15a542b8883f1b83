/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The human report and the JSON report of a run.
 */
#ifndef PFC_REPORT_H
#define PFC_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "options.h"
#include "result.h"

struct pfc_run {
	const struct pfc_opts *opts;
	uint64_t seed;
	const char *run_id;
	const char *error;	/* why the run stopped before its scenarios */
	char kernel_release[65];
	char kernel_version[65];
	char machine[65];
	struct timespec wall_start, wall_end;
	struct pfc_result *res;
	size_t nr_res;
	int exit_code;
	int signo;
	const char *symbol;
	const char *tracefs_dir;
	size_t cleanup_failed;
};

void pfc_fmt_ns(char *buf, size_t len, uint64_t ns);
void pfc_report_scenario(FILE *f, struct pfc_result *r, bool verbose);
void pfc_report_text(FILE *f, struct pfc_run *run);
int pfc_report_json(FILE *f, struct pfc_run *run);

#endif /* PFC_REPORT_H */
