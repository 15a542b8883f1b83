// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/<pid> dentries of a task that has been reaped must be gone from
 * every procfs instance, whatever its mount options, and must not pile up
 * in the dcache; /proc/self and /proc/thread-self must keep resolving to
 * the caller in every thread, and keep their times when their dentries are
 * reclaimed; mounting or unmounting procfs instances while tasks come and
 * go must be safe; and the files of an unregistered sysctl table must be
 * reported deleted to their watchers.
 *
 * Each test runs in a private mount namespace with three procfs instances
 * mounted on temporary directories: a plain one, one with
 * hidepid=invisible and one with subset=pid.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <poll.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>

#include "../kselftest_harness.h"

#define NR_INST		3
#define DIR_LEN		64
#define PATH_LEN	(DIR_LEN + 64)

/* Tasks looked up and reaped by reaped_tasks_leave_no_dentries */
#define NR_CHURN_TASKS	1000
/* Dentries that may remain after that (a leak costs 12 per task) */
#define CHURN_BOUND	(NR_CHURN_TASKS / 10)

static const char * const inst_opts[NR_INST] = {
	"", "hidepid=invisible", "subset=pid",
};

/* Taint bits that mean the kernel splatted: B (bad page, KASAN), D, W, L */
#define SPLAT_TAINTS	((1UL << 5) | (1UL << 7) | (1UL << 9) | (1UL << 14))

static pid_t sys_gettid(void)
{
	return syscall(SYS_gettid);
}

/* 0 if @path can be stat()ed, else errno */
static int stat_err(const char *path)
{
	struct stat st;

	return stat(path, &st) ? errno : 0;
}

/* First field of /proc/sys/fs/dentry-state, -1 on error */
static long nr_dentry(void)
{
	long nr = -1;
	FILE *f;

	f = fopen("/proc/sys/fs/dentry-state", "r");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &nr) != 1)
		nr = -1;
	fclose(f);
	return nr;
}

static unsigned long read_taint(void)
{
	unsigned long t = 0;
	FILE *f;

	f = fopen("/proc/sys/kernel/tainted", "r");
	if (!f)
		return 0;
	if (fscanf(f, "%lu", &t) != 1)
		t = 0;
	fclose(f);
	return t;
}

static void drop_dcache(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	ssize_t r;

	if (fd < 0)
		return;
	/* best effort: it only makes the baseline quieter */
	r = write(fd, "2", 1);
	(void)r;
	close(fd);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * nr_dentry once it is within @bound of @before, or after 5 s: deferred
 * work gets a moment, the dcache is not shrunk.
 */
static long nr_dentry_settled(long before, long bound)
{
	double deadline = now() + 5;
	long after;

	do {
		after = nr_dentry();
		if (after - before <= bound)
			break;
		sleep_ms(100);
	} while (now() < deadline);
	return after;
}

/* A child that just waits to be killed */
static pid_t spawn_sleeper(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		for (;;)
			pause();
	}
	return pid;
}

static int kill_and_reap(pid_t pid)
{
	int status;

	if (kill(pid, SIGKILL))
		return -1;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL ? 0 : -1;
}

FIXTURE(procfs) {
	char dir[NR_INST][DIR_LEN];
	char cycle_dir[DIR_LEN];
	bool made[NR_INST], mounted[NR_INST], cycle_made;
};

static void procfs_cleanup(struct _test_data_procfs *self)
{
	int i;

	for (i = 0; i < NR_INST; i++) {
		if (self->mounted[i])
			umount2(self->dir[i], MNT_DETACH);
		self->mounted[i] = false;
		if (self->made[i])
			rmdir(self->dir[i]);
		self->made[i] = false;
	}
	if (self->cycle_made) {
		umount2(self->cycle_dir, MNT_DETACH);
		rmdir(self->cycle_dir);
		self->cycle_made = false;
	}
}

FIXTURE_SETUP(procfs)
{
	int i;

	if (geteuid() != 0)
		SKIP(return, "must be run as root");
	if (unshare(CLONE_NEWNS))
		SKIP(return, "unshare(CLONE_NEWNS) not permitted: %s",
		     strerror(errno));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
		TH_LOG("making / private: %s", strerror(errno));

	for (i = 0; i < NR_INST; i++) {
		snprintf(self->dir[i], DIR_LEN, "/tmp/proc-dcache-flush.XXXXXX");
		if (!mkdtemp(self->dir[i])) {
			int err = errno;

			procfs_cleanup(self);
			ASSERT_EQ(0, err) TH_LOG("mkdtemp: %s", strerror(err));
		}
		self->made[i] = true;
		if (mount("proc", self->dir[i], "proc",
			  MS_NOSUID | MS_NODEV | MS_NOEXEC, inst_opts[i])) {
			int err = errno;

			procfs_cleanup(self);
			if (err == EPERM)
				SKIP(return, "mounting procfs not permitted");
			ASSERT_EQ(0, err)
				TH_LOG("mount -t proc -o '%s': %s",
				       inst_opts[i], strerror(err));
		}
		self->mounted[i] = true;
	}
	snprintf(self->cycle_dir, DIR_LEN, "/tmp/proc-dcache-flush.XXXXXX");
	if (!mkdtemp(self->cycle_dir)) {
		int err = errno;

		/* the teardown does not run for a setup that fails */
		procfs_cleanup(self);
		ASSERT_EQ(0, err) TH_LOG("mkdtemp: %s", strerror(err));
	}
	self->cycle_made = true;
}

FIXTURE_TEARDOWN(procfs)
{
	procfs_cleanup(self);
}

/* The per-task paths that get looked up; "%s" is the instance */
static int pid_path(char *buf, const char *dir, pid_t pid, int which)
{
	switch (which) {
	case 0:
		return snprintf(buf, PATH_LEN, "%s/%d", dir, pid);
	case 1:
		return snprintf(buf, PATH_LEN, "%s/%d/status", dir, pid);
	default:
		return snprintf(buf, PATH_LEN, "%s/%d/task/%d", dir, pid, pid);
	}
}

#define NR_PID_PATHS	3

/*
 * Look up /inst/<pid>, /inst/<pid>/status and /inst/<pid>/task/<pid> in
 * all instances.  Returns 0, or the errno of the first failed lookup with
 * its path in @failed.
 */
static int lookup_task(struct _test_data_procfs *self, pid_t pid, char *failed)
{
	char path[PATH_LEN];
	int i, p, err;

	for (i = 0; i < NR_INST; i++) {
		for (p = 0; p < NR_PID_PATHS; p++) {
			pid_path(path, self->dir[i], pid, p);
			err = stat_err(path);
			if (err) {
				snprintf(failed, PATH_LEN, "%s", path);
				return err;
			}
		}
	}
	return 0;
}

/*
 * After the task is reaped, every path must fail with ENOENT.  Returns 0,
 * or -1 with the offending path and the result of its lookup.
 */
static int check_task_gone(struct _test_data_procfs *self, pid_t pid,
			   char *failed, int *err)
{
	char path[PATH_LEN];
	int i, p;

	for (i = 0; i < NR_INST; i++) {
		for (p = 0; p < NR_PID_PATHS; p++) {
			pid_path(path, self->dir[i], pid, p);
			*err = stat_err(path);
			if (*err != ENOENT) {
				snprintf(failed, PATH_LEN, "%s", path);
				return -1;
			}
		}
	}
	return 0;
}

/* Does the root of @dir list @pid? */
static bool root_lists(const char *dir, pid_t pid)
{
	struct dirent *de;
	bool found = false;
	char name[16];
	DIR *d;

	snprintf(name, sizeof(name), "%d", pid);
	d = opendir(dir);
	if (!d)
		return false;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, name)) {
			found = true;
			break;
		}
	}
	closedir(d);
	return found;
}

/*
 * Number of entries other than "." and ".." a readdir of @fd returns, or
 * -errno if the readdir (or setting it up) fails.
 */
static int count_entries(int fd)
{
	struct dirent *de;
	int n = 0, err;
	DIR *d;

	fd = dup(fd);
	if (fd < 0)
		return -errno;
	d = fdopendir(fd);
	if (!d) {
		err = errno;
		close(fd);
		return -err;
	}
	rewinddir(d);	/* the offset is shared with the original fd */
	errno = 0;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	}
	err = errno;
	closedir(d);
	return err ? -err : n;
}

#define NR_REAP_TASKS	20

/*
 * Look up a live child in all instances (so its dentries are cached), keep
 * its /inst/<pid> directory open, reap it, and check that nothing of it
 * can be reached any more, by path, relative to the open directory, or
 * by readdir.
 */
TEST_F(procfs, reaped_task_gone_from_all_instances)
{
	pid_t pids[NR_REAP_TASKS];
	char path[PATH_LEN], dpath[PATH_LEN];
	int dfd[NR_INST];
	unsigned long taint = read_taint();
	struct stat st;
	int n, i, err, n_ent;

	for (n = 0; n < NR_REAP_TASKS; n++) {
		pid_t pid = spawn_sleeper();
		int open_err = 0, nr_live = 1;

		ASSERT_GT(pid, 0);
		pids[n] = pid;

		err = lookup_task(self, pid, path);
		for (i = 0; i < NR_INST; i++) {
			pid_path(dpath, self->dir[i], pid, 0);
			dfd[i] = open(dpath, O_RDONLY | O_DIRECTORY);
			if (dfd[i] < 0 && !open_err)
				open_err = errno;
			if (dfd[i] >= 0 && (fstatat(dfd[i], "status", &st, 0) ||
					    count_entries(dfd[i]) <= 0))
				nr_live = 0;
		}
		/* Reap it before any assertion can bail out */
		ASSERT_EQ(0, kill_and_reap(pid));
		ASSERT_EQ(0, err)
			TH_LOG("live task: %s: %s", path, strerror(err));
		ASSERT_EQ(0, open_err)
			TH_LOG("open /inst/%d: %s", pid, strerror(open_err));
		ASSERT_TRUE(nr_live)
			TH_LOG("/inst/%d of a live task not usable via its dir fd", pid);

		ASSERT_EQ(0, check_task_gone(self, pid, path, &err))
			TH_LOG("%s after reap: %s", path,
			       err ? strerror(err) : "still there");
		for (i = 0; i < NR_INST; i++) {
			/* ENOENT, or ESRCH on kernels that report the dead task */
			err = fstatat(dfd[i], "status", &st, 0) ? errno : 0;
			ASSERT_TRUE(err == ENOENT || err == ESRCH)
				TH_LOG("%s/%d/status via an open dir fd after reap: %s",
				       self->dir[i], pid,
				       err ? strerror(err) : "still there");
			EXPECT_EQ(-1, faccessat(dfd[i], "task", F_OK, 0));
			/* nothing listed, or the dead task reported */
			n_ent = count_entries(dfd[i]);
			EXPECT_TRUE(n_ent == 0 || n_ent == -ENOENT || n_ent == -ESRCH)
				TH_LOG("%s/%d: readdir of the open dir after reap: %s",
				       self->dir[i], pid,
				       n_ent < 0 ? strerror(-n_ent) : "lists entries");
			close(dfd[i]);
		}
	}

	for (i = 0; i < NR_INST; i++) {
		for (n = 0; n < NR_REAP_TASKS; n++) {
			EXPECT_FALSE(root_lists(self->dir[i], pids[n]))
				TH_LOG("%s lists reaped pid %d",
				       self->dir[i], pids[n]);
		}
	}
	EXPECT_EQ(0UL, (read_taint() & ~taint) & SPLAT_TAINTS)
		TH_LOG("the kernel got tainted: %#lx", read_taint());
}

struct waiter {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pid_t tid;
	bool go;
};

static void *parked_thread(void *arg)
{
	struct waiter *w = arg;

	pthread_mutex_lock(&w->lock);
	w->tid = sys_gettid();
	pthread_cond_broadcast(&w->cond);
	while (!w->go)
		pthread_cond_wait(&w->cond, &w->lock);
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

#define NR_THREAD_PATHS	4

static void thread_path(char *buf, const char *dir, pid_t pid, pid_t tid,
			int which)
{
	switch (which) {
	case 0:
		snprintf(buf, PATH_LEN, "%s/%d/task/%d", dir, pid, tid);
		break;
	case 1:
		snprintf(buf, PATH_LEN, "%s/%d/task/%d/status", dir, pid, tid);
		break;
	case 2:
		snprintf(buf, PATH_LEN, "%s/%d", dir, tid);
		break;
	default:
		snprintf(buf, PATH_LEN, "%s/%d/status", dir, tid);
		break;
	}
}

/*
 * Same for a thread that exits (and is reaped by the kernel): its
 * /inst/<pid>/task/<tid> and its hidden /inst/<tid> entries must go.
 */
TEST_F(procfs, exited_thread_gone_from_all_instances)
{
	struct waiter w = {
		.lock = PTHREAD_MUTEX_INITIALIZER,
		.cond = PTHREAD_COND_INITIALIZER,
	};
	char path[PATH_LEN];
	pid_t pid = getpid();
	pthread_t th;
	int round, i, p, err = 0;
	double deadline;

	for (round = 0; round < 10; round++) {
		w.tid = 0;
		w.go = false;
		ASSERT_EQ(0, pthread_create(&th, NULL, parked_thread, &w));
		pthread_mutex_lock(&w.lock);
		while (!w.tid)
			pthread_cond_wait(&w.cond, &w.lock);
		pthread_mutex_unlock(&w.lock);

		for (i = 0; i < NR_INST; i++) {
			for (p = 0; p < NR_THREAD_PATHS; p++) {
				thread_path(path, self->dir[i], pid, w.tid, p);
				err = stat_err(path);
				if (err)
					break;
			}
			if (err)
				break;
		}

		pthread_mutex_lock(&w.lock);
		w.go = true;
		pthread_cond_broadcast(&w.cond);
		pthread_mutex_unlock(&w.lock);
		ASSERT_EQ(0, pthread_join(th, NULL));
		ASSERT_EQ(0, err)
			TH_LOG("live thread: %s: %s", path, strerror(err));

		/*
		 * pthread_join() returns once the thread cleared its tid,
		 * which is a little before the kernel releases the task.
		 */
		deadline = now() + 10;
		do {
			for (i = 0; i < NR_INST; i++) {
				for (p = 0; p < NR_THREAD_PATHS; p++) {
					thread_path(path, self->dir[i], pid,
						    w.tid, p);
					err = stat_err(path);
					if (err != ENOENT)
						break;
				}
				if (err != ENOENT)
					break;
			}
			if (err == ENOENT)
				break;
			sleep_ms(10);
		} while (now() < deadline);
		ASSERT_EQ(ENOENT, err)
			TH_LOG("%s after the thread exited: %s", path,
			       err ? strerror(err) : "still there");
	}
}

/*
 * Look up NR_CHURN_TASKS short-lived tasks in all three instances and
 * reap them: the dcache must come back to where it was.
 */
TEST_F_TIMEOUT(procfs, reaped_tasks_leave_no_dentries, 900)
{
	char path[PATH_LEN];
	long before, after, residual;
	int n, i, err;

	before = nr_dentry();
	if (before < 0)
		SKIP(return, "/proc/sys/fs/dentry-state not readable");

	/* Once, before the baseline; then warm up the paths used below */
	drop_dcache();
	for (n = 0; n < NR_CHURN_TASKS + 20; n++) {
		pid_t pid;

		if (n == 20)
			before = nr_dentry();

		pid = spawn_sleeper();
		ASSERT_GT(pid, 0);
		err = lookup_task(self, pid, path);
		ASSERT_EQ(0, kill_and_reap(pid));
		ASSERT_EQ(0, err)
			TH_LOG("live task: %s: %s", path, strerror(err));
		for (i = 0; i < NR_INST; i++) {
			pid_path(path, self->dir[i], pid, 0);
			err = stat_err(path);
			ASSERT_EQ(ENOENT, err)
				TH_LOG("%s after reap: %s", path,
				       err ? strerror(err) : "still there");
		}
	}

	after = nr_dentry_settled(before, CHURN_BOUND);
	residual = after - before;

	TH_LOG("nr_dentry before=%ld after=%ld residual=%ld bound=%d tasks=%d",
	       before, after, residual, CHURN_BOUND, NR_CHURN_TASKS);
	ASSERT_LE(residual, CHURN_BOUND)
		TH_LOG("%ld dentries stayed behind after %d tasks were reaped",
		       residual, NR_CHURN_TASKS);
}

/* Lookups raced against reaps by lookups_racing_reaps_leave_no_dentries */
#define NR_RACES	200
#define RACES_BOUND	(NR_RACES / 10)

struct race_lookup {
	const char *path;
	int started;
};

static void *race_lookup_fn(void *arg)
{
	struct race_lookup *rl = arg;
	struct stat st;

	__atomic_store_n(&rl->started, 1, __ATOMIC_RELEASE);
	/* Found or not: the reap decides */
	stat(rl->path, &st);
	return NULL;
}

/*
 * A lookup that builds /proc/<pid> while the task is reaped must not leave
 * a dentry behind: the reap's flush can run after the lookup found the
 * task and before the new dentry is in the dcache, where the flush cannot
 * see it (dcache_anchor_settle() unhashes it then, and procfs frees a dead
 * task's dentry at its last dput() in any case).  NR_RACES times, a thread
 * looks up a task, uncached, while the task is killed and reaped; the
 * dcache must come back to where it was.  Nothing here looks the tasks up
 * again, which would drop a stale dentry by revalidating it.
 */
TEST_F_TIMEOUT(procfs, lookups_racing_reaps_leave_no_dentries, 600)
{
	struct race_lookup rl;
	char path[PATH_LEN];
	long before, after, residual;
	pthread_t th;
	int n;

	before = nr_dentry();
	if (before < 0)
		SKIP(return, "/proc/sys/fs/dentry-state not readable");

	drop_dcache();
	for (n = 0; n < NR_RACES + 10; n++) {
		pid_t pid;

		if (n == 10)
			before = nr_dentry();
		pid = spawn_sleeper();
		ASSERT_GT(pid, 0);
		pid_path(path, self->dir[0], pid, 0);
		rl.path = path;
		rl.started = 0;
		ASSERT_EQ(0, pthread_create(&th, NULL, race_lookup_fn, &rl));
		while (!__atomic_load_n(&rl.started, __ATOMIC_ACQUIRE))
			sched_yield();
		/* Into the lookup, then the reap */
		sleep_ms(5);
		ASSERT_EQ(0, kill_and_reap(pid));
		ASSERT_EQ(0, pthread_join(th, NULL));
	}

	after = nr_dentry_settled(before, RACES_BOUND);
	residual = after - before;

	TH_LOG("nr_dentry before=%ld after=%ld residual=%ld bound=%d races=%d",
	       before, after, residual, RACES_BOUND, NR_RACES);
	ASSERT_LE(residual, RACES_BOUND)
		TH_LOG("%ld dentries stayed behind after %d lookups raced reaps",
		       residual, NR_RACES);
}

struct race_open {
	const char *path;
	int started;
	int fd;
};

static void *race_open_fn(void *arg)
{
	struct race_open *ro = arg;

	__atomic_store_n(&ro->started, 1, __ATOMIC_RELEASE);
	/* Opened or not: the reap decides */
	ro->fd = open(ro->path, O_RDONLY | O_DIRECTORY);
	return NULL;
}

/*
 * The same race, but the racing lookup keeps what it built: it opens
 * /proc/<pid>.  Once the task is reaped, every dentry of its directory
 * must be unhashed, whether the open completed before the reap's flush
 * (the flush invalidates it) or found the task before the flush and added
 * its dentry after it (dcache_anchor_settle() drops it): d_path() of the
 * open directory then says " (deleted)", as for an rmdir'ed one.  A
 * dentry left hashed would stay reachable until a later lookup
 * revalidated it, and would read as a live path meanwhile.  The task is
 * killed first and reaped while the open runs: a zombie is still found
 * by number, and the flush runs in the reap, here, so the open can be
 * inside its lookup when the flush comes.
 */
TEST_F_TIMEOUT(procfs, racing_opens_of_reaped_tasks_end_unhashed, 600)
{
	char path[PATH_LEN], link[PATH_LEN], target[PATH_LEN];
	char first[PATH_LEN] = "";
	int n, opened = 0, hashed = 0;
	struct race_open ro;
	pthread_t th;
	ssize_t r;

	for (n = 0; n < NR_RACES; n++) {
		pid_t pid = spawn_sleeper();
		siginfo_t si;

		ASSERT_GT(pid, 0);
		ASSERT_EQ(0, kill(pid, SIGKILL));
		/* A zombie, not reaped yet */
		ASSERT_EQ(0, waitid(P_PID, pid, &si, WEXITED | WNOWAIT));
		pid_path(path, self->dir[n % NR_INST], pid, 0);
		ro.path = path;
		ro.started = 0;
		ro.fd = -1;
		ASSERT_EQ(0, pthread_create(&th, NULL, race_open_fn, &ro));
		while (!__atomic_load_n(&ro.started, __ATOMIC_ACQUIRE))
			sched_yield();
		/*
		 * Into the lookup of the zombie, then the reap: after 1 to
		 * 30 ms, so that some reaps land inside the lookup (where
		 * that is depends on the machine) and some opens complete
		 * before them.
		 */
		sleep_ms(1 + n % 30);
		ASSERT_EQ(pid, waitpid(pid, NULL, 0));
		ASSERT_EQ(0, pthread_join(th, NULL));
		if (ro.fd < 0)
			continue;
		opened++;
		snprintf(link, sizeof(link), "/proc/self/fd/%d", ro.fd);
		r = readlink(link, target, sizeof(target) - 1);
		ASSERT_GT(r, 0);
		target[r] = 0;
		if (r < 10 || strcmp(target + r - 10, " (deleted)")) {
			if (!hashed++)
				snprintf(first, sizeof(first), "%s", target);
		}
		close(ro.fd);
	}

	TH_LOG("races=%d opened=%d still hashed after the reap=%d",
	       NR_RACES, opened, hashed);
	ASSERT_GT(opened, 0)
		TH_LOG("no open completed: the race was never run");
	ASSERT_EQ(0, hashed)
		TH_LOG("%d of %d directories of reaped tasks stayed hashed (first: %s)",
		       hashed, opened, first);
}

/*
 * Check that self and thread-self of every instance resolve to the
 * calling thread.  Returns 0, or -1 with a message in @msg.
 */
static int check_self(const struct _test_data_procfs *self, char *msg, size_t len)
{
	pid_t pid = getpid(), tid = sys_gettid();
	char path[PATH_LEN], buf[PATH_LEN], want[PATH_LEN];
	char comm[32] = "", got[32];
	ssize_t r;
	int i, fd, n;

	if (prctl(PR_GET_NAME, comm, 0, 0, 0))
		comm[0] = 0;

	for (i = 0; i < NR_INST; i++) {
		const char *d = self->dir[i];

		snprintf(path, sizeof(path), "%s/self", d);
		r = readlink(path, buf, sizeof(buf) - 1);
		if (r < 0) {
			snprintf(msg, len, "readlink %s: %s", path,
				 strerror(errno));
			return -1;
		}
		buf[r] = 0;
		snprintf(want, sizeof(want), "%d", pid);
		if (strcmp(buf, want)) {
			snprintf(msg, len, "%s -> %s, expected %s (tid %d)",
				 path, buf, want, tid);
			return -1;
		}

		snprintf(path, sizeof(path), "%s/thread-self", d);
		r = readlink(path, buf, sizeof(buf) - 1);
		if (r < 0) {
			snprintf(msg, len, "readlink %s: %s", path,
				 strerror(errno));
			return -1;
		}
		buf[r] = 0;
		snprintf(want, sizeof(want), "%d/task/%d", pid, tid);
		if (strcmp(buf, want)) {
			snprintf(msg, len, "%s -> %s, expected %s",
				 path, buf, want);
			return -1;
		}

		/* Follow them, too */
		snprintf(path, sizeof(path), "%s/self/status", d);
		if (stat_err(path)) {
			snprintf(msg, len, "stat %s: %s", path,
				 strerror(errno));
			return -1;
		}
		snprintf(path, sizeof(path), "%s/thread-self/stat", d);
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			snprintf(msg, len, "open %s: %s", path,
				 strerror(errno));
			return -1;
		}
		r = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (r > 0) {
			buf[r] = '\0';
			n = strtol(buf, NULL, 10);
		}
		if (r <= 0 || n != tid) {
			snprintf(msg, len, "%s does not start with tid %d",
				 path, tid);
			return -1;
		}
		if (comm[0]) {
			snprintf(path, sizeof(path), "%s/thread-self/comm", d);
			fd = open(path, O_RDONLY);
			if (fd < 0) {
				snprintf(msg, len, "open %s: %s", path,
					 strerror(errno));
				return -1;
			}
			r = read(fd, got, sizeof(got) - 1);
			close(fd);
			got[r > 0 ? r - 1 : 0] = 0;	/* strip the newline */
			if (strcmp(got, comm)) {
				snprintf(msg, len, "%s is '%s', expected '%s'",
					 path, got, comm);
				return -1;
			}
		}
	}
	return 0;
}

struct self_thread {
	const struct _test_data_procfs *self;
	pthread_barrier_t *start;
	int loops;
	int ret;
	char name[16];
	char msg[512];
};

static void *self_thread_fn(void *arg)
{
	struct self_thread *t = arg;
	int i;

	prctl(PR_SET_NAME, t->name, 0, 0, 0);
	if (t->start)
		pthread_barrier_wait(t->start);
	for (i = 0; i < t->loops; i++) {
		t->ret = check_self(t->self, t->msg, sizeof(t->msg));
		if (t->ret)
			break;
	}
	return NULL;
}

/*
 * self and thread-self of every instance, used first by the main thread,
 * then by other threads (one at a time and concurrently), by the main
 * thread again, and by a forked child.
 */
TEST_F(procfs, self_and_thread_self_in_all_instances)
{
	struct self_thread t[4];
	pthread_barrier_t start;
	char msg[512] = "";
	pthread_t th[4];
	int i, status;
	pid_t child;

	prctl(PR_SET_NAME, "pdf-main", 0, 0, 0);
	ASSERT_EQ(0, check_self(self, msg, sizeof(msg))) TH_LOG("%s", msg);

	/* Other threads, one after the other */
	for (i = 0; i < 2; i++) {
		memset(&t[i], 0, sizeof(t[i]));
		t[i].self = self;
		t[i].loops = 1;
		snprintf(t[i].name, sizeof(t[i].name), "pdf-seq%d", i);
		ASSERT_EQ(0, pthread_create(&th[i], NULL, self_thread_fn, &t[i]));
		ASSERT_EQ(0, pthread_join(th[i], NULL));
		ASSERT_EQ(0, t[i].ret) TH_LOG("%s: %s", t[i].name, t[i].msg);
	}

	/* Several threads at once, racing with the main thread */
	ASSERT_EQ(0, pthread_barrier_init(&start, NULL, 4));
	for (i = 0; i < 3; i++) {
		memset(&t[i], 0, sizeof(t[i]));
		t[i].self = self;
		t[i].start = &start;
		t[i].loops = 50;
		snprintf(t[i].name, sizeof(t[i].name), "pdf-par%d", i);
		ASSERT_EQ(0, pthread_create(&th[i], NULL, self_thread_fn, &t[i]));
	}
	pthread_barrier_wait(&start);
	for (i = 0; i < 50; i++)
		ASSERT_EQ(0, check_self(self, msg, sizeof(msg))) TH_LOG("%s", msg);
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, pthread_join(th[i], NULL));
		ASSERT_EQ(0, t[i].ret) TH_LOG("%s: %s", t[i].name, t[i].msg);
	}
	pthread_barrier_destroy(&start);

	/* The main thread again, after the others have gone */
	ASSERT_EQ(0, check_self(self, msg, sizeof(msg))) TH_LOG("%s", msg);

	/* A child process after its parent used them */
	child = fork();
	ASSERT_GE(child, 0);
	if (child == 0) {
		prctl(PR_SET_NAME, "pdf-child", 0, 0, 0);
		if (check_self(self, msg, sizeof(msg))) {
			fprintf(stderr, "# child: %s\n", msg);
			_exit(1);
		}
		_exit(0);
	}
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));

	/* And the main thread still sees itself */
	ASSERT_EQ(0, check_self(self, msg, sizeof(msg))) TH_LOG("%s", msg);
}

/*
 * self and thread-self report the same times after their dentries were
 * dropped and looked up again: the mount time, not the time of the latest
 * lookup (their inodes used to live as long as the mount).
 */
TEST_F(procfs, self_links_keep_their_times)
{
	static const char * const links[] = { "self", "thread-self" };
	struct stat before[NR_INST][2], after;
	char path[PATH_LEN];
	int i, l;

	for (i = 0; i < NR_INST; i++) {
		for (l = 0; l < 2; l++) {
			snprintf(path, sizeof(path), "%s/%s", self->dir[i], links[l]);
			ASSERT_EQ(0, lstat(path, &before[i][l]))
				TH_LOG("lstat %s: %s", path, strerror(errno));
		}
	}
	/* Longer than the coarse clock's tick, so a new inode would differ */
	sleep_ms(100);
	drop_dcache();
	for (i = 0; i < NR_INST; i++) {
		for (l = 0; l < 2; l++) {
			const struct stat *b = &before[i][l];

			snprintf(path, sizeof(path), "%s/%s", self->dir[i], links[l]);
			ASSERT_EQ(0, lstat(path, &after))
				TH_LOG("lstat %s: %s", path, strerror(errno));
			EXPECT_EQ(b->st_ino, after.st_ino)
				TH_LOG("%s: inode number changed", path);
			EXPECT_TRUE(b->st_mtim.tv_sec == after.st_mtim.tv_sec &&
				    b->st_mtim.tv_nsec == after.st_mtim.tv_nsec &&
				    b->st_ctim.tv_sec == after.st_ctim.tv_sec &&
				    b->st_ctim.tv_nsec == after.st_ctim.tv_nsec)
				TH_LOG("%s: mtime %ld.%09ld -> %ld.%09ld, ctime -> %ld.%09ld",
				       path, (long)b->st_mtim.tv_sec, b->st_mtim.tv_nsec,
				       (long)after.st_mtim.tv_sec, after.st_mtim.tv_nsec,
				       (long)after.st_ctim.tv_sec, after.st_ctim.tv_nsec);
		}
	}
}

struct churn_ctl {
	struct _test_data_procfs *self;
	int stop;		/* __atomic: set by the main thread */
	pid_t last_pid;		/* __atomic: last child forked */
	unsigned long forks;
	unsigned long lookups, found;
	int bad_errno;
	char bad_path[PATH_LEN];
	int ret;
};

/* Fork children that live for a moment and exit; reap them */
static void *forker_fn(void *arg)
{
	struct churn_ctl *c = arg;

	while (!__atomic_load_n(&c->stop, __ATOMIC_RELAXED)) {
		pid_t pid = fork();

		if (pid < 0) {
			c->ret = -errno;
			return NULL;
		}
		if (pid == 0) {
			struct timespec ts = { 0, 2000000 };

			nanosleep(&ts, NULL);
			_exit(0);
		}
		__atomic_store_n(&c->last_pid, pid, __ATOMIC_RELAXED);
		if (waitpid(pid, NULL, 0) != pid) {
			c->ret = -errno;
			return NULL;
		}
		c->forks++;
	}
	return NULL;
}

static void churn_lookup(struct churn_ctl *c, const char *dir, pid_t pid)
{
	char path[PATH_LEN];
	int p, err;

	for (p = 0; p < NR_PID_PATHS; p++) {
		pid_path(path, dir, pid, p);
		err = stat_err(path);
		c->lookups++;
		if (!err) {
			c->found++;
		} else if (err != ENOENT && err != ESRCH && !c->bad_errno) {
			c->bad_errno = err;
			snprintf(c->bad_path, sizeof(c->bad_path), "%s", path);
		}
	}
}

/* Look up the newest child in every instance, the cycled one included */
static void *looker_fn(void *arg)
{
	struct churn_ctl *c = arg;
	int i;

	while (!__atomic_load_n(&c->stop, __ATOMIC_RELAXED)) {
		pid_t pid = __atomic_load_n(&c->last_pid, __ATOMIC_RELAXED);

		if (!pid) {
			sched_yield();
			continue;
		}
		for (i = 0; i < NR_INST; i++)
			churn_lookup(c, c->self->dir[i], pid);
		churn_lookup(c, c->self->cycle_dir, pid);
	}
	return NULL;
}

/*
 * Mount and unmount a procfs instance over and over while children are
 * forked, looked up in all instances and reaped.  Nothing may fail in an
 * unexpected way, and the kernel must not warn (also watched for on the
 * console by whoever runs the test).
 */
TEST_F_TIMEOUT(procfs, mount_umount_while_tasks_exit, 300)
{
	struct churn_ctl c = { .self = self };
	struct churn_ctl mc = { .self = self };	/* main thread's lookups */
	unsigned long taint = read_taint();
	unsigned long cycles = 0, detached = 0;
	pthread_t forker, looker;
	double start = now();
	char path[PATH_LEN];

	ASSERT_EQ(0, pthread_create(&forker, NULL, forker_fn, &c));
	ASSERT_EQ(0, pthread_create(&looker, NULL, looker_fn, &c));

	while ((now() - start < 3 || cycles < 50) && now() - start < 60) {
		const char *opts = inst_opts[cycles % NR_INST];
		pid_t pid = __atomic_load_n(&c.last_pid, __ATOMIC_RELAXED);

		if (mount("proc", self->cycle_dir, "proc",
			  MS_NOSUID | MS_NODEV | MS_NOEXEC, opts)) {
			c.ret = -errno;
			break;
		}
		if (pid)
			churn_lookup(&mc, self->cycle_dir, pid);
		snprintf(path, sizeof(path), "%s/self/status", self->cycle_dir);
		stat_err(path);
		if (umount(self->cycle_dir)) {
			/* the looker may be walking it right now */
			if (errno != EBUSY ||
			    umount2(self->cycle_dir, MNT_DETACH)) {
				c.ret = -errno;
				break;
			}
			detached++;
		}
		cycles++;
	}

	__atomic_store_n(&c.stop, 1, __ATOMIC_RELAXED);
	pthread_join(looker, NULL);
	pthread_join(forker, NULL);

	TH_LOG("%lu mount cycles (%lu detached), %lu tasks, %lu/%lu + %lu/%lu lookups found",
	       cycles, detached, c.forks, c.found, c.lookups, mc.found,
	       mc.lookups);
	ASSERT_EQ(0, c.ret) TH_LOG("%s", strerror(-c.ret));
	ASSERT_EQ(0, c.bad_errno)
		TH_LOG("%s: unexpected %s", c.bad_path, strerror(c.bad_errno));
	ASSERT_EQ(0, mc.bad_errno)
		TH_LOG("%s: unexpected %s", mc.bad_path, strerror(mc.bad_errno));
	ASSERT_GE(cycles, 50UL);
	ASSERT_GT(c.forks, 0UL);
	ASSERT_GT(c.found + mc.found, 0UL);
	EXPECT_EQ(0UL, (read_taint() & ~taint) & SPLAT_TAINTS)
		TH_LOG("the kernel got tainted: %#lx", read_taint());
}

/*
 * exec storm: a process whose non-leader thread T (tid X) execs.  In
 * de_thread() T takes over the leader's pid N (exchange_tids()) and the
 * old leader, now holding X, is reaped.  A lookup of /proc/X that found
 * T just before the swap must not build /proc/X from pid N: /proc/X
 * would then show process N and, missed by X's flush, stay cached.
 */
struct exec_storm {
	struct _test_data_procfs *self;
	pid_t tid, tgid;		/* X and N of the current round */
	int stop;
	unsigned long reads, found;	/* stat files read, and found */
	unsigned long wrong;		/* stat of X named another pid */
	char wrong_path[PATH_LEN];
	char wrong_stat[64];
};

static void *exec_storm_thread(void *arg)
{
	int fd = (int)(long)arg;
	pid_t tid = sys_gettid();

	if (write(fd, &tid, sizeof(tid)) != sizeof(tid))
		_exit(1);
	/* Live as the process after the exec, while readers look at X */
	execl("/bin/sleep", "sleep", "0.05", (char *)NULL);
	_exit(127);
}

/* A process whose second thread reports its tid on @fd and execs */
static pid_t spawn_exec_storm_child(int fd)
{
	pid_t pid = fork();
	pthread_t t;

	if (pid)
		return pid;
	if (pthread_create(&t, NULL, exec_storm_thread, (void *)(long)fd))
		_exit(1);
	for (;;)
		pause();	/* de_thread() kills this thread */
}

/* Read @path; if it exists, its first field must be @expect */
static void exec_storm_check(struct exec_storm *es, const char *path,
			     pid_t expect)
{
	char buf[64];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	__atomic_add_fetch(&es->reads, 1, __ATOMIC_RELAXED);
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	__atomic_add_fetch(&es->found, 1, __ATOMIC_RELAXED);
	if (atoi(buf) != expect &&
	    __atomic_add_fetch(&es->wrong, 1, __ATOMIC_RELAXED) == 1) {
		snprintf(es->wrong_path, sizeof(es->wrong_path), "%s", path);
		snprintf(es->wrong_stat, sizeof(es->wrong_stat), "%.40s", buf);
	}
}

static void *exec_storm_reader(void *arg)
{
	struct exec_storm *es = arg;
	char path[PATH_LEN];
	pid_t tid, tgid;
	int i;

	while (!__atomic_load_n(&es->stop, __ATOMIC_RELAXED)) {
		tid = __atomic_load_n(&es->tid, __ATOMIC_ACQUIRE);
		tgid = __atomic_load_n(&es->tgid, __ATOMIC_RELAXED);
		if (!tid) {
			sched_yield();
			continue;
		}
		for (i = 0; i < NR_INST; i++) {
			snprintf(path, sizeof(path), "%s/%d/stat",
				 es->self->dir[i], tid);
			exec_storm_check(es, path, tid);
			snprintf(path, sizeof(path), "%s/%d/task/%d/stat",
				 es->self->dir[i], tgid, tid);
			exec_storm_check(es, path, tid);
		}
	}
	return NULL;
}

#define NR_EXEC_READERS	2

/*
 * Threads exec over and over while readers look up the execing thread's
 * tid in every instance.  Whenever /proc/X/stat or /proc/N/task/X/stat
 * can be read, its pid field is X; once the exec is done (the process
 * lives on as N), X is gone from every instance.  The race is narrow: a
 * kernel with the defect fails this rarely, one without never.
 */
TEST_F_TIMEOUT(procfs, exec_storm_pid_dirs_match_their_pid, 240)
{
	struct exec_storm es = { .self = self };
	unsigned long taint = read_taint();
	unsigned long rounds = 0, stale = 0;
	pthread_t readers[NR_EXEC_READERS];
	char path[PATH_LEN], stale_path[PATH_LEN] = "";
	double start = now();
	int i, fds[2];

	for (i = 0; i < NR_EXEC_READERS; i++)
		ASSERT_EQ(0, pthread_create(&readers[i], NULL,
					    exec_storm_reader, &es));

	while ((now() - start < 20 || rounds < 10) && now() - start < 150) {
		pid_t pid, tid;
		int status;

		if (pipe(fds))
			break;
		pid = spawn_exec_storm_child(fds[1]);
		close(fds[1]);
		if (pid < 0 || read(fds[0], &tid, sizeof(tid)) != sizeof(tid)) {
			close(fds[0]);
			if (pid > 0)
				kill_and_reap(pid);
			break;
		}
		close(fds[0]);
		__atomic_store_n(&es.tgid, pid, __ATOMIC_RELAXED);
		__atomic_store_n(&es.tid, tid, __ATOMIC_RELEASE);

		/* The exec is over once the thread carries the tgid's name */
		for (i = 0; i < 2000; i++) {
			char comm[32] = "";
			FILE *f;

			snprintf(path, sizeof(path), "/proc/%d/comm", pid);
			f = fopen(path, "r");
			if (f) {
				if (!fgets(comm, sizeof(comm), f))
					comm[0] = '\0';
				fclose(f);
			}
			if (!strncmp(comm, "sleep", 5))
				break;
			sleep_ms(1);
		}
		/* X's old owner, the leader, was reaped in de_thread() */
		for (i = 0; i < NR_INST; i++) {
			snprintf(path, sizeof(path), "%s/%d", self->dir[i], tid);
			if (stat_err(path) != ENOENT && !stale++)
				snprintf(stale_path, sizeof(stale_path), "%s", path);
		}
		if (waitpid(pid, &status, 0) != pid)
			break;
		__atomic_store_n(&es.tid, 0, __ATOMIC_RELAXED);
		rounds++;
	}

	__atomic_store_n(&es.stop, 1, __ATOMIC_RELAXED);
	for (i = 0; i < NR_EXEC_READERS; i++)
		pthread_join(readers[i], NULL);

	TH_LOG("%lu execs, %lu/%lu stat files found", rounds, es.found,
	       es.reads);
	ASSERT_GE(rounds, 10UL) TH_LOG("only %lu execs before the time limit", rounds);
	ASSERT_GT(es.found, 0UL) TH_LOG("no /proc/<tid>/stat was ever read");
	EXPECT_EQ(0UL, es.wrong)
		TH_LOG("%s named another pid: '%s'", es.wrong_path,
		       es.wrong_stat);
	EXPECT_EQ(0UL, stale)
		TH_LOG("%s still there after its thread exec'd", stale_path);
	EXPECT_EQ(0UL, (read_taint() & ~taint) & SPLAT_TAINTS)
		TH_LOG("the kernel got tainted: %#lx", read_taint());
}

/*
 * An inotify watch holds the inode of /inst/<pid>, not its dentry.  When
 * the task is reaped its directory is gone like a removed one: the watch
 * sees IN_DELETE_SELF and then IN_IGNORED (its mark is dropped), in every
 * instance, instead of pinning the dead task's inode until it is removed.
 */
TEST_F(procfs, reaped_task_dir_watch_sees_delete)
{
	char path[PATH_LEN];
	union {
		struct inotify_event ev;	/* aligns the buffer */
		char buf[4096];
	} u;
	bool deleted[NR_INST] = { false }, ignored[NR_INST] = { false };
	int wd[NR_INST], fd, i, n;
	double start;
	pid_t pid;

	fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		SKIP(return, "no inotify: %s", strerror(errno));
	pid = spawn_sleeper();
	ASSERT_GT(pid, 0);
	for (i = 0; i < NR_INST; i++) {
		pid_path(path, self->dir[i], pid, 0);
		wd[i] = inotify_add_watch(fd, path, IN_DELETE_SELF);
		if (wd[i] < 0) {
			int err = errno;

			kill_and_reap(pid);
			close(fd);
			ASSERT_LE(0, wd[i]) TH_LOG("watch %s: %s", path, strerror(err));
		}
	}
	ASSERT_EQ(0, kill_and_reap(pid));

	start = now();
	while (now() - start < 10) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		char *p;

		if (poll(&pfd, 1, 100) <= 0)
			continue;
		n = read(fd, u.buf, sizeof(u.buf));
		for (p = u.buf; n > 0 && p < u.buf + n;) {
			struct inotify_event *ev = (struct inotify_event *)p;

			for (i = 0; i < NR_INST; i++) {
				if (ev->wd != wd[i])
					continue;
				if (ev->mask & IN_DELETE_SELF)
					deleted[i] = true;
				if (ev->mask & IN_IGNORED)
					ignored[i] = true;
			}
			p += sizeof(*ev) + ev->len;
		}
		for (i = 0; i < NR_INST && deleted[i] && ignored[i]; i++)
			;
		if (i == NR_INST)
			break;
	}
	close(fd);
	for (i = 0; i < NR_INST; i++) {
		EXPECT_TRUE(deleted[i])
			TH_LOG("%s/%d: no IN_DELETE_SELF after reap", self->dir[i], pid);
		EXPECT_TRUE(ignored[i])
			TH_LOG("%s/%d: watch not dropped (no IN_IGNORED)", self->dir[i], pid);
	}
}

/* A file of every network namespace's sysctl tables (loopback's IPv4 conf) */
#define NETNS_SYSCTL	"/proc/sys/net/ipv4/conf/lo/forwarding"

/*
 * An unregistered sysctl table is gone like a removed directory: an inotify
 * watch on one of its files sees IN_DELETE_SELF and then IN_IGNORED, instead
 * of pinning the file's inode and the table's header until it is removed.
 * The tables of a network namespace are unregistered when it goes away.
 * /proc/sys shows the caller's tables, so the watch is added through
 * /proc/<pid>/fd/<n> of a task that opened the file in a new namespace.
 */
TEST_F_TIMEOUT(procfs, unregistered_sysctl_watch_sees_delete, 90)
{
	union {
		struct inotify_event ev;	/* aligns the buffer */
		char buf[4096];
	} u;
	bool deleted = false, ignored = false;
	int ready[2], go[2], fd, wd, n, child_fd = -1, status;
	char path[PATH_LEN];
	double start;
	pid_t pid;

	fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		SKIP(return, "no inotify: %s", strerror(errno));
	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(go));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int f = -1;
		char c;

		close(ready[0]);
		close(go[1]);
		if (!unshare(CLONE_NEWNET))
			f = open(NETNS_SYSCTL, O_RDONLY);
		/* -1: no new namespace or no such file */
		if (write(ready[1], &f, sizeof(f)) != sizeof(f) || f < 0)
			_exit(1);
		/* Until the parent closes its end */
		while (read(go[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	n = read(ready[0], &child_fd, sizeof(child_fd));
	close(ready[0]);
	if (n != sizeof(child_fd) || child_fd < 0) {
		close(go[1]);
		waitpid(pid, &status, 0);
		close(fd);
		SKIP(return, "no network namespace with " NETNS_SYSCTL);
	}
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, child_fd);
	wd = inotify_add_watch(fd, path, IN_DELETE_SELF);
	n = errno;
	/* The namespace's last task exits: its tables are unregistered */
	close(go[1]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	if (wd < 0)
		close(fd);
	ASSERT_LE(0, wd) TH_LOG("watch %s: %s", path, strerror(n));

	/* Namespaces are torn down by a worker, after grace periods */
	start = now();
	while (!(deleted && ignored) && now() - start < 30) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		char *p;

		if (poll(&pfd, 1, 100) <= 0)
			continue;
		n = read(fd, u.buf, sizeof(u.buf));
		for (p = u.buf; n > 0 && p < u.buf + n;) {
			struct inotify_event *ev = (struct inotify_event *)p;

			if (ev->wd == wd && (ev->mask & IN_DELETE_SELF))
				deleted = true;
			if (ev->wd == wd && (ev->mask & IN_IGNORED))
				ignored = true;
			p += sizeof(*ev) + ev->len;
		}
	}
	close(fd);
	EXPECT_TRUE(deleted)
		TH_LOG("%s of a dead network namespace: no IN_DELETE_SELF", NETNS_SYSCTL);
	EXPECT_TRUE(ignored)
		TH_LOG("%s of a dead network namespace: watch not dropped (no IN_IGNORED)",
		       NETNS_SYSCTL);
}

TEST_HARNESS_MAIN
