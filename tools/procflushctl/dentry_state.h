/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * /proc/sys/fs/dentry-state snapshots.
 */
#ifndef PFC_DENTRY_STATE_H
#define PFC_DENTRY_STATE_H

struct pfc_dentry_state {
	long long nr_dentry;
	long long nr_unused;
	long long age_limit;
	long long want_pages;
	long long nr_negative;
};

int pfc_dentry_parse(const char *text, struct pfc_dentry_state *st);
int pfc_dentry_read(struct pfc_dentry_state *st);
int pfc_drop_caches(void);

#endif /* PFC_DENTRY_STATE_H */
