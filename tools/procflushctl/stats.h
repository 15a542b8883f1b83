/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Per-thread operation statistics: latency samples, errors by errno,
 * named counters.  Threads fill their own copy without locking; the
 * copies are merged when the threads are joined.
 */
#ifndef PFC_STATS_H
#define PFC_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

enum pfc_op {
	PFC_OP_CREATE,		/* kprobe event creation */
	PFC_OP_DELETE,		/* kprobe event deletion */
	PFC_OP_STAT,
	PFC_OP_OPEN,
	PFC_OP_READ,
	PFC_OP_GETDENTS,	/* one full directory pass */
	PFC_OP_PARSE,		/* libtraceevent format parse */
	PFC_OP_FDUSE,		/* read/write on an fd of a deleted event */
	PFC_OP_ENABLE,
	PFC_OP_INST_CREATE,
	PFC_OP_INST_DESTROY,
	PFC_OP_CLEAR,		/* O_TRUNC of kprobe_events */
	PFC_OP_SPAWN,
	PFC_OP_REAP,
	PFC_OP_MOUNT,
	PFC_OP_UMOUNT,
	PFC_OP_SCAN,		/* one full /proc scan */
	PFC_OP_EXEC,		/* one external command */
	PFC_OP_REMOUNT,		/* mount -o remount of tracefs */
	PFC_OP_WATCH,		/* inotify/fanotify watch or mark added */
	PFC_OP_LIST,		/* tracefs_dynevent_get_all() of a group */
	PFC_OP_PMU_OPEN,	/* perf_event_open() of a kprobe PMU event */
	PFC_OP_PMU_CLOSE,	/* close() of its fd */
	PFC_OP_NR,
};

#define PFC_NR_ERRNO		134	/* errno values we bucket; rest -> 0 */
#define PFC_LAT_CAP		BIT(16)
#define PFC_MAX_COUNTERS	32

struct pfc_lat {
	uint64_t count;		/* samples offered */
	uint64_t sum;
	uint64_t min;
	uint64_t max;
	uint64_t *samples;	/* reservoir, at most PFC_LAT_CAP kept */
	uint32_t nr;
	uint32_t cap;
};

struct pfc_opstat {
	struct pfc_lat lat;
	uint64_t errors;
	uint64_t err[PFC_NR_ERRNO];	/* err[0]: errno out of range */
};

struct pfc_counter {
	const char *name;	/* static string */
	uint64_t val;
};

struct pfc_stats {
	struct pfc_opstat op[PFC_OP_NR];
	struct pfc_counter ctr[PFC_MAX_COUNTERS];
	unsigned int nr_ctr;
	uint64_t rng;
};

struct pfc_lat_summary {
	uint64_t count;
	uint64_t min, max, p50, p90, p99;
	double mean;
};

const char *pfc_op_name(enum pfc_op op);

void pfc_stats_init(struct pfc_stats *s, uint64_t rng_seed);
void pfc_stats_free(struct pfc_stats *s);
void pfc_stats_record(struct pfc_stats *s, enum pfc_op op, uint64_t ns,
		      int err);
void pfc_stats_count(struct pfc_stats *s, const char *name, uint64_t n);
uint64_t pfc_stats_counter(const struct pfc_stats *s, const char *name);
int pfc_stats_merge(struct pfc_stats *dst, const struct pfc_stats *src);

void pfc_lat_add(struct pfc_lat *l, uint64_t ns, uint64_t *rng);
int pfc_lat_merge(struct pfc_lat *dst, const struct pfc_lat *src);
void pfc_lat_summarize(struct pfc_lat *l, struct pfc_lat_summary *sum);
void pfc_lat_free(struct pfc_lat *l);

uint64_t pfc_percentile(const uint64_t *sorted, size_t n, double pct);
double pfc_rate(uint64_t count, uint64_t elapsed_ns);

#endif /* PFC_STATS_H */
