// SPDX-License-Identifier: GPL-2.0-only
/*
 * Child tasks.  Children of this multi-threaded process only make
 * async-signal-safe calls between fork() and _exit().  Each asks to
 * be killed if procflushctl dies, and is registered for cleanup.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "exechelper.h"
#include "fsops.h"
#include "proctask.h"
#include "scenario.h"
#include "sig.h"
#include "util.h"

static void child_common(void)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	pfc_sig_child_reset();
}

static void reg_child(struct pfc_ctx *ctx, pid_t pid)
{
	pfc_reg_add(ctx->reg, PFC_OBJ_CHILD, "child", NULL, pid);
}

pid_t pfc_spawn_short(struct pfc_ctx *ctx, struct pfc_stats *st,
		      uint64_t sleep_ns)
{
	struct timespec ts = {
		.tv_sec = sleep_ns / NSEC_PER_SEC,
		.tv_nsec = sleep_ns % NSEC_PER_SEC,
	};
	uint64_t t = pfc_now_ns();
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		child_common();
		if (sleep_ns)
			nanosleep(&ts, NULL);
		_exit(0);
	}
	pfc_stats_record(st, PFC_OP_SPAWN, pfc_now_ns() - t,
			 pid < 0 ? -errno : 0);
	if (pid > 0)
		reg_child(ctx, pid);
	return pid < 0 ? -errno : pid;
}

static int switch_user(uid_t uid)
{
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid))
		return -1;
	return 0;
}

/* A long-lived task of another user, for the hidepid check */
pid_t pfc_spawn_victim(struct pfc_ctx *ctx, uid_t uid)
{
	pid_t pid = fork();

	if (pid == 0) {
		child_common();
		if (switch_user(uid))
			_exit(1);
		for (;;)
			pause();
	}
	if (pid > 0)
		reg_child(ctx, pid);
	return pid < 0 ? -errno : pid;
}

/* async-signal-safe helpers for the checker */
static char *put_str(char *d, const char *s)
{
	while (*s)
		*d++ = *s++;
	*d = '\0';
	return d;
}

static char *put_int(char *d, long v)
{
	char tmp[24];
	int n = 0;

	if (v < 0) {
		*d++ = '-';
		v = -v;
	}
	do {
		tmp[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	while (n)
		*d++ = tmp[--n];
	*d = '\0';
	return d;
}

static long parse_pid(const char *s)
{
	long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

struct listed_arg {
	const pid_t *victims;
	int nr;
	int listed;
};

static void listed_cb(const char *name, unsigned char type, void *arg)
{
	struct listed_arg *a = arg;
	long pid = parse_pid(name);
	int i;

	for (i = 0; pid > 0 && i < a->nr; i++)
		a->listed += pid == a->victims[i];
}

/* How many victims a listing of procdir shows (async-signal-safe) */
static int count_listed(const char *procdir, const pid_t *victims, int nr,
			char *buf, size_t len)
{
	struct listed_arg a = { victims, nr, 0 };
	int fd;

	fd = open(procdir, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return 0;
	pfc_getdents_raw(fd, buf, len, listed_cb, &a);
	close(fd);
	return a.listed;
}

static void checker_run(const char *procdir, const pid_t *victims, int nr,
			int checks, int wfd)
{
	struct pfc_hidepid_result r = { 0 };
	struct timespec ts = { 0, 5 * 1000 * 1000 };
	char path[4096], buf[8192] __aligned(8);
	struct stat sb;
	int c, i;

	if (switch_user(PFC_CHECKER_UID)) {
		r.checks = -1;
		r.err = errno;
		goto out;
	}
	for (c = 0; c < checks; c++) {
		for (i = 0; i < nr; i++) {
			put_int(put_str(put_str(path, procdir), "/"),
				victims[i]);
			if (!stat(path, &sb))
				r.visible++;
		}
		put_int(put_str(put_str(path, procdir), "/"), getpid());
		if (!stat(path, &sb))
			r.self_ok++;
		r.listed += count_listed(procdir, victims, nr, buf,
					 sizeof(buf));
		r.checks++;
		nanosleep(&ts, NULL);
	}
out:
	if (write(wfd, &r, sizeof(r)) != sizeof(r))
		_exit(2);
	_exit(0);
}

/*
 * A task running as PFC_CHECKER_UID that looks for the victims in a
 * hidepid=invisible instance; its findings arrive on *rfd.
 */
pid_t pfc_spawn_hidepid_checker(struct pfc_ctx *ctx, const char *procdir,
				const pid_t *victims, int nr, int checks,
				int *rfd)
{
	int p[2];
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid == 0) {
		child_common();
		close(p[0]);
		checker_run(procdir, victims, nr, checks, p[1]);
	}
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return -errno;
	}
	reg_child(ctx, pid);
	*rfd = p[0];
	return pid;
}

/* fd as target in a forked child (async-signal-safe) */
static int child_move_fd(int fd, int target)
{
	if (fd == target)
		return fcntl(fd, F_SETFD, 0);	/* only drop O_CLOEXEC */
	return dup2(fd, target) < 0 ? -1 : 0;
}

/*
 * exec-storm's child: procflushctl itself (/proc/self/exe) in helper
 * mode with nthreads threads.  It writes its tids to *rfd and waits
 * for the go byte on *wfd.  Returns the pid or -errno.
 */
pid_t pfc_spawn_exec_helper(struct pfc_ctx *ctx, struct pfc_stats *st,
			    unsigned int nthreads, int *rfd, int *wfd)
{
	int out[2], in[2], a, b;
	char nthr[16];
	char *argv[4];
	uint64_t t = pfc_now_ns();
	pid_t pid;

	snprintf(nthr, sizeof(nthr), "%u", nthreads);
	argv[0] = "procflushctl";
	argv[1] = PFC_EXEC_HELPER_ARG;
	argv[2] = nthr;
	argv[3] = NULL;
	if (pipe2(out, O_CLOEXEC))
		return -errno;
	if (pipe2(in, O_CLOEXEC)) {
		close(out[0]);
		close(out[1]);
		return -errno;
	}
	pid = fork();
	if (pid == 0) {
		child_common();
		/* out of the way of fds 3 and 4 first */
		a = fcntl(out[1], F_DUPFD_CLOEXEC, 10);
		b = fcntl(in[0], F_DUPFD_CLOEXEC, 10);
		if (a < 0 || b < 0 || child_move_fd(a, PFC_EXEC_FD_OUT) ||
		    child_move_fd(b, PFC_EXEC_FD_IN))
			_exit(PFC_EXEC_ERR_PIPE);
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	a = pid < 0 ? -errno : 0;
	pfc_stats_record(st, PFC_OP_SPAWN, pfc_now_ns() - t, a);
	close(out[1]);
	close(in[0]);
	if (pid < 0) {
		close(out[0]);
		close(in[1]);
		return a;
	}
	reg_child(ctx, pid);
	*rfd = out[0];
	*wfd = in[1];
	return pid;
}

int pfc_reap(struct pfc_ctx *ctx, struct pfc_stats *st, pid_t pid,
	     uint64_t *done_ns)
{
	uint64_t t = pfc_now_ns();
	pid_t r;
	int ret;

	do {
		r = waitpid(pid, NULL, 0);
	} while (r < 0 && errno == EINTR && !pfc_sig_urgent());
	ret = r < 0 ? -errno : 0;
	*done_ns = pfc_now_ns();
	if (st)
		pfc_stats_record(st, PFC_OP_REAP, *done_ns - t, ret);
	pfc_reg_del(ctx->reg, PFC_OBJ_CHILD, "child", pid);
	return ret;
}

void pfc_kill_reap(struct pfc_ctx *ctx, pid_t pid)
{
	uint64_t done;

	if (pid <= 0)
		return;
	kill(pid, SIGKILL);
	pfc_reap(ctx, NULL, pid, &done);
}

/*
 * Run a command in its own process group with output to out_path,
 * killing the whole group on timeout or interruption.  Returns 0 with
 * the wait status in *status, or -ETIMEDOUT, -EINTR, -errno.
 */
int pfc_run_cmd(struct pfc_ctx *ctx, struct pfc_stats *st,
		char *const argv[], const char *out_path, uint64_t timeout_ns,
		int *status)
{
	uint64_t t = pfc_now_ns();
	int ret = 0, fd;
	pid_t pid, r;

	pid = fork();
	if (pid == 0) {
		child_common();
		setpgid(0, 0);
		fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		fd = open("/dev/null", O_RDONLY);
		if (fd >= 0)
			dup2(fd, 0);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0) {
		ret = -errno;
		pfc_stats_record(st, PFC_OP_EXEC, pfc_now_ns() - t, ret);
		return ret;
	}
	setpgid(pid, pid);
	reg_child(ctx, pid);
	for (;;) {
		r = waitpid(pid, status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0 && errno != EINTR) {
			ret = -errno;
			break;
		}
		if (pfc_interrupted() || pfc_now_ns() - t > timeout_ns) {
			ret = pfc_interrupted() ? -EINTR : -ETIMEDOUT;
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			while (waitpid(pid, status, 0) < 0 && errno == EINTR &&
			       !pfc_sig_urgent())
				;
			break;
		}
		pfc_sleep_ns(10 * NSEC_PER_MSEC);
	}
	/* stragglers of the command's group (trace-cmd's recorders) */
	kill(-pid, SIGKILL);
	pfc_reg_del(ctx->reg, PFC_OBJ_CHILD, "child", pid);
	pfc_stats_record(st, PFC_OP_EXEC, pfc_now_ns() - t, ret);
	return ret;
}
