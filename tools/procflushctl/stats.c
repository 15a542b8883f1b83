// SPDX-License-Identifier: GPL-2.0-only
/*
 * Latency percentiles, rates and error bookkeeping.
 *
 * Latencies are kept exactly up to PFC_LAT_CAP samples per op kind and
 * thread; past that a uniform reservoir sample is kept, so count, sum,
 * min and max stay exact and the percentiles become estimates.
 */
#include <stdlib.h>
#include <string.h>

#include "stats.h"
#include "util.h"

static const char * const op_names[PFC_OP_NR] = {
	[PFC_OP_CREATE]		= "create",
	[PFC_OP_DELETE]		= "delete",
	[PFC_OP_STAT]		= "stat",
	[PFC_OP_OPEN]		= "open",
	[PFC_OP_READ]		= "read",
	[PFC_OP_GETDENTS]	= "getdents",
	[PFC_OP_PARSE]		= "parse",
	[PFC_OP_FDUSE]		= "fd-use",
	[PFC_OP_ENABLE]		= "enable",
	[PFC_OP_INST_CREATE]	= "inst-create",
	[PFC_OP_INST_DESTROY]	= "inst-destroy",
	[PFC_OP_CLEAR]		= "clear",
	[PFC_OP_SPAWN]		= "spawn",
	[PFC_OP_REAP]		= "reap",
	[PFC_OP_MOUNT]		= "mount",
	[PFC_OP_UMOUNT]		= "umount",
	[PFC_OP_SCAN]		= "scan",
	[PFC_OP_EXEC]		= "exec",
	[PFC_OP_REMOUNT]	= "remount",
	[PFC_OP_WATCH]		= "watch",
	[PFC_OP_LIST]		= "list",
	[PFC_OP_PMU_OPEN]	= "pmu-open",
	[PFC_OP_PMU_CLOSE]	= "pmu-close",
};

const char *pfc_op_name(enum pfc_op op)
{
	if ((unsigned int)op >= PFC_OP_NR)
		return "?";
	return op_names[op];
}

void pfc_stats_init(struct pfc_stats *s, uint64_t rng_seed)
{
	memset(s, 0, sizeof(*s));
	s->rng = rng_seed ? rng_seed : 1;
}

void pfc_lat_free(struct pfc_lat *l)
{
	free(l->samples);
	l->samples = NULL;
	l->nr = 0;
	l->cap = 0;
}

void pfc_stats_free(struct pfc_stats *s)
{
	int i;

	for (i = 0; i < PFC_OP_NR; i++)
		pfc_lat_free(&s->op[i].lat);
}

static bool lat_grow(struct pfc_lat *l)
{
	uint32_t ncap = l->cap ? l->cap * 2 : 256;
	uint64_t *n;

	if (ncap > PFC_LAT_CAP)
		ncap = PFC_LAT_CAP;
	if (ncap <= l->cap)
		return false;
	n = realloc(l->samples, ncap * sizeof(*n));
	if (!n)
		return false;	/* degrade: keep the samples we have */
	l->samples = n;
	l->cap = ncap;
	return true;
}

void pfc_lat_add(struct pfc_lat *l, uint64_t ns, uint64_t *rng)
{
	uint64_t slot;

	if (!l->count || ns < l->min)
		l->min = ns;
	if (ns > l->max)
		l->max = ns;
	l->count++;
	l->sum += ns;

	if (l->nr < l->cap || lat_grow(l)) {
		l->samples[l->nr++] = ns;
		return;
	}
	if (!l->nr)
		return;
	/* reservoir sampling (algorithm R) */
	slot = pfc_rng_below(rng, l->count);
	if (slot < l->nr)
		l->samples[slot] = ns;
}

int pfc_lat_merge(struct pfc_lat *dst, const struct pfc_lat *src)
{
	uint32_t i, room, step_num;
	uint64_t *n;

	if (!src->count)
		return 0;
	if (!dst->count || src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
	dst->count += src->count;
	dst->sum += src->sum;

	room = PFC_LAT_CAP - dst->nr;
	if (!room || !src->nr)
		return 0;
	if (dst->cap < dst->nr + (src->nr < room ? src->nr : room)) {
		uint32_t want = dst->nr + (src->nr < room ? src->nr : room);

		n = realloc(dst->samples, want * sizeof(*n));
		if (!n)
			return -1;
		dst->samples = n;
		dst->cap = want;
	}
	if (src->nr <= room) {
		memcpy(dst->samples + dst->nr, src->samples,
		       src->nr * sizeof(*n));
		dst->nr += src->nr;
		return 0;
	}
	/* downsample evenly into the room left */
	step_num = src->nr;
	for (i = 0; i < room; i++)
		dst->samples[dst->nr++] =
			src->samples[(uint64_t)i * step_num / room];
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Nearest-rank percentile of sorted[0..n): the smallest value such that
 * at least pct percent of the samples are <= it.
 */
uint64_t pfc_percentile(const uint64_t *sorted, size_t n, double pct)
{
	double rank;
	size_t idx;

	if (!n)
		return 0;
	if (pct <= 0.0)
		return sorted[0];
	if (pct >= 100.0)
		return sorted[n - 1];
	rank = pct / 100.0 * (double)n;
	idx = (size_t)rank;
	if ((double)idx < rank)
		idx++;		/* ceil */
	if (idx == 0)
		idx = 1;
	return sorted[idx - 1];
}

void pfc_lat_summarize(struct pfc_lat *l, struct pfc_lat_summary *sum)
{
	memset(sum, 0, sizeof(*sum));
	sum->count = l->count;
	if (!l->count)
		return;
	sum->min = l->min;
	sum->max = l->max;
	sum->mean = (double)l->sum / (double)l->count;
	if (!l->nr)
		return;
	qsort(l->samples, l->nr, sizeof(*l->samples), cmp_u64);
	sum->p50 = pfc_percentile(l->samples, l->nr, 50.0);
	sum->p90 = pfc_percentile(l->samples, l->nr, 90.0);
	sum->p99 = pfc_percentile(l->samples, l->nr, 99.0);
}

double pfc_rate(uint64_t count, uint64_t elapsed_ns)
{
	if (!elapsed_ns)
		return 0.0;
	return (double)count * (double)NSEC_PER_SEC / (double)elapsed_ns;
}

/* err is 0 for success, else a positive or negative errno */
void pfc_stats_record(struct pfc_stats *s, enum pfc_op op, uint64_t ns,
		      int err)
{
	struct pfc_opstat *o;

	if ((unsigned int)op >= PFC_OP_NR)
		return;
	o = &s->op[op];
	pfc_lat_add(&o->lat, ns, &s->rng);
	if (!err)
		return;
	if (err < 0)
		err = -err;
	o->errors++;
	o->err[err < PFC_NR_ERRNO ? err : 0]++;
}

static struct pfc_counter *counter_find(struct pfc_stats *s,
					const char *name, bool add)
{
	unsigned int i;

	for (i = 0; i < s->nr_ctr; i++) {
		if (s->ctr[i].name == name || !strcmp(s->ctr[i].name, name))
			return &s->ctr[i];
	}
	if (!add || s->nr_ctr >= PFC_MAX_COUNTERS)
		return NULL;
	s->ctr[s->nr_ctr].name = name;
	s->ctr[s->nr_ctr].val = 0;
	return &s->ctr[s->nr_ctr++];
}

/* name must be a string with static storage */
void pfc_stats_count(struct pfc_stats *s, const char *name, uint64_t n)
{
	struct pfc_counter *c = counter_find(s, name, true);

	if (c)
		c->val += n;
}

uint64_t pfc_stats_counter(const struct pfc_stats *s, const char *name)
{
	unsigned int i;

	for (i = 0; i < s->nr_ctr; i++) {
		if (!strcmp(s->ctr[i].name, name))
			return s->ctr[i].val;
	}
	return 0;
}

int pfc_stats_merge(struct pfc_stats *dst, const struct pfc_stats *src)
{
	unsigned int i, e;
	int ret = 0;

	for (i = 0; i < PFC_OP_NR; i++) {
		if (pfc_lat_merge(&dst->op[i].lat, &src->op[i].lat))
			ret = -1;
		dst->op[i].errors += src->op[i].errors;
		for (e = 0; e < PFC_NR_ERRNO; e++)
			dst->op[i].err[e] += src->op[i].err[e];
	}
	for (i = 0; i < src->nr_ctr; i++)
		pfc_stats_count(dst, src->ctr[i].name, src->ctr[i].val);
	return ret;
}
