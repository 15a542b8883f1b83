/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libtracefs and libtraceevent: the functions procflushctl uses, as
 * one table.  Both are linked normally (see the Makefile).
 */
#ifndef PFC_TFSLIB_H
#define PFC_TFSLIB_H

#include <stddef.h>
#include <tracefs.h>
#include <event-parse.h>

struct pfc_tfslib {
	__typeof__(tracefs_set_tracing_dir) *set_tracing_dir;
	__typeof__(tracefs_kprobe_alloc) *kprobe_alloc;
	__typeof__(tracefs_kretprobe_alloc) *kretprobe_alloc;
	__typeof__(tracefs_dynevent_create) *dynevent_create;
	__typeof__(tracefs_dynevent_destroy) *dynevent_destroy;
	__typeof__(tracefs_dynevent_free) *dynevent_free;
	__typeof__(tracefs_dynevent_get_all) *dynevent_get_all;
	__typeof__(tracefs_dynevent_info) *dynevent_info;
	__typeof__(tracefs_dynevent_list_free) *dynevent_list_free;
	__typeof__(tracefs_instance_create) *instance_create;
	__typeof__(tracefs_instance_alloc) *instance_alloc;
	__typeof__(tracefs_instance_destroy) *instance_destroy;
	__typeof__(tracefs_instance_free) *instance_free;
	__typeof__(tracefs_instances) *instances;
	__typeof__(tracefs_list_free) *list_free;
	__typeof__(tracefs_event_disable) *event_disable;
	__typeof__(tracefs_error_last) *error_last;
	__typeof__(tracefs_error_clear) *error_clear;
	__typeof__(tep_alloc) *tep_alloc;
	__typeof__(tep_free) *tep_free;
	__typeof__(tep_parse_format) *tep_parse_format;
	__typeof__(tep_strerror) *tep_strerror;
	__typeof__(tep_find_field) *tep_find_field;
	__typeof__(tep_set_loglevel) *tep_set_loglevel;
};

extern struct pfc_tfslib pfc_lib;

int pfc_tfslib_load(char *err, size_t len);
int pfc_tfslib_loaded(void);

#endif /* PFC_TFSLIB_H */
