// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cleanup of this run (from the registry) and of crashed runs (by the
 * pfc_ name prefix).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
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
#include "tfs.h"
#include "tfslib.h"
#include "util.h"
#include "verdict.h"

static int undo(const struct pfc_obj *o, void *arg)
{
	struct pfc_ctx *ctx = arg;
	int ret = 0;

	/* between scenarios the scratch tmpfs stays */
	if (ctx->keep_scratch && ctx->scratch && !strcmp(o->name, ctx->scratch))
		return 1;

	switch (o->type) {
	case PFC_OBJ_CHILD:
		kill(-o->pid, SIGKILL);	/* an exec'd command's group */
		kill(o->pid, SIGKILL);
		if (waitpid(o->pid, NULL, 0) < 0 && errno != ECHILD)
			ret = -errno;
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
	case PFC_OBJ_DIR:
		if (rmdir(o->name) && errno != ENOENT)
			ret = -errno;
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

/* Is pid a running procflushctl other than us? */
static bool owner_alive(pid_t pid)
{
	char path[64], comm[32] = "";
	ssize_t n;
	int fd;

	if (pid <= 0 || pid == getpid())
		return false;
	if (kill(pid, 0) && errno == ESRCH)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, comm, sizeof(comm) - 1);
	close(fd);
	if (n <= 0)
		return false;
	comm[n] = '\0';
	return !strncmp(comm, "procflushctl", 12);
}

static bool skip_live(const char *what, const char *name, bool force,
		      FILE *out)
{
	pid_t pid = pfc_name_owner(name);

	if (force || !owner_alive(pid))
		return false;
	fprintf(out, "  keeping %s %s: run %d is still alive (use --force)\n",
		what, name, pid);
	return true;
}

static int rm_entry(const char *path, const struct stat *sb, int flag,
		    struct FTW *ftw)
{
	if (flag == FTW_DP || flag == FTW_D)
		return rmdir(path) && errno != ENOENT ? -1 : 0;
	return unlink(path) && errno != ENOENT ? -1 : 0;
}

static void cleanup_scratch(bool force, FILE *out, unsigned int *removed,
			    unsigned int *failed)
{
	const char *const bases[] = { getenv("TMPDIR"), "/tmp", "/run",
				      "/dev/shm", "/var/tmp" };
	char path[PATH_MAX];
	struct dirent *de;
	size_t i;
	DIR *d;

	for (i = 0; i < ARRAY_SIZE(bases); i++) {
		if (!bases[i] || !*bases[i])
			continue;
		d = opendir(bases[i]);
		if (!d)
			continue;
		while ((de = readdir(d))) {
			if (pfc_name_owner(de->d_name) < 0 ||
			    de->d_type != DT_DIR)
				continue;
			if (skip_live("scratch dir", de->d_name, force, out))
				continue;
			snprintf(path, sizeof(path), "%s/%s", bases[i],
				 de->d_name);
			/* a crashed run's private mounts died with it */
			if (nftw(path, rm_entry, 8,
				 FTW_DEPTH | FTW_PHYS | FTW_MOUNT)) {
				fprintf(out, "  cannot remove %s: %s\n", path,
					strerror(errno));
				(*failed)++;
				continue;
			}
			fprintf(out, "  removed scratch dir %s\n", path);
			(*removed)++;
		}
		closedir(d);
	}
}

/*
 * 'procflushctl cleanup': remove every kprobe event and instance with
 * the pfc_ prefix whose run is gone, and stale scratch directories.
 * Force-destroy is fine here: nothing is timed.
 */
int pfc_cleanup_leftovers(struct pfc_ctx *ctx, bool force, FILE *out)
{
	struct tracefs_dynevent **evs;
	unsigned int removed = 0, failed = 0;
	char **inst;
	int i, ret;

	evs = pfc_lib.dynevent_get_all(TRACEFS_DYNEVENT_KPROBE |
				       TRACEFS_DYNEVENT_KRETPROBE, NULL);
	for (i = 0; evs && evs[i]; i++) {
		char *sys = NULL, *ev = NULL, *prefix = NULL;
		char *addr = NULL, *fmt = NULL;
		const char *owner;

		pfc_lib.dynevent_info(evs[i], &sys, &ev, &prefix, &addr, &fmt);
		owner = pfc_name_is_ours(ev) ? ev :
			pfc_name_is_ours(sys) ? sys : NULL;
		/* 1.6.4 also lists uprobes here; ours are never uprobes */
		if (owner && addr && !strchr(addr, '/') &&
		    !skip_live("kprobe event", owner, force, out)) {
			ret = pfc_kp_remove(ctx, sys ? sys : "kprobes", ev);
			if (ret) {
				fprintf(out, "  cannot remove kprobe event %s/%s: %s\n",
					sys, ev, strerror(-ret));
				failed++;
			} else {
				fprintf(out, "  removed kprobe event %s/%s\n",
					sys, ev);
				removed++;
			}
		}
		free(sys);
		free(ev);
		free(prefix);
		free(addr);
		free(fmt);
	}
	pfc_lib.dynevent_list_free(evs);

	inst = pfc_lib.instances("^" PFC_PREFIX);
	for (i = 0; inst && inst[i]; i++) {
		if (skip_live("instance", inst[i], force, out))
			continue;
		ret = pfc_inst_remove(inst[i]);
		if (ret) {
			fprintf(out, "  cannot remove instance %s: %s\n",
				inst[i], strerror(-ret));
			failed++;
		} else {
			fprintf(out, "  removed instance %s\n", inst[i]);
			removed++;
		}
	}
	pfc_lib.list_free(inst);

	cleanup_scratch(force, out, &removed, &failed);
	fprintf(out, "procflushctl cleanup: %u removed, %u could not be removed\n",
		removed, failed);
	return failed ? PFC_EXIT_ENV : PFC_EXIT_PASS;
}
