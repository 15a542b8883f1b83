// SPDX-License-Identifier: GPL-2.0-only
/*
 * mountinfo parsing and remount arguments.
 *
 * A remount (MS_REMOUNT without MS_BIND) sets the mount's nosuid,
 * nodev, noexec and ro flags to exactly what it is given, so they are
 * taken from the mount's current options, as mount(8) does; the atime
 * flags are kept by the kernel when none is given.  tracefs shows
 * uid= and gid= only when they are not 0, so a missing one is 0.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include "mountopts.h"
#include "util.h"

/* mountinfo escapes space, tab, newline and backslash as \ooo */
void pfc_mount_unescape(char *s)
{
	char *r = s, *w = s;

	while (*r) {
		if (r[0] == '\\' && r[1] >= '0' && r[1] <= '7' &&
		    r[2] >= '0' && r[2] <= '7' && r[3] >= '0' && r[3] <= '7') {
			*w++ = (char)((r[1] - '0') * 64 + (r[2] - '0') * 8 +
				      (r[3] - '0'));
			r += 4;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

/*
 * "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue"
 * Returns 0 or -EINVAL.
 */
int pfc_mountinfo_parse(const char *line, struct pfc_mountinfo *m)
{
	const char *sep = strstr(line, " - ");
	char src[PATH_MAX];

	memset(m, 0, sizeof(*m));
	if (!sep)
		return -EINVAL;
	if (sscanf(line, "%*s %*s %*s %*s %4095s %255s", m->mnt_point,
		   m->mnt_opts) != 2)
		return -EINVAL;
	if (sscanf(sep + 3, "%63s %4095s %511s", m->fstype, src,
		   m->super_opts) < 2)
		return -EINVAL;
	pfc_mount_unescape(m->mnt_point);
	return 0;
}

static bool has_opt(const char *opts, const char *opt)
{
	size_t l = strlen(opt);
	const char *p = opts;

	while ((p = strstr(p, opt))) {
		if ((p == opts || p[-1] == ',') && (!p[l] || p[l] == ','))
			return true;
		p += l;
	}
	return false;
}

/* The MS_* flags a remount must carry to keep the mount's flags */
unsigned long pfc_mnt_flags(const char *mnt_opts)
{
	unsigned long f = 0;

	if (has_opt(mnt_opts, "ro"))
		f |= MS_RDONLY;
	if (has_opt(mnt_opts, "nosuid"))
		f |= MS_NOSUID;
	if (has_opt(mnt_opts, "nodev"))
		f |= MS_NODEV;
	if (has_opt(mnt_opts, "noexec"))
		f |= MS_NOEXEC;
	return f;
}

static unsigned long long opt_num(const char *opts, const char *key)
{
	size_t l = strlen(key);
	const char *p = opts;

	while ((p = strstr(p, key))) {
		if ((p == opts || p[-1] == ',') && p[l] == '=')
			return strtoull(p + l + 1, NULL, 10);
		p += l;
	}
	return 0;
}

/* "uid=U,gid=G" of the superblock options: what restores the owner */
int pfc_owner_opts(const char *super_opts, char *data, size_t len)
{
	int n = snprintf(data, len, "uid=%llu,gid=%llu",
			 opt_num(super_opts, "uid"),
			 opt_num(super_opts, "gid"));

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}
