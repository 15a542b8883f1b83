/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared pieces of the event scenarios: accessing an event's files,
 * judging accesses against the stale-access oracle, and a background
 * churner that creates and deletes events through an object table.
 */
#ifndef PFC_CHURN_H
#define PFC_CHURN_H

#include <stdbool.h>
#include <stdint.h>

#include "evfmt.h"
#include "objtab.h"
#include "stats.h"

struct pfc_ctx;
struct pfc_worker;

/* counters (static strings so they can be stored by pointer) */
#define CTR_ENOENT_AFTER	"expected.ENOENT_after_delete"
#define CTR_ENODEV_FD		"expected.ENODEV_on_deleted_fd"
#define CTR_EBUSY_ENABLED	"expected.EBUSY_delete_enabled"
#define CTR_ERR_RACING		"race.error_while_deleting"
#define CTR_STALE_PROBES	"stale_probes"

void pfc_judge(struct pfc_ctx *ctx, struct pfc_stats *st,
	       const struct pfc_objsnap *snap, const char *op,
	       const char *path, uint64_t t0, int err);

int pfc_event_access_full(struct pfc_ctx *ctx, struct pfc_stats *st,
			  struct pfc_evfmt *fmt, const char *inst,
			  const char *event);
void pfc_event_probe_deleted(struct pfc_ctx *ctx, struct pfc_stats *st,
			     const char *inst, const char *event,
			     uint64_t del_ns);
void pfc_event_access_random(struct pfc_ctx *ctx, struct pfc_stats *st,
			     uint64_t *rng, const struct pfc_objsnap *snap,
			     const char *inst);

/*
 * Background churn through an object table: each churner owns
 * 2 * window slots; it creates into one slot and deletes the event
 * 'window' slots behind, so the table always holds live and
 * just-deleted events.
 */
struct pfc_churn {
	struct pfc_objtab tab;
	unsigned int churners;
	unsigned int window;
	bool budgeted;		/* take ops from the --ops budget */
	const char *tag;
};

int pfc_churn_init(struct pfc_churn *c, unsigned int churners,
		   unsigned int window, bool budgeted, const char *tag);
void pfc_churn_free(struct pfc_churn *c);
void pfc_churn_worker(struct pfc_worker *w);

#endif /* PFC_CHURN_H */
