/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Names of everything procflushctl creates.  Every object carries the
 * per-run prefix "pfc_<pid>_" so that a later 'procflushctl cleanup'
 * can find the leftovers of a crashed run and tell whose they are.
 */
#ifndef PFC_NAMES_H
#define PFC_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define PFC_PREFIX		"pfc_"
#define PFC_NAME_MAX		64	/* MAX_EVENT_NAME_LEN in the kernel */

struct pfc_names {
	char prefix[32];	/* "pfc_<pid>_" */
	pid_t pid;
};

void pfc_names_init(struct pfc_names *n, pid_t pid);
int pfc_name_make(const struct pfc_names *n, char *buf, size_t len,
		  const char *tag, unsigned int thread, unsigned long long seq);
bool pfc_name_valid(const char *name);
bool pfc_name_is_ours(const char *name);
pid_t pfc_name_owner(const char *name);

#endif /* PFC_NAMES_H */
