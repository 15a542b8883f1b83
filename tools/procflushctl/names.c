// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-run object names and their parsing.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

void pfc_names_init(struct pfc_names *n, pid_t pid)
{
	n->pid = pid;
	snprintf(n->prefix, sizeof(n->prefix), PFC_PREFIX "%d_", (int)pid);
}

/*
 * "pfc_<pid>_<tag><thread>_<seq>".  Returns 0, or -1 if the result
 * would not be a valid event name (too long or bad tag).
 */
int pfc_name_make(const struct pfc_names *n, char *buf, size_t len,
		  const char *tag, unsigned int thread, unsigned long long seq)
{
	int ret;

	ret = snprintf(buf, len, "%s%s%u_%llu", n->prefix, tag, thread, seq);
	if (ret < 0 || (size_t)ret >= len || ret >= PFC_NAME_MAX)
		return -1;
	return pfc_name_valid(buf) ? 0 : -1;
}

/* What the kernel accepts as a probe event or instance name we make */
bool pfc_name_valid(const char *name)
{
	size_t i, len;

	if (!name)
		return false;
	len = strlen(name);
	if (!len || len >= PFC_NAME_MAX)
		return false;
	if (!isalpha((unsigned char)name[0]) && name[0] != '_')
		return false;
	for (i = 1; i < len; i++) {
		if (!isalnum((unsigned char)name[i]) && name[i] != '_')
			return false;
	}
	return true;
}

bool pfc_name_is_ours(const char *name)
{
	return name && !strncmp(name, PFC_PREFIX, strlen(PFC_PREFIX));
}

/* The pid embedded in one of our names, or -1 */
pid_t pfc_name_owner(const char *name)
{
	const char *p;
	long v = 0;

	if (!pfc_name_is_ours(name))
		return -1;
	p = name + strlen(PFC_PREFIX);
	if (!isdigit((unsigned char)*p))
		return -1;
	while (isdigit((unsigned char)*p)) {
		v = v * 10 + (*p - '0');
		if (v > 0x7fffffffL)
			return -1;
		p++;
	}
	if (*p != '_' || v <= 0)
		return -1;
	return (pid_t)v;
}
