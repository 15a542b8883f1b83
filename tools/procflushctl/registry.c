// SPDX-License-Identifier: GPL-2.0-only
/*
 * Created-object bookkeeping for cleanup.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "util.h"

static const char * const type_names[PFC_OBJ_NR] = {
	[PFC_OBJ_CHILD]		= "child",
	[PFC_OBJ_KPROBE]	= "kprobe",
	[PFC_OBJ_INSTANCE]	= "instance",
	[PFC_OBJ_MOUNT]		= "mount",
	[PFC_OBJ_FILE]		= "file",
	[PFC_OBJ_DIR]		= "dir",
	[PFC_OBJ_REMOUNT]	= "remount",
};

const char *pfc_obj_type_name(enum pfc_obj_type type)
{
	return (unsigned int)type < PFC_OBJ_NR ? type_names[type] : "?";
}

void pfc_reg_init(struct pfc_registry *r)
{
	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&r->lock, NULL);
}

void pfc_reg_free(struct pfc_registry *r)
{
	free(r->objs);
	r->objs = NULL;
	r->nr = 0;
	r->cap = 0;
	pthread_mutex_destroy(&r->lock);
}

int pfc_reg_add(struct pfc_registry *r, enum pfc_obj_type type,
		const char *name, const char *aux, pid_t pid)
{
	struct pfc_obj *o;
	int ret = 0;

	if ((unsigned int)type >= PFC_OBJ_NR || !name ||
	    strlen(name) >= PFC_OBJ_NAME_MAX)
		return -EINVAL;
	pthread_mutex_lock(&r->lock);
	if (r->nr == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 64;

		o = realloc(r->objs, ncap * sizeof(*o));
		if (!o) {
			ret = -ENOMEM;
			goto out;
		}
		r->objs = o;
		r->cap = ncap;
	}
	o = &r->objs[r->nr++];
	memset(o, 0, sizeof(*o));
	o->type = type;
	pfc_strlcpy(o->name, name, sizeof(o->name));
	if (aux)
		pfc_strlcpy(o->aux, aux, sizeof(o->aux));
	o->pid = pid;
	o->seq = ++r->seq;
out:
	pthread_mutex_unlock(&r->lock);
	return ret;
}

static bool obj_matches(const struct pfc_obj *o, enum pfc_obj_type type,
			const char *name, pid_t pid)
{
	if (o->type != type)
		return false;
	if (type == PFC_OBJ_CHILD)
		return o->pid == pid;
	return !strcmp(o->name, name);
}

/* Forget one object (it is gone).  Keeps insertion order. */
int pfc_reg_del(struct pfc_registry *r, enum pfc_obj_type type,
		const char *name, pid_t pid)
{
	size_t i;
	int ret = -ENOENT;

	pthread_mutex_lock(&r->lock);
	for (i = r->nr; i-- > 0;) {
		if (!obj_matches(&r->objs[i], type, name, pid))
			continue;
		memmove(&r->objs[i], &r->objs[i + 1],
			(r->nr - i - 1) * sizeof(r->objs[0]));
		r->nr--;
		ret = 0;
		break;
	}
	pthread_mutex_unlock(&r->lock);
	return ret;
}

size_t pfc_reg_count(struct pfc_registry *r, enum pfc_obj_type type)
{
	size_t i, n = 0;

	pthread_mutex_lock(&r->lock);
	for (i = 0; i < r->nr; i++) {
		if (type == PFC_OBJ_NR || r->objs[i].type == type)
			n++;
	}
	pthread_mutex_unlock(&r->lock);
	return n;
}

/*
 * Undo everything: children first (they may hold files open), then
 * kprobes, instances, mounts, files and directories, each kind newest first
 * (mounts nest), and last the tracefs owner is restored.  An object whose
 * undo fails (< 0) or that the undo keeps (> 0) stays registered.
 * Returns the number of objects that could not be undone.
 */
size_t pfc_reg_drain(struct pfc_registry *r, pfc_undo_fn undo, void *arg)
{
	struct pfc_obj obj;
	unsigned int t;
	size_t i, failed = 0;
	bool found;
	int ret;

	for (t = 0; t < PFC_OBJ_NR; t++) {
		unsigned long long below = ~0ULL;

		for (;;) {
			found = false;
			pthread_mutex_lock(&r->lock);
			for (i = r->nr; i-- > 0;) {
				if (r->objs[i].type == t &&
				    r->objs[i].seq < below) {
					obj = r->objs[i];
					found = true;
					break;
				}
			}
			pthread_mutex_unlock(&r->lock);
			if (!found)
				break;
			below = obj.seq;
			ret = undo(&obj, arg);
			if (ret > 0)
				continue;	/* deliberately kept */
			if (ret < 0) {
				failed++;
				r->failed++;
				continue;
			}
			r->undone++;
			pfc_reg_del(r, obj.type, obj.name, obj.pid);
		}
	}
	return failed;
}
