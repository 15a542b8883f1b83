// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading and parsing /proc/sys/fs/dentry-state.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "dentry_state.h"
#include "util.h"

#define DENTRY_STATE	"/proc/sys/fs/dentry-state"

/* "nr_dentry nr_unused age_limit want_pages nr_negative dummy" */
int pfc_dentry_parse(const char *text, struct pfc_dentry_state *st)
{
	int n;

	memset(st, 0, sizeof(*st));
	n = sscanf(text, "%lld %lld %lld %lld %lld", &st->nr_dentry,
		   &st->nr_unused, &st->age_limit, &st->want_pages,
		   &st->nr_negative);
	if (n < 2 || st->nr_dentry < 0 || st->nr_unused < 0)
		return -EINVAL;
	return 0;
}

int pfc_dentry_read(struct pfc_dentry_state *st)
{
	char buf[256];
	int n;

	n = pfc_read_small_file(DENTRY_STATE, buf, sizeof(buf));
	if (n < 0)
		return n;
	return pfc_dentry_parse(buf, st);
}

/* Drop reclaimable dentries and inodes (only ever before a baseline) */
int pfc_drop_caches(void)
{
	int fd, ret = 0;

	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, "2\n", 2) != 2)
		ret = -errno;
	close(fd);
	return ret;
}
