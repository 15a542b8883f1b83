/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Parsing an event's "format" file with libtraceevent.
 */
#ifndef PFC_EVFMT_H
#define PFC_EVFMT_H

#include <stddef.h>

#include "stats.h"

struct tep_handle;

struct pfc_evfmt {
	struct tep_handle *tep;
	unsigned int parsed;
};

void pfc_evfmt_init(struct pfc_evfmt *f);
void pfc_evfmt_free(struct pfc_evfmt *f);
int pfc_evfmt_check(struct pfc_evfmt *f, struct pfc_stats *st,
		    const char *group, const char *event, const char *buf,
		    size_t len, long id, char *why, size_t wlen);

#endif /* PFC_EVFMT_H */
