// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cleanup of this run (from the registry) and of crashed runs (by their
 * run id, or all of them on request).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanup.h"
#include "names.h"
#include "scenario.h"
#include "sig.h"
#include "tfs.h"
#include "tfslib.h"
#include "util.h"
#include "verdict.h"

/* Wait for a killed child; a second signal stops the wait */
static int reap_killed(pid_t pid)
{
	pid_t r;

	for (;;) {
		r = waitpid(pid, NULL, WNOHANG);
		if (r == pid || (r < 0 && errno == ECHILD))
			return 0;
		if (r < 0 && errno != EINTR)
			return -errno;
		if (pfc_sig_urgent())
			return -EINTR;
		pfc_sleep_ns(NSEC_PER_MSEC);
	}
}

static int undo(const struct pfc_obj *o, void *arg)
{
	struct pfc_ctx *ctx = arg;
	int ret = 0;

	/* between scenarios the scratch tmpfs (and its marker) stays */
	if (ctx->keep_scratch && ctx->scratch &&
	    (!strcmp(o->name, ctx->scratch) ||
	     (o->type == PFC_OBJ_FILE &&
	      !strncmp(o->name, ctx->scratch, strlen(ctx->scratch)) &&
	      o->name[strlen(ctx->scratch)] == '/')))
		return 1;

	switch (o->type) {
	case PFC_OBJ_CHILD:
		kill(-o->pid, SIGKILL);	/* an exec'd command's group */
		kill(o->pid, SIGKILL);
		ret = reap_killed(o->pid);
		break;
	case PFC_OBJ_KPROBE:
		if (!pfc_tfslib_loaded() || !ctx->tfs)
			return -1;
		ret = pfc_kp_remove(ctx, o->aux, o->name);
		break;
	case PFC_OBJ_INSTANCE:
		if (!pfc_tfslib_loaded() || !ctx->tfs)
			return -1;
		ret = pfc_inst_remove(o->name);
		break;
	case PFC_OBJ_MOUNT:
		if (umount2(o->name, MNT_DETACH) && errno != EINVAL &&
		    errno != ENOENT)
			ret = -errno;
		break;
	case PFC_OBJ_FILE:
		if (unlink(o->name) && errno != ENOENT)
			ret = -errno;
		break;
	case PFC_OBJ_DIR:
		if (rmdir(o->name) && errno != ENOENT)
			ret = -errno;
		break;
	case PFC_OBJ_REMOUNT:
		if (!ctx->tfs)
			return -1;
		ret = pfc_tfs_owner_restore(ctx);
		if (ret)
			fprintf(stderr, "procflushctl: restore it with 'mount -o remount,%s %s'\n",
				ctx->tfs->owner_opts, o->name);
		break;
	default:
		break;
	}
	if (ret)
		fprintf(stderr, "procflushctl: cleanup of %s %s failed: %s\n",
			pfc_obj_type_name(o->type), o->name, strerror(-ret));
	return ret;
}

/* Undo everything this run still has; returns what could not be undone */
size_t pfc_cleanup_run(struct pfc_ctx *ctx)
{
	ctx->keep_scratch = false;
	return pfc_reg_drain(ctx->reg, undo, ctx);
}

/*
 * After each scenario: whatever it left registered (it should leave
 * nothing) is removed before the next one starts.  Returns how many
 * objects that was.
 */
size_t pfc_cleanup_between(struct pfc_ctx *ctx)
{
	size_t before = ctx->reg->undone;

	ctx->keep_scratch = true;
	pfc_reg_drain(ctx->reg, undo, ctx);
	ctx->keep_scratch = false;
	return ctx->reg->undone - before;
}

/* What 'cleanup' is told to remove */
struct leftovers {
	const struct pfc_names *target;	/* --run-id */
	bool all_runs;			/* --all-runs */
	bool dry_run;			/* neither: only list */
	FILE *out;
	unsigned int found, removed, failed;
};

/* Report an object of some run; true if it is to be removed */
static bool want(struct leftovers *l, const char *what, const char *name)
{
	char id[PFC_RUN_ID_LEN + 1];

	if (pfc_name_run_id(name, id, sizeof(id)))
		return false;
	if (l->dry_run) {
		fprintf(l->out, "  found %s %s of run %s\n", what, name, id);
		l->found++;
		return false;
	}
	if (!pfc_cleanup_matches(l->target, l->all_runs, name))
		return false;
	l->found++;
	return true;
}

static void done(struct leftovers *l, const char *what, const char *name,
		 int err)
{
	if (err) {
		fprintf(l->out, "  cannot remove %s %s: %s\n", what, name,
			strerror(-err));
		l->failed++;
	} else {
		fprintf(l->out, "  removed %s %s\n", what, name);
		l->removed++;
	}
}

/* The marker's contents, or NULL when it cannot be read */
static char *read_marker(const char *dir, char *buf, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, PFC_SCRATCH_MARKER);
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return NULL;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	return buf;
}

/*
 * Scratch directories: a crashed run's tmpfs died with its mount
 * namespace, leaving the empty directory and the marker file below
 * it.  Only such a directory is removed: marker first, then rmdir,
 * which fails on anything that holds more.
 */
static void cleanup_scratch(struct leftovers *l)
{
	const char *const bases[] = { getenv("TMPDIR"), "/tmp", "/run",
				      "/dev/shm", "/var/tmp" };
	char path[PATH_MAX], mpath[PATH_MAX + 32], buf[64];
	struct dirent *de;
	const char *marker;
	size_t i;
	DIR *d;

	for (i = 0; i < ARRAY_SIZE(bases); i++) {
		if (!bases[i] || !*bases[i])
			continue;
		d = opendir(bases[i]);
		if (!d)
			continue;
		while ((de = readdir(d))) {
			if (de->d_type != DT_DIR ||
			    !want(l, "scratch dir", de->d_name))
				continue;
			snprintf(path, sizeof(path), "%s/%s", bases[i],
				 de->d_name);
			marker = read_marker(path, buf, sizeof(buf));
			if (!pfc_scratch_is_ours(l->target, l->all_runs,
						 de->d_name, marker)) {
				fprintf(l->out, "  keeping %s: no %s marker of its run in it\n",
					path, PFC_SCRATCH_MARKER);
				continue;
			}
			snprintf(mpath, sizeof(mpath), "%s/%s", path,
				 PFC_SCRATCH_MARKER);
			if (unlink(mpath) || rmdir(path))
				done(l, "scratch dir", path, -errno);
			else
				done(l, "scratch dir", path, 0);
		}
		closedir(d);
	}
}

/*
 * 'procflushctl cleanup': remove the kprobe events, tracefs instances
 * and scratch directories of the run given by --run-id (the target
 * names), or of every run with --all-runs.  With neither, only list
 * them: another run may be alive, in this or another pid namespace.
 * Force-destroy is fine here: nothing is timed.
 */
int pfc_cleanup_leftovers(struct pfc_ctx *ctx, FILE *out)
{
	const struct pfc_opts *o = ctx->opts;
	struct leftovers l = {
		.target = &ctx->names, .all_runs = o->all_runs,
		.dry_run = !o->all_runs && !o->run_id, .out = out,
	};
	struct tracefs_dynevent **evs;
	char what[PFC_NAME_MAX * 2 + 2];
	char **inst;
	int i;

	evs = pfc_lib.dynevent_get_all(TRACEFS_DYNEVENT_KPROBE |
				       TRACEFS_DYNEVENT_KRETPROBE, NULL);
	for (i = 0; evs && evs[i]; i++) {
		char *sys = NULL, *ev = NULL, *prefix = NULL;
		char *addr = NULL, *fmt = NULL;
		const char *owner;

		pfc_lib.dynevent_info(evs[i], &sys, &ev, &prefix, &addr, &fmt);
		owner = !pfc_name_run_id(ev, what, sizeof(what)) ? ev : sys;
		snprintf(what, sizeof(what), "%s/%s", sys ? sys : "?",
			 ev ? ev : "?");
		/* 1.6.4 also lists uprobes here; ours are never uprobes */
		if (addr && !strchr(addr, '/') &&
		    want(&l, "kprobe event", owner))
			done(&l, "kprobe event", what,
			     pfc_kp_remove(ctx, sys ? sys : "kprobes", ev));
		free(sys);
		free(ev);
		free(prefix);
		free(addr);
		free(fmt);
	}
	pfc_lib.dynevent_list_free(evs);

	inst = pfc_lib.instances("^" PFC_PREFIX);
	for (i = 0; inst && inst[i]; i++) {
		if (want(&l, "instance", inst[i]))
			done(&l, "instance", inst[i], pfc_inst_remove(inst[i]));
	}
	pfc_lib.list_free(inst);

	cleanup_scratch(&l);
	if (l.dry_run) {
		fprintf(out,
			"procflushctl cleanup: %u objects of earlier runs found, none removed\n"
			"  remove a run's with --run-id ID (printed at its start, in its JSON),\n"
			"  or every run's with --all-runs when no other procflushctl is running\n",
			l.found);
		return PFC_EXIT_PASS;
	}
	fprintf(out, "procflushctl cleanup: %u removed, %u could not be removed\n",
		l.removed, l.failed);
	return l.failed ? PFC_EXIT_ENV : PFC_EXIT_PASS;
}
