// SPDX-License-Identifier: GPL-2.0-only
/*
 * Object slots for the stale-access oracle.
 */
#include <stdlib.h>
#include <string.h>

#include "objtab.h"
#include "util.h"

int pfc_objtab_init(struct pfc_objtab *t, unsigned int n)
{
	unsigned int i;

	t->slot = calloc(n, sizeof(*t->slot));
	if (!t->slot)
		return -1;
	t->n = n;
	for (i = 0; i < n; i++)
		pthread_mutex_init(&t->slot[i].lock, NULL);
	return 0;
}

void pfc_objtab_free(struct pfc_objtab *t)
{
	unsigned int i;

	for (i = 0; i < t->n; i++)
		pthread_mutex_destroy(&t->slot[i].lock);
	free(t->slot);
	t->slot = NULL;
	t->n = 0;
}

void pfc_objtab_live(struct pfc_objtab *t, unsigned int i, const char *name,
		     long long aux)
{
	struct pfc_objslot *s = &t->slot[i % t->n];

	pthread_mutex_lock(&s->lock);
	s->s.gen++;
	s->s.deleted = false;
	s->s.del_ns = 0;
	s->s.aux = aux;
	pfc_strlcpy(s->s.name, name, sizeof(s->s.name));
	pthread_mutex_unlock(&s->lock);
}

void pfc_objtab_deleted(struct pfc_objtab *t, unsigned int i,
			uint64_t del_ns)
{
	struct pfc_objslot *s = &t->slot[i % t->n];

	pthread_mutex_lock(&s->lock);
	s->s.deleted = true;
	s->s.del_ns = del_ns;
	pthread_mutex_unlock(&s->lock);
}

bool pfc_objtab_get(struct pfc_objtab *t, unsigned int i,
		    struct pfc_objsnap *snap)
{
	struct pfc_objslot *s = &t->slot[i % t->n];

	pthread_mutex_lock(&s->lock);
	*snap = s->s;
	pthread_mutex_unlock(&s->lock);
	return snap->gen != 0;
}
