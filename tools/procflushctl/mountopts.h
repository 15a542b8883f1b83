/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * /proc/self/mountinfo lines and what a "mount -o remount,uid=N,gid=N"
 * of tracefs needs to keep and to restore.  Pure: unit-tested.
 */
#ifndef PFC_MOUNTOPTS_H
#define PFC_MOUNTOPTS_H

#include <limits.h>
#include <stddef.h>

struct pfc_mountinfo {
	char mnt_point[PATH_MAX];
	char mnt_opts[256];	/* per mount: rw,nosuid,nodev,... */
	char fstype[64];
	char super_opts[512];	/* per superblock: rw,uid=0,mode=700 */
};

int pfc_mountinfo_parse(const char *line, struct pfc_mountinfo *m);
void pfc_mount_unescape(char *s);
unsigned long pfc_mnt_flags(const char *mnt_opts);
int pfc_owner_opts(const char *super_opts, char *data, size_t len);

#endif /* PFC_MOUNTOPTS_H */
