/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What destroy-one-by-one and pmu-churn read and judge, as pure
 * functions of text: the lines of kprobe_events and kprobe_profile,
 * the kprobe PMU's sysfs files, and the oracle that a deleted path is
 * gone.  The unit tests feed them fake views.
 */
#ifndef PFC_PROBEVIEW_H
#define PFC_PROBEVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "names.h"
#include "result.h"
#include "stats.h"

/* counters of the oracle checks (static strings) */
#define PFC_CTR_CHECK_PATH_GONE	"checks.stat_after_delete"
#define PFC_CTR_ENOENT_GONE	"expected.ENOENT_after_delete"

/* the kprobe PMU in sysfs */
#define PFC_PMU_DIR		"/sys/bus/event_source/devices/kprobe"

int pfc_probe_line_split(const char *line, char *group, size_t glen,
			 char *event, size_t elen);
unsigned int pfc_probes_ours(const char *text, const struct pfc_names *n,
			     const char *group);
unsigned int pfc_probes_new(const char *before, const char *after);
int pfc_pmu_parse_type(const char *s, unsigned int *type);
int pfc_pmu_parse_bit(const char *s, unsigned int *bit);
double pfc_median(double *v, size_t n);
bool pfc_judge_path_gone(struct pfc_result *r, struct pfc_stats *st,
			 const char *path, uint64_t done_ns);
void pfc_judge_work_all(struct pfc_result *r, const char *what,
			unsigned long long done, unsigned long long want);

#endif /* PFC_PROBEVIEW_H */
