// SPDX-License-Identifier: GPL-2.0-only
/*
 * Run-time loading of libtracefs and libtraceevent.
 *
 * PFC_TRACEFS_LIB and PFC_TRACEEVENT_LIB override the library file
 * names (used by the unit tests to check the exit code when they are
 * missing).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include "tfslib.h"

#ifndef TRACEFS_SONAME
#define TRACEFS_SONAME		"libtracefs.so.1"
#endif
#ifndef TRACEEVENT_SONAME
#define TRACEEVENT_SONAME	"libtraceevent.so.1"
#endif

struct pfc_tfslib pfc_lib;
static int loaded;

#define SYM(h, field, name) do {					\
	*(void **)&pfc_lib.field = dlsym(h, name);			\
	if (!pfc_lib.field) {						\
		snprintf(err, len, "%s lacks %s: need libtracefs >= 1.6 and libtraceevent >= 1.7", \
			 h == te ? te_name : tfs_name, name);		\
		return -1;						\
	}								\
} while (0)

int pfc_tfslib_load(char *err, size_t len)
{
	const char *te_name = getenv("PFC_TRACEEVENT_LIB");
	const char *tfs_name = getenv("PFC_TRACEFS_LIB");
	void *te, *tfs;

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
	SYM(tfs, set_tracing_dir, "tracefs_set_tracing_dir");
	SYM(tfs, kprobe_alloc, "tracefs_kprobe_alloc");
	SYM(tfs, dynevent_create, "tracefs_dynevent_create");
	SYM(tfs, dynevent_destroy, "tracefs_dynevent_destroy");
	SYM(tfs, dynevent_free, "tracefs_dynevent_free");
	SYM(tfs, dynevent_get_all, "tracefs_dynevent_get_all");
	SYM(tfs, dynevent_info, "tracefs_dynevent_info");
	SYM(tfs, dynevent_list_free, "tracefs_dynevent_list_free");
	SYM(tfs, instance_create, "tracefs_instance_create");
	SYM(tfs, instance_alloc, "tracefs_instance_alloc");
	SYM(tfs, instance_destroy, "tracefs_instance_destroy");
	SYM(tfs, instance_free, "tracefs_instance_free");
	SYM(tfs, instances, "tracefs_instances");
	SYM(tfs, list_free, "tracefs_list_free");
	SYM(tfs, event_disable, "tracefs_event_disable");
	SYM(tfs, error_last, "tracefs_error_last");
	SYM(tfs, error_clear, "tracefs_error_clear");
	SYM(te, tep_alloc, "tep_alloc");
	SYM(te, tep_free, "tep_free");
	SYM(te, tep_parse_format, "tep_parse_format");
	SYM(te, tep_strerror, "tep_strerror");
	SYM(te, tep_find_field, "tep_find_field");
	SYM(te, tep_set_loglevel, "tep_set_loglevel");
	loaded = 1;
	return 0;
}

int pfc_tfslib_loaded(void)
{
	return loaded;
}
