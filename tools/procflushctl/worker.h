/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Worker threads of a scenario.  Each has its own statistics and
 * random stream; they are merged into the result when joined.
 */
#ifndef PFC_WORKER_H
#define PFC_WORKER_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "stats.h"
#include "util.h"

struct pfc_ctx;
struct pfc_worker;

typedef void (*pfc_worker_fn)(struct pfc_worker *w);

struct pfc_worker {
	struct pfc_ctx *ctx;
	unsigned int idx;	/* unique in the scenario, used in names */
	unsigned int nth;	/* index within its pool */
	void *arg;
	pfc_worker_fn fn;
	struct pfc_stats st;
	pthread_t th;
	bool started;
	bool joined;
	unsigned long long seq;
};

struct pfc_pool {
	struct pfc_worker *w;
	unsigned int n;
};

int pfc_pool_start(struct pfc_pool *p, struct pfc_ctx *ctx, unsigned int n,
		   unsigned int first_idx, pfc_worker_fn fn, void *arg);
void pfc_pool_join(struct pfc_pool *p);

static inline uint64_t pfc_w_rand(struct pfc_worker *w, uint64_t bound)
{
	return pfc_rng_below(&w->st.rng, bound);
}

#endif /* PFC_WORKER_H */
