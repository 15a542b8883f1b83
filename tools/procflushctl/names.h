/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Names of everything procflushctl creates.  Every object carries the
 * per-run prefix "pfc_<run id>_", where the run id is 12 random hex
 * digits: unlike a pid it is unique across pid namespaces and
 * machines sharing nothing but the kernel's system-wide kprobe events.
 * A run only ever matches its own prefix; 'procflushctl cleanup'
 * removes another run's leftovers only when told that run's id, or
 * every run's with --all-runs.
 */
#ifndef PFC_NAMES_H
#define PFC_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PFC_PREFIX		"pfc_"
#define PFC_RUN_ID_LEN		12	/* hex digits */
#define PFC_NAME_MAX		64	/* MAX_EVENT_NAME_LEN in the kernel */
/* in a scratch directory, below its tmpfs: holds the run id */
#define PFC_SCRATCH_MARKER	".procflushctl-run"

struct pfc_names {
	char run_id[PFC_RUN_ID_LEN + 1];
	char prefix[32];	/* "pfc_<run id>_" */
};

void pfc_names_init(struct pfc_names *n, uint64_t id);
int pfc_names_set(struct pfc_names *n, const char *run_id);
int pfc_name_make(const struct pfc_names *n, char *buf, size_t len,
		  const char *tag, unsigned int thread, unsigned long long seq);
bool pfc_name_valid(const char *name);
bool pfc_run_id_valid(const char *id);
bool pfc_name_is_ours(const struct pfc_names *n, const char *name);
int pfc_name_run_id(const char *name, char *id, size_t len);
bool pfc_cleanup_matches(const struct pfc_names *target, bool all_runs,
			 const char *name);
bool pfc_scratch_is_ours(const struct pfc_names *target, bool all_runs,
			 const char *dirname, const char *marker);

#endif /* PFC_NAMES_H */
