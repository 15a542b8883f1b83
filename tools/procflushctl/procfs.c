// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mount namespace and mounts.  procflushctl unshares its mount
 * namespace at start and makes every mount private, so whatever it
 * mounts is invisible to the rest of the system and disappears with
 * the process even if it is killed.  It still unmounts everything
 * itself on every exit path.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "names.h"
#include "procfs.h"
#include "scenario.h"
#include "util.h"

int pfc_private_ns(char *err, size_t len)
{
	if (unshare(CLONE_NEWNS)) {
		snprintf(err, len, "unshare(CLONE_NEWNS): %s",
			 strerror(errno));
		return -errno;
	}
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL)) {
		snprintf(err, len, "making / rprivate: %s", strerror(errno));
		return -errno;
	}
	return 0;
}

/*
 * A directory this run makes, registered first.  One that exists
 * already is not ours: -EEXIST, and it is neither registered nor ever
 * removed.
 */
int pfc_mkdir(struct pfc_ctx *ctx, const char *path)
{
	int ret = pfc_reg_add(ctx->reg, PFC_OBJ_DIR, path, NULL, 0);

	if (ret)
		return ret;
	if (mkdir(path, 0755)) {
		ret = -errno;
		pfc_reg_del(ctx->reg, PFC_OBJ_DIR, path, 0);
	}
	return ret;
}

/* Remove a directory pfc_mkdir() made; any other one is left alone */
int pfc_rmdir(struct pfc_ctx *ctx, const char *path)
{
	int ret;

	if (pfc_reg_del(ctx->reg, PFC_OBJ_DIR, path, 0))
		return -ENOENT;
	if (rmdir(path) && errno != ENOENT) {
		ret = -errno;
		/* still there: cleanup tries again */
		pfc_reg_add(ctx->reg, PFC_OBJ_DIR, path, NULL, 0);
		return ret;
	}
	return 0;
}

/*
 * The marker file under the scratch tmpfs: it names the run, so that
 * 'cleanup' removes only directories a run really made.
 */
static int scratch_marker(struct pfc_ctx *ctx, const char *dir)
{
	char path[PATH_MAX], id[PFC_RUN_ID_LEN + 2];
	int fd, ret = 0;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, PFC_SCRATCH_MARKER);
	ret = pfc_reg_add(ctx->reg, PFC_OBJ_FILE, path, NULL, 0);
	if (ret)
		return ret;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		ret = -errno;
		pfc_reg_del(ctx->reg, PFC_OBJ_FILE, path, 0);
		return ret;
	}
	snprintf(id, sizeof(id), "%s\n", ctx->names.run_id);
	n = write(fd, id, strlen(id));
	if (n != (ssize_t)strlen(id))
		ret = n < 0 ? -errno : -EIO;
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}

static void scratch_undo(struct pfc_ctx *ctx, const char *dir)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", dir, PFC_SCRATCH_MARKER);
	if (!unlink(path) || errno == ENOENT)
		pfc_reg_del(ctx->reg, PFC_OBJ_FILE, path, 0);
	pfc_rmdir(ctx, dir);
}

/*
 * A private scratch directory with a tmpfs on it (the guest's root
 * may be read-only, and nothing we put there should outlive us).
 */
int pfc_scratch_create(struct pfc_ctx *ctx, char *out, size_t len,
		       char *err, size_t elen)
{
	const char *const bases[] = { getenv("TMPDIR"), "/tmp", "/run",
				      "/dev/shm", "/var/tmp" };
	int last = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bases); i++) {
		if (!bases[i] || !*bases[i])
			continue;
		snprintf(out, len, "%s/%sXXXXXX", bases[i], ctx->names.prefix);
		if (!mkdtemp(out)) {
			last = errno;
			continue;
		}
		if (pfc_reg_add(ctx->reg, PFC_OBJ_DIR, out, NULL, 0)) {
			rmdir(out);
			last = ENOMEM;
			continue;
		}
		last = -scratch_marker(ctx, out);
		if (last) {
			scratch_undo(ctx, out);
			continue;
		}
		pfc_reg_add(ctx->reg, PFC_OBJ_MOUNT, out, NULL, 0);
		if (mount("pfc_scratch", out, "tmpfs",
			  MS_NOSUID | MS_NODEV, "mode=0755,size=64m")) {
			last = errno;
			pfc_reg_del(ctx->reg, PFC_OBJ_MOUNT, out, 0);
			scratch_undo(ctx, out);
			continue;
		}
		return 0;
	}
	snprintf(err, elen,
		 "cannot create a private scratch tmpfs under $TMPDIR, /tmp, /run or /dev/shm: %s",
		 strerror(last));
	return -last;
}

int pfc_mount_proc(struct pfc_ctx *ctx, struct pfc_stats *st,
		   const char *path, const char *opts)
{
	uint64_t t;
	int ret;

	ret = pfc_reg_add(ctx->reg, PFC_OBJ_MOUNT, path, NULL, 0);
	if (ret)
		return ret;
	t = pfc_now_ns();
	ret = mount("proc", path, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC,
		    opts && *opts ? opts : NULL) ? -errno : 0;
	pfc_stats_record(st, PFC_OP_MOUNT, pfc_now_ns() - t, ret);
	if (ret)
		pfc_reg_del(ctx->reg, PFC_OBJ_MOUNT, path, 0);
	return ret;
}

int pfc_umount(struct pfc_ctx *ctx, struct pfc_stats *st, const char *path,
	       int flags, uint64_t *done_ns)
{
	uint64_t t = pfc_now_ns();
	int ret = umount2(path, flags) ? -errno : 0;
	uint64_t done = pfc_now_ns();

	if (st)
		pfc_stats_record(st, PFC_OP_UMOUNT, done - t, ret);
	if (done_ns)
		*done_ns = done;
	if (!ret || ret == -EINVAL)	/* EINVAL: not mounted any more */
		pfc_reg_del(ctx->reg, PFC_OBJ_MOUNT, path, 0);
	return ret;
}

/* The mount options of the procfs instances: --proc-opts, or defs */
const char *const *pfc_proc_opts(const struct pfc_opts *o,
				 const char *const *defs, unsigned int ndefs,
				 unsigned int *n)
{
	if (o->nr_proc_opts) {
		*n = o->nr_proc_opts;
		return o->proc_opts;
	}
	*n = ndefs;
	return defs;
}

/*
 * The procfs instances of proc-storm and exec-storm: min(max,
 * --proc-instances) instances at SCRATCH/<tag><i>, mounted with the
 * options of pfc_proc_opts(), cycling.  Each mount point is made here
 * and, like its mount, registered before it is created.  On a failure
 * the mount point just made is removed again, the scenario gets an
 * environment error and -errno is returned; the instances mounted
 * before it (*nr) are left for pfc_umount_proc_instances(), and the
 * registry removes whatever an interrupted run leaves.  Nothing this
 * run did not create is removed (see pfc_mkdir()).
 */
int pfc_mount_proc_instances(struct pfc_ctx *ctx, char inst[][PATH_MAX],
			     unsigned int max, const char *tag,
			     const char *const *defs, unsigned int ndefs,
			     unsigned int *nr)
{
	const char *const *opts;
	unsigned int nopts, i;
	const char *mo;
	int ret;

	*nr = 0;
	opts = pfc_proc_opts(ctx->opts, defs, ndefs, &nopts);
	for (i = 0; i < ctx->opts->proc_instances && i < max; i++) {
		mo = opts[i % nopts];
		snprintf(inst[i], PATH_MAX, "%s/%s%u", ctx->scratch, tag, i);
		ret = pfc_mkdir(ctx, inst[i]);
		if (!ret) {
			ret = pfc_mount_proc(ctx, &ctx->res->stats, inst[i], mo);
			if (ret)
				pfc_rmdir(ctx, inst[i]);
		}
		if (ret) {
			pfc_env_error(ctx, "mounting procfs at %s with '%s' failed: %s",
				      inst[i], mo, strerror(-ret));
			return ret;
		}
		*nr = i + 1;
	}
	return 0;
}

/* Unmount and remove what pfc_mount_proc_instances() made, newest first */
void pfc_umount_proc_instances(struct pfc_ctx *ctx, char inst[][PATH_MAX],
			       unsigned int nr)
{
	while (nr-- > 0) {
		pfc_umount(ctx, &ctx->res->stats, inst[nr], MNT_DETACH, NULL);
		pfc_rmdir(ctx, inst[nr]);
	}
}
