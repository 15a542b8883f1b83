// SPDX-License-Identifier: GPL-2.0-only
/*
 * tracefs setup, kprobe events and instances.
 *
 * Creation and deletion go through libtracefs as a user of the library
 * would (tracefs_kprobe_alloc + tracefs_dynevent_create, and
 * tracefs_dynevent_destroy(..., false), which appends "-:group/event"
 * and fails with EBUSY while the event is enabled).  Force-destroy
 * walks every instance and is only used in cleanup, never in a timed
 * loop.  Every object is registered before it is created so that
 * cleanup after an error or a signal finds it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mountopts.h"
#include "names.h"
#include "scenario.h"
#include "sig.h"
#include "tfs.h"
#include "tfslib.h"
#include "util.h"

#define TRACEFS_DEFAULT	"/sys/kernel/tracing"

static const char * const default_symbols[] = {
	"vfs_read", "do_sys_openat2", "ksys_read", "vfs_write",
	"do_sys_open", "__x64_sys_getpid", "schedule",
};

static const char * const static_events[] = {
	"sched/sched_switch", "sched/sched_process_exit",
	"syscalls/sys_enter_getpid", "ftrace/print",
};

/* First tracefs mount in our mount namespace; prefers the default path */
static int find_tracefs(char *dir, size_t len)
{
	struct pfc_mountinfo m;
	char line[4096];
	bool found = false;
	FILE *f;

	f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (pfc_mountinfo_parse(line, &m) || strcmp(m.fstype, "tracefs"))
			continue;
		if (!found || !strcmp(m.mnt_point, TRACEFS_DEFAULT))
			pfc_strlcpy(dir, m.mnt_point, len);
		found = true;
	}
	fclose(f);
	return found ? 0 : -ENOENT;
}

static bool tfs_exists(const struct pfc_tfs *t, const char *rel)
{
	char p[PATH_MAX + 64];

	snprintf(p, sizeof(p), "%s/%s", t->dir, rel);
	return access(p, F_OK) == 0;
}

int pfc_tfs_setup(struct pfc_tfs *t, const struct pfc_opts *o,
		  bool private_ns, bool need_kprobes, char *err, size_t len)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	pfc_strlcpy(t->group, o->group, sizeof(t->group));
	if (find_tracefs(t->dir, sizeof(t->dir))) {
		if (!private_ns) {
			snprintf(err, len,
				 "tracefs is not mounted; mount it with 'mount -t tracefs nodev %s' (the kernel needs CONFIG_TRACING)",
				 TRACEFS_DEFAULT);
			return PFC_EXIT_ENV;
		}
		/* our own mount namespace: nobody else sees this mount */
		if (mount("nodev", TRACEFS_DEFAULT, "tracefs", 0, NULL)) {
			snprintf(err, len,
				 "tracefs is not mounted and mounting it at %s failed (%s); is CONFIG_TRACING enabled? mount it with 'mount -t tracefs nodev %s'",
				 TRACEFS_DEFAULT, strerror(errno),
				 TRACEFS_DEFAULT);
			return PFC_EXIT_ENV;
		}
		pfc_strlcpy(t->dir, TRACEFS_DEFAULT, sizeof(t->dir));
		t->mounted_here = true;
	}
	if (!tfs_exists(t, "events")) {
		snprintf(err, len,
			 "%s has no events directory: kernel without trace events (CONFIG_EVENT_TRACING)?",
			 t->dir);
		return PFC_EXIT_ENV;
	}
	/* libtracefs must use this mount and never mount one itself */
	if (pfc_lib.set_tracing_dir(t->dir)) {
		snprintf(err, len, "libtracefs rejected tracing dir %s",
			 t->dir);
		return PFC_EXIT_ENV;
	}
	t->have_kprobes = tfs_exists(t, "kprobe_events");
	if (need_kprobes && !t->have_kprobes) {
		snprintf(err, len,
			 "%s/kprobe_events is missing: this kernel has no kprobe events; build it with CONFIG_KPROBES=y and CONFIG_KPROBE_EVENTS=y (or run only proc-storm, ps-storm, instance-churn)",
			 t->dir);
		return PFC_EXIT_ENV;
	}
	for (i = 0; i < ARRAY_SIZE(static_events); i++) {
		char rel[160];

		snprintf(rel, sizeof(rel), "events/%s/format",
			 static_events[i]);
		if (tfs_exists(t, rel)) {
			pfc_strlcpy(t->static_event, static_events[i],
				    sizeof(t->static_event));
			break;
		}
	}
	return 0;
}

char *pfc_tfs_error(void)
{
	char *e = pfc_lib.error_last(NULL);
	size_t l;

	if (!e)
		return NULL;
	l = strlen(e);
	while (l && (e[l - 1] == '\n' || e[l - 1] == ' '))
		e[--l] = '\0';
	if (!l) {
		free(e);
		return NULL;
	}
	return e;
}

int pfc_tfs_path(struct pfc_ctx *ctx, char *buf, size_t len,
		 const char *rel)
{
	int n = snprintf(buf, len, "%s/%s", ctx->tfs->dir, rel);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* [instances/INST/]events/GROUP[/EVENT[/FILE]] */
int pfc_ev_path(struct pfc_ctx *ctx, char *buf, size_t len,
		const char *inst, const char *event, const char *file)
{
	int n;

	n = snprintf(buf, len, "%s%s%s/events/%s%s%s%s%s", ctx->tfs->dir,
		     inst ? "/instances/" : "", inst ? inst : "",
		     ctx->tfs->group, event ? "/" : "", event ? event : "",
		     file ? "/" : "", file ? file : "");
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

/* events/GROUP[/EVENT] of the top instance, for any group */
int pfc_grp_path(struct pfc_ctx *ctx, char *buf, size_t len,
		 const char *group, const char *event)
{
	int n;

	n = snprintf(buf, len, "%s/events/%s%s%s", ctx->tfs->dir, group,
		     event ? "/" : "", event ? event : "");
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static int kp_create_raw(struct pfc_ctx *ctx, const char *group,
			 const char *event, const char *symbol, bool ret_probe,
			 uint64_t *lat)
{
	struct tracefs_dynevent *dev;
	uint64_t t;
	int ret;

	if (ret_probe)
		dev = pfc_lib.kretprobe_alloc(group, event, symbol, NULL, 0);
	else
		dev = pfc_lib.kprobe_alloc(group, event, symbol, NULL);
	if (!dev)
		return errno ? -errno : -ENOMEM;
	errno = 0;
	t = pfc_now_ns();
	ret = pfc_lib.dynevent_create(dev);
	if (lat)
		*lat = pfc_now_ns() - t;
	if (ret)
		ret = errno ? -errno : -EIO;
	pfc_lib.dynevent_free(dev);
	return ret;
}

static int kp_destroy_raw(const char *group, const char *event,
			  const char *symbol, bool force, uint64_t *lat,
			  uint64_t *done_ns)
{
	struct tracefs_dynevent *dev;
	uint64_t t;
	int ret;

	/* the address does not matter for "-:group/event" */
	dev = pfc_lib.kprobe_alloc(group, event, symbol ? symbol : "0",
				   NULL);
	if (!dev)
		return errno ? -errno : -ENOMEM;
	errno = 0;
	t = pfc_now_ns();
	ret = pfc_lib.dynevent_destroy(dev, force);
	if (done_ns)
		*done_ns = pfc_now_ns();
	if (lat)
		*lat = (done_ns ? *done_ns : pfc_now_ns()) - t;
	if (ret)
		ret = errno ? -errno : -EIO;
	pfc_lib.dynevent_free(dev);
	return ret;
}

/*
 * A kprobe (or kretprobe) event on the run's symbol in any group,
 * registered before it is created: cleanup removes it by group and
 * event name on every exit path.
 */
int pfc_dynev_create(struct pfc_ctx *ctx, struct pfc_stats *st,
		     const char *group, const char *event, bool ret_probe)
{
	uint64_t lat = 0;
	int ret;

	ret = pfc_reg_add(ctx->reg, PFC_OBJ_KPROBE, event, group, 0);
	if (ret)
		return ret;
	ret = kp_create_raw(ctx, group, event, ctx->tfs->symbol, ret_probe,
			    &lat);
	pfc_stats_record(st, PFC_OP_CREATE, lat, ret);
	if (ret)
		pfc_reg_del(ctx->reg, PFC_OBJ_KPROBE, event, 0);
	return ret;
}

int pfc_kp_create(struct pfc_ctx *ctx, struct pfc_stats *st,
		  const char *event)
{
	return pfc_dynev_create(ctx, st, ctx->tfs->group, event, false);
}

int pfc_kp_delete(struct pfc_ctx *ctx, struct pfc_stats *st,
		  const char *event, uint64_t *done_ns)
{
	uint64_t lat = 0, done = 0;
	int ret;

	ret = kp_destroy_raw(ctx->tfs->group, event, ctx->tfs->symbol, false,
			     &lat, &done);
	pfc_stats_record(st, PFC_OP_DELETE, lat, ret);
	if (!ret || ret == -ENOENT)
		pfc_reg_del(ctx->reg, PFC_OBJ_KPROBE, event, 0);
	if (done_ns)
		*done_ns = done;
	return ret;
}

static int write_str(const char *path, const char *s)
{
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, s, strlen(s)) < 0)
		ret = -errno;
	close(fd);
	return ret;
}

int pfc_kp_set_enable(struct pfc_ctx *ctx, const char *inst,
		      const char *event, bool on)
{
	char p[PATH_MAX];

	if (pfc_ev_path(ctx, p, sizeof(p), inst, event, "enable"))
		return -ENAMETOOLONG;
	return write_str(p, on ? "1" : "0");
}

/*
 * Cleanup: disable the event everywhere, delete it, and as a last
 * resort let libtracefs force it.  A missing event counts as removed.
 */
int pfc_kp_remove(struct pfc_ctx *ctx, const char *group, const char *event)
{
	char **list;
	int ret, i;

	ret = kp_destroy_raw(group, event, NULL, false, NULL, NULL);
	if (!ret || ret == -ENOENT)
		return 0;
	pfc_lib.event_disable(NULL, group, event);
	list = pfc_lib.instances(NULL);
	for (i = 0; list && list[i]; i++) {
		struct tracefs_instance *in;

		in = pfc_lib.instance_alloc(NULL, list[i]);
		if (!in)
			continue;
		pfc_lib.event_disable(in, group, event);
		pfc_lib.instance_free(in);
	}
	pfc_lib.list_free(list);
	ret = kp_destroy_raw(group, event, NULL, false, NULL, NULL);
	if (!ret || ret == -ENOENT)
		return 0;
	ret = kp_destroy_raw(group, event, NULL, true, NULL, NULL);
	return ret == -ENOENT ? 0 : ret;
}

int pfc_inst_create(struct pfc_ctx *ctx, struct pfc_stats *st,
		    const char *name)
{
	struct tracefs_instance *in;
	uint64_t t;
	int ret;

	ret = pfc_reg_add(ctx->reg, PFC_OBJ_INSTANCE, name, NULL, 0);
	if (ret)
		return ret;
	errno = 0;
	t = pfc_now_ns();
	in = pfc_lib.instance_create(name);
	ret = in ? 0 : (errno ? -errno : -EIO);
	pfc_stats_record(st, PFC_OP_INST_CREATE, pfc_now_ns() - t, ret);
	if (in)
		pfc_lib.instance_free(in);
	else
		pfc_reg_del(ctx->reg, PFC_OBJ_INSTANCE, name, 0);
	return ret;
}

static int inst_destroy_raw(const char *name, uint64_t *lat,
			    uint64_t *done_ns)
{
	struct tracefs_instance *in;
	uint64_t t;
	int ret;

	errno = 0;
	in = pfc_lib.instance_alloc(NULL, name);
	if (!in)
		return errno ? -errno : -ENOENT;
	errno = 0;
	t = pfc_now_ns();
	ret = pfc_lib.instance_destroy(in);
	if (done_ns)
		*done_ns = pfc_now_ns();
	if (lat)
		*lat = pfc_now_ns() - t;
	if (ret)
		ret = errno ? -errno : -EIO;
	pfc_lib.instance_free(in);
	return ret;
}

int pfc_inst_destroy(struct pfc_ctx *ctx, struct pfc_stats *st,
		     const char *name, uint64_t *done_ns)
{
	uint64_t lat = 0;
	int ret;

	ret = inst_destroy_raw(name, &lat, done_ns);
	pfc_stats_record(st, PFC_OP_INST_DESTROY, lat, ret);
	if (!ret || ret == -ENOENT)
		pfc_reg_del(ctx->reg, PFC_OBJ_INSTANCE, name, 0);
	return ret;
}

/*
 * Remove an instance that a reader may hold busy for a moment: EBUSY is
 * expected and counted, retried every millisecond for up to 200 ms.
 */
int pfc_inst_destroy_retry(struct pfc_ctx *ctx, struct pfc_stats *st,
			   const char *name, uint64_t *done_ns)
{
	int ret, i;

	for (i = 0; i < 200; i++) {
		ret = pfc_inst_destroy(ctx, st, name, done_ns);
		if (ret != -EBUSY || pfc_sig_urgent())
			return ret;
		pfc_stats_count(st, PFC_CTR_EBUSY_INST, 1);
		pfc_sleep_ns(NSEC_PER_MSEC);
	}
	return ret;
}

int pfc_inst_remove(const char *name)
{
	int ret = 0, i;

	for (i = 0; i < 50; i++) {
		ret = inst_destroy_raw(name, NULL, NULL);
		if (!ret || ret == -ENOENT)
			return 0;
		if (ret != -EBUSY || pfc_sig_urgent())
			break;
		pfc_sleep_ns(20 * NSEC_PER_MSEC);
	}
	return ret;
}

/*
 * Find a symbol we can probe by creating the anchor-to-be.  With
 * --symbol only that one is tried and the kernel's own error text is
 * shown when it is refused.
 */
int pfc_tfs_pick_symbol(struct pfc_ctx *ctx, char *err, size_t len)
{
	const struct pfc_opts *o = ctx->opts;
	char name[PFC_NAME_MAX];
	char *kerr;
	size_t i;
	int ret = -ENOENT;

	if (pfc_name_make(&ctx->names, name, sizeof(name), "probe", 0, 0))
		return PFC_EXIT_ENV;
	for (i = 0; i < (o->symbol ? 1 : ARRAY_SIZE(default_symbols)); i++) {
		const char *sym = o->symbol ? o->symbol : default_symbols[i];

		pfc_lib.error_clear(NULL);
		pfc_reg_add(ctx->reg, PFC_OBJ_KPROBE, name, ctx->tfs->group, 0);
		ret = kp_create_raw(ctx, ctx->tfs->group, name, sym, false,
				    NULL);
		if (!ret) {
			pfc_strlcpy(ctx->tfs->symbol, sym,
				    sizeof(ctx->tfs->symbol));
			ret = kp_destroy_raw(ctx->tfs->group, name, sym, false,
					     NULL, NULL);
			if (!ret)
				pfc_reg_del(ctx->reg, PFC_OBJ_KPROBE, name, 0);
			return 0;
		}
		pfc_reg_del(ctx->reg, PFC_OBJ_KPROBE, name, 0);
		if (ret == -EPERM || ret == -EACCES || ret == -EROFS)
			break;
	}
	kerr = pfc_tfs_error();
	if (o->symbol) {
		snprintf(err, len,
			 "cannot create a kprobe event on --symbol %s: %s%s%s",
			 o->symbol, strerror(-ret),
			 kerr ? "; the kernel says:\n" : "",
			 kerr ? kerr : "");
		free(kerr);
		return ret == -EPERM || ret == -EACCES || ret == -EROFS ?
			PFC_EXIT_ENV : PFC_EXIT_USAGE;
	}
	snprintf(err, len,
		 "cannot create a kprobe event on any of vfs_read, do_sys_openat2, ... (%s)%s%s; pick a probe-able function with --symbol (see %s/available_filter_functions)",
		 strerror(-ret), kerr ? "; the kernel says:\n" : "",
		 kerr ? kerr : "", ctx->tfs->dir);
	free(kerr);
	return PFC_EXIT_ENV;
}

/* The anchor keeps the group directory alive while others churn */
int pfc_anchor_create(struct pfc_ctx *ctx, char *name, size_t len)
{
	int ret;

	if (pfc_name_make(&ctx->names, name, len, "anchor", ctx->id, 0))
		return -EINVAL;
	ret = pfc_kp_create(ctx, &ctx->res->stats, name);
	if (ret)
		pfc_env_error(ctx, "cannot create anchor event %s: %s", name,
			      strerror(-ret));
	return ret;
}

void pfc_anchor_delete(struct pfc_ctx *ctx, const char *name)
{
	int ret = pfc_kp_delete(ctx, &ctx->res->stats, name, NULL);

	if (ret == -EBUSY) {
		pfc_kp_set_enable(ctx, NULL, name, false);
		ret = pfc_kp_delete(ctx, &ctx->res->stats, name, NULL);
	}
	if (ret && ret != -ENOENT)
		pfc_result_note(ctx->res, "anchor %s not deleted: %s", name,
				strerror(-ret));
	else if (!ctx->after_marked)
		pfc_churned(ctx, 1);
}

/*
 * notify-storm remounts tracefs with other owners ("mount -o
 * remount,uid=N,gid=N").  The owner is a superblock option, shared by
 * every mount of tracefs in every mount namespace, so the original one
 * is recorded from /proc/self/mountinfo first and restored at the end
 * and on every exit path (the registry holds a PFC_OBJ_REMOUNT until
 * then).
 */
int pfc_tfs_owner_save(struct pfc_ctx *ctx, char *err, size_t len)
{
	struct pfc_tfs *t = ctx->tfs;
	struct pfc_mountinfo m;
	char line[4096];
	bool found = false;
	FILE *f;

	if (t->owner_saved)
		return 0;
	f = fopen("/proc/self/mountinfo", "re");
	if (!f) {
		snprintf(err, len, "cannot read /proc/self/mountinfo: %s",
			 strerror(errno));
		return -errno;
	}
	while (fgets(line, sizeof(line), f)) {
		/* the last one: the mount on top */
		if (pfc_mountinfo_parse(line, &m) ||
		    strcmp(m.fstype, "tracefs") || strcmp(m.mnt_point, t->dir))
			continue;
		t->mnt_flags = pfc_mnt_flags(m.mnt_opts);
		found = !pfc_owner_opts(m.super_opts, t->owner_opts,
					sizeof(t->owner_opts));
		pfc_strlcpy(t->super_opts, m.super_opts,
			    sizeof(t->super_opts));
	}
	fclose(f);
	if (!found) {
		snprintf(err, len, "%s is not a tracefs mount in /proc/self/mountinfo",
			 t->dir);
		return -ENOENT;
	}
	t->owner_saved = true;
	return 0;
}

static int tfs_remount(struct pfc_tfs *t, const char *data)
{
	return mount(NULL, t->dir, NULL, MS_REMOUNT | t->mnt_flags, data) ?
	       -errno : 0;
}

/* Remount with owner uid:gid; the restore is registered first */
int pfc_tfs_remount_owner(struct pfc_ctx *ctx, struct pfc_stats *st,
			  unsigned int uid, unsigned int gid)
{
	struct pfc_tfs *t = ctx->tfs;
	char data[64];
	uint64_t t0;
	int ret;

	if (!t->owner_saved)
		return -EINVAL;
	if (!t->remounted) {
		ret = pfc_reg_add(ctx->reg, PFC_OBJ_REMOUNT, t->dir, NULL, 0);
		if (ret)
			return ret;
		t->remounted = true;
	}
	snprintf(data, sizeof(data), "uid=%u,gid=%u", uid, gid);
	t0 = pfc_now_ns();
	ret = tfs_remount(t, data);
	pfc_stats_record(st, PFC_OP_REMOUNT, pfc_now_ns() - t0, ret);
	return ret;
}

/* Put the recorded owner back; also the cleanup of PFC_OBJ_REMOUNT */
int pfc_tfs_owner_restore(struct pfc_ctx *ctx)
{
	struct pfc_tfs *t = ctx->tfs;
	int ret;

	if (!t || !t->remounted)
		return 0;
	ret = tfs_remount(t, t->owner_opts);
	if (ret)
		return ret;
	t->remounted = false;
	pfc_reg_del(ctx->reg, PFC_OBJ_REMOUNT, t->dir, 0);
	return 0;
}
