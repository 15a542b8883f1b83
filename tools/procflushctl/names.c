// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-run object names and their parsing.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "util.h"

/* id: the run id, the low 48 bits of a random number */
void pfc_names_init(struct pfc_names *n, uint64_t id)
{
	memset(n, 0, sizeof(*n));
	snprintf(n->run_id, sizeof(n->run_id), "%012llx",
		 (unsigned long long)(id & 0xffffffffffffULL));
	snprintf(n->prefix, sizeof(n->prefix), PFC_PREFIX "%s_", n->run_id);
}

/* Take a run id given on the command line; -EINVAL if malformed */
int pfc_names_set(struct pfc_names *n, const char *run_id)
{
	if (!pfc_run_id_valid(run_id))
		return -EINVAL;
	pfc_strlcpy(n->run_id, run_id, sizeof(n->run_id));
	snprintf(n->prefix, sizeof(n->prefix), PFC_PREFIX "%s_", n->run_id);
	return 0;
}

/*
 * "pfc_<run id>_<tag><thread>_<seq>".  Returns 0, or -1 if the result
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

/* Exactly PFC_RUN_ID_LEN lower-case hex digits */
bool pfc_run_id_valid(const char *id)
{
	size_t i;

	if (!id || strlen(id) != PFC_RUN_ID_LEN)
		return false;
	for (i = 0; i < PFC_RUN_ID_LEN; i++) {
		if (!isxdigit((unsigned char)id[i]) ||
		    isupper((unsigned char)id[i]))
			return false;
	}
	return true;
}

/* Only this run's objects (or, in cleanup, the named run's) */
bool pfc_name_is_ours(const struct pfc_names *n, const char *name)
{
	return name && !strncmp(name, n->prefix, strlen(n->prefix));
}

/*
 * The run id of any procflushctl run's name "pfc_<run id>_...", into
 * id (at least PFC_RUN_ID_LEN + 1 bytes).  0, or -EINVAL when the name
 * is not one of ours.
 */
int pfc_name_run_id(const char *name, char *id, size_t len)
{
	const size_t pl = strlen(PFC_PREFIX);

	if (!name || len <= PFC_RUN_ID_LEN || strncmp(name, PFC_PREFIX, pl) ||
	    strlen(name) <= pl + PFC_RUN_ID_LEN ||
	    name[pl + PFC_RUN_ID_LEN] != '_')
		return -EINVAL;
	memcpy(id, name + pl, PFC_RUN_ID_LEN);
	id[PFC_RUN_ID_LEN] = '\0';
	return pfc_run_id_valid(id) ? 0 : -EINVAL;
}

/*
 * Does cleanup remove the object called name?  Only when it is the
 * target run's, or with all_runs when it is any run's.
 */
bool pfc_cleanup_matches(const struct pfc_names *target, bool all_runs,
			 const char *name)
{
	char id[PFC_RUN_ID_LEN + 1];

	if (pfc_name_run_id(name, id, sizeof(id)))
		return false;
	return all_runs || !strcmp(id, target->run_id);
}

/*
 * A scratch directory is ours to remove only if its name is a run's
 * and its marker file (contents: marker, NULL when missing) names the
 * same run.  A directory that merely looks like ours is left alone.
 */
bool pfc_scratch_is_ours(const struct pfc_names *target, bool all_runs,
			 const char *dirname, const char *marker)
{
	char id[PFC_RUN_ID_LEN + 1];

	if (!marker || !pfc_cleanup_matches(target, all_runs, dirname) ||
	    pfc_name_run_id(dirname, id, sizeof(id)))
		return false;
	return !strncmp(marker, id, PFC_RUN_ID_LEN) &&
	       (marker[PFC_RUN_ID_LEN] == '\0' ||
		marker[PFC_RUN_ID_LEN] == '\n');
}
