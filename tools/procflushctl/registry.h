/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bookkeeping of every object procflushctl has created and not yet
 * removed.  An object is added before the call that creates it and
 * removed once it is gone, so that cleanup after an error or a signal
 * knows exactly what to undo.  The undo actions are callbacks: this
 * file is pure and unit-tested.
 */
#ifndef PFC_REGISTRY_H
#define PFC_REGISTRY_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum pfc_obj_type {
	PFC_OBJ_CHILD,		/* a child process to kill and reap */
	PFC_OBJ_KPROBE,		/* name = event, aux = group */
	PFC_OBJ_INSTANCE,	/* tracefs instance name */
	PFC_OBJ_MOUNT,		/* mount point path */
	PFC_OBJ_FILE,		/* file we created (scratch marker) */
	PFC_OBJ_DIR,		/* directory we created */
	PFC_OBJ_REMOUNT,	/* tracefs owner changed: name = mount point */
	PFC_OBJ_NR,
};

#define PFC_OBJ_NAME_MAX	256

struct pfc_obj {
	enum pfc_obj_type type;
	char name[PFC_OBJ_NAME_MAX];
	char aux[64];
	pid_t pid;
	unsigned long long seq;	/* insertion order */
};

struct pfc_registry {
	pthread_mutex_t lock;
	struct pfc_obj *objs;
	size_t nr, cap;
	unsigned long long seq;
	size_t undone, failed;
};

typedef int (*pfc_undo_fn)(const struct pfc_obj *obj, void *arg);

void pfc_reg_init(struct pfc_registry *r);
void pfc_reg_free(struct pfc_registry *r);
int pfc_reg_add(struct pfc_registry *r, enum pfc_obj_type type,
		const char *name, const char *aux, pid_t pid);
int pfc_reg_del(struct pfc_registry *r, enum pfc_obj_type type,
		const char *name, pid_t pid);
size_t pfc_reg_count(struct pfc_registry *r, enum pfc_obj_type type);
size_t pfc_reg_drain(struct pfc_registry *r, pfc_undo_fn undo, void *arg);
const char *pfc_obj_type_name(enum pfc_obj_type type);

#endif /* PFC_REGISTRY_H */
