// SPDX-License-Identifier: GPL-2.0-only
/*
 * Run-time loading of libtracefs and libtraceevent.
 *
 * PFC_TRACEFS_LIB and PFC_TRACEEVENT_LIB override the library file
 * names (used by the unit tests to check the exit code when they are
 * missing).
 */
#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include "tfslib.h"
#include "util.h"

#ifndef TRACEFS_SONAME
#define TRACEFS_SONAME		"libtracefs.so.1"
#endif
#ifndef TRACEEVENT_SONAME
#define TRACEEVENT_SONAME	"libtraceevent.so.1"
#endif

struct pfc_tfslib pfc_lib;
static int loaded;

struct pfc_sym {
	bool traceevent;	/* in libtraceevent, else libtracefs */
	size_t offset;		/* of the pointer in struct pfc_tfslib */
	const char *name;
};

#define TFS_SYM(field)	{ false, offsetof(struct pfc_tfslib, field), "tracefs_" #field }
#define TEP_SYM(field)	{ true, offsetof(struct pfc_tfslib, field), #field }

/* Looked up in this order; the first one missing is reported */
static const struct pfc_sym pfc_syms[] = {
	TFS_SYM(set_tracing_dir),
	TFS_SYM(kprobe_alloc),
	TFS_SYM(dynevent_create),
	TFS_SYM(dynevent_destroy),
	TFS_SYM(dynevent_free),
	TFS_SYM(dynevent_get_all),
	TFS_SYM(dynevent_info),
	TFS_SYM(dynevent_list_free),
	TFS_SYM(instance_create),
	TFS_SYM(instance_alloc),
	TFS_SYM(instance_destroy),
	TFS_SYM(instance_free),
	TFS_SYM(instances),
	TFS_SYM(list_free),
	TFS_SYM(event_disable),
	TFS_SYM(error_last),
	TFS_SYM(error_clear),
	TEP_SYM(tep_alloc),
	TEP_SYM(tep_free),
	TEP_SYM(tep_parse_format),
	TEP_SYM(tep_strerror),
	TEP_SYM(tep_find_field),
	TEP_SYM(tep_set_loglevel),
};

int pfc_tfslib_load(char *err, size_t len)
{
	const char *te_name = getenv("PFC_TRACEEVENT_LIB");
	const char *tfs_name = getenv("PFC_TRACEFS_LIB");
	void *te, *tfs;
	size_t i;

	if (loaded)
		return 0;
	if (!te_name || !*te_name)
		te_name = TRACEEVENT_SONAME;
	if (!tfs_name || !*tfs_name)
		tfs_name = TRACEFS_SONAME;

	te = dlopen(te_name, RTLD_NOW | RTLD_GLOBAL);
	if (!te) {
		snprintf(err, len,
			 "cannot load libtraceevent (%s): %s; install it (Debian/Ubuntu: apt-get install libtraceevent1)",
			 te_name, dlerror());
		return -1;
	}
	tfs = dlopen(tfs_name, RTLD_NOW | RTLD_GLOBAL);
	if (!tfs) {
		snprintf(err, len,
			 "cannot load libtracefs (%s): %s; install it (Debian/Ubuntu: apt-get install libtracefs1)",
			 tfs_name, dlerror());
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(pfc_syms); i++) {
		const struct pfc_sym *sym = &pfc_syms[i];
		void **slot = (void **)((char *)&pfc_lib + sym->offset);

		*slot = dlsym(sym->traceevent ? te : tfs, sym->name);
		if (!*slot) {
			snprintf(err, len,
				 "%s lacks %s: need libtracefs >= 1.6 and libtraceevent >= 1.7",
				 sym->traceevent ? te_name : tfs_name, sym->name);
			return -1;
		}
	}
	loaded = 1;
	return 0;
}

int pfc_tfslib_loaded(void)
{
	return loaded;
}
