/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The stale-access oracle's view of the churned objects: slots that
 * name an object and say whether and when its removal returned.
 * Writers (deleters) publish, readers take consistent snapshots.
 */
#ifndef PFC_OBJTAB_H
#define PFC_OBJTAB_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#define PFC_OBJ_NAME	96

struct pfc_objsnap {
	uint64_t gen;		/* 0: slot empty */
	bool deleted;
	uint64_t del_ns;	/* when the remove call returned */
	char name[PFC_OBJ_NAME];
	long long aux;		/* e.g. process start time */
};

struct pfc_objslot {
	pthread_mutex_t lock;
	struct pfc_objsnap s;
};

struct pfc_objtab {
	struct pfc_objslot *slot;
	unsigned int n;
};

int pfc_objtab_init(struct pfc_objtab *t, unsigned int n);
void pfc_objtab_free(struct pfc_objtab *t);
void pfc_objtab_live(struct pfc_objtab *t, unsigned int i, const char *name,
		     long long aux);
void pfc_objtab_deleted(struct pfc_objtab *t, unsigned int i,
			uint64_t del_ns);
bool pfc_objtab_get(struct pfc_objtab *t, unsigned int i,
		    struct pfc_objsnap *snap);

#endif /* PFC_OBJTAB_H */
