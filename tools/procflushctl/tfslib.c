// SPDX-License-Identifier: GPL-2.0-only
/*
 * libtracefs and libtraceevent, linked normally (found by pkg-config),
 * so that the binary's dependencies are visible to packaging and ldd.
 */
#include <stddef.h>

#include "tfslib.h"

/* Every library function procflushctl uses, in one place */
struct pfc_tfslib pfc_lib = {
	.set_tracing_dir	= tracefs_set_tracing_dir,
	.kprobe_alloc		= tracefs_kprobe_alloc,
	.kretprobe_alloc	= tracefs_kretprobe_alloc,
	.dynevent_create	= tracefs_dynevent_create,
	.dynevent_destroy	= tracefs_dynevent_destroy,
	.dynevent_free		= tracefs_dynevent_free,
	.dynevent_get_all	= tracefs_dynevent_get_all,
	.dynevent_info		= tracefs_dynevent_info,
	.dynevent_list_free	= tracefs_dynevent_list_free,
	.instance_create	= tracefs_instance_create,
	.instance_alloc		= tracefs_instance_alloc,
	.instance_destroy	= tracefs_instance_destroy,
	.instance_free		= tracefs_instance_free,
	.instances		= tracefs_instances,
	.list_free		= tracefs_list_free,
	.event_disable		= tracefs_event_disable,
	.error_last		= tracefs_error_last,
	.error_clear		= tracefs_error_clear,
	.tep_alloc		= tep_alloc,
	.tep_free		= tep_free,
	.tep_parse_format	= tep_parse_format,
	.tep_strerror		= tep_strerror,
	.tep_find_field		= tep_find_field,
	.tep_set_loglevel	= tep_set_loglevel,
};

/* Linked normally: nothing to load, kept so callers need no #ifdef */
int pfc_tfslib_load(char *err, size_t len)
{
	return 0;
}

int pfc_tfslib_loaded(void)
{
	return 1;
}
