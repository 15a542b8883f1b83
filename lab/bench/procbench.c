// SPDX-License-Identifier: GPL-2.0
/*
 * procbench - micro-measurements for the lab's A/B report.
 *
 *   procbench stat-readers SECONDS THREADS   read every /proc/<pid>/stat
 *   procbench fork-exit SECONDS              fork + _exit + waitpid loop
 *   procbench dentry-reuse FILE N            stat/open/write/close FILE N
 *                                            times; nr_dentry delta
 *   procbench self-links SECONDS DROP_MS     readlink /proc/self and
 *                                            /proc/thread-self, read
 *                                            /proc/self/stat, in a loop;
 *                                            DROP_MS > 0: a thread drops
 *                                            the dentry and inode caches
 *                                            every DROP_MS ms meanwhile
 *   procbench tree-scan DIR N                N walks of DIR: readdir and
 *                                            lstat of every entry, as
 *                                            trace-cmd list -e does on
 *                                            events/
 *   procbench instance-cycle TRACEFS N       mkdir + rmdir of a tracing
 *                                            instance, N times
 *
 * Prints one JSON object on stdout.  Exit: 0 ok, 1 failure, 2 usage.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static atomic_bool stop;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long nr_dentry(void)
{
	FILE *f = fopen("/proc/sys/fs/dentry-state", "r");
	long n = -1;

	if (f) {
		if (fscanf(f, "%ld", &n) != 1)
			n = -1;
		fclose(f);
	}
	return n;
}

static void *stat_reader(void *arg)
{
	unsigned long *files = arg;
	char path[300], buf[1024];
	struct dirent *de;

	while (!atomic_load(&stop)) {
		DIR *d = opendir("/proc");

		if (!d)
			break;
		while ((de = readdir(d)) && !atomic_load(&stop)) {
			int fd;

			if (de->d_name[0] < '0' || de->d_name[0] > '9')
				continue;
			snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
			fd = open(path, O_RDONLY);
			if (fd < 0)
				continue;
			if (read(fd, buf, sizeof(buf)) > 0)
				(*files)++;
			close(fd);
		}
		closedir(d);
	}
	return NULL;
}

static int stat_readers(double secs, int threads)
{
	unsigned long files[64] = { 0 }, total = 0;
	pthread_t tid[64];
	double t0;
	int i;

	if (threads < 1 || threads > 64)
		return 2;
	t0 = now();
	for (i = 0; i < threads; i++)
		if (pthread_create(&tid[i], NULL, stat_reader, &files[i]))
			return 1;
	usleep(secs * 1e6);
	atomic_store(&stop, true);
	for (i = 0; i < threads; i++) {
		pthread_join(tid[i], NULL);
		total += files[i];
	}
	printf("{\"metric\": \"stat-readers\", \"threads\": %d, \"files\": %lu, \"seconds\": %.3f, \"files_per_second\": %.1f}\n",
	       threads, total, now() - t0, total / (now() - t0));
	return 0;
}

static int fork_exit(double secs)
{
	unsigned long n = 0;
	double t0 = now(), t;

	do {
		pid_t pid = fork();

		if (pid < 0)
			return 1;
		if (!pid)
			_exit(0);
		if (waitpid(pid, NULL, 0) != pid)
			return 1;
		n++;
		t = now();
	} while (t - t0 < secs);
	printf("{\"metric\": \"fork-exit\", \"forks\": %lu, \"seconds\": %.3f, \"forks_per_second\": %.1f}\n",
	       n, t - t0, n / (t - t0));
	return 0;
}

static int dentry_reuse(const char *file, int n)
{
	long before, first = -1, after;
	struct stat st;
	int i, fd;

	if (n < 1)
		return 2;
	before = nr_dentry();
	for (i = 0; i < n; i++) {
		if (stat(file, &st))
			return 1;
		fd = open(file, O_WRONLY);
		if (fd < 0)
			return 1;
		if (write(fd, "0", 1) != 1) {
			close(fd);
			return 1;
		}
		close(fd);
		if (!i)
			first = nr_dentry();
	}
	after = nr_dentry();
	printf("{\"metric\": \"dentry-reuse\", \"file\": \"%s\", \"iterations\": %d, \"nr_dentry_before\": %ld, \"after_first\": %ld, \"after_all\": %ld, \"new_after_first\": %ld}\n",
	       file, n, before, first, after, after - first);
	return 0;
}

static void *dropper(void *arg)
{
	int ms = *(int *)arg;

	while (!atomic_load(&stop)) {
		int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

		if (fd >= 0) {
			/* 2: dentries and inodes */
			if (write(fd, "2", 1) != 1)
				break;
			close(fd);
		}
		usleep(ms * 1000);
	}
	return NULL;
}

static int self_links(double secs, int drop_ms)
{
	char buf[1024];
	unsigned long n = 0;
	pthread_t tid;
	double t0, t;
	int fd;

	atomic_store(&stop, false);
	if (drop_ms > 0 && pthread_create(&tid, NULL, dropper, &drop_ms))
		return 1;
	t0 = now();
	do {
		if (readlink("/proc/self", buf, sizeof(buf)) <= 0 ||
		    readlink("/proc/thread-self", buf, sizeof(buf)) <= 0)
			return 1;
		fd = open("/proc/self/stat", O_RDONLY);
		if (fd < 0)
			return 1;
		if (read(fd, buf, sizeof(buf)) <= 0) {
			close(fd);
			return 1;
		}
		close(fd);
		n++;
		t = now();
	} while (t - t0 < secs);
	atomic_store(&stop, true);
	if (drop_ms > 0)
		pthread_join(tid, NULL);
	printf("{\"metric\": \"self-links\", \"drop_ms\": %d, \"rounds\": %lu, \"seconds\": %.3f, \"rounds_per_second\": %.1f}\n",
	       drop_ms, n, t - t0, n / (t - t0));
	return 0;
}

/* readdir + lstat of every entry below dir; entries counted in *n */
static int walk(const char *dir, unsigned long *n)
{
	char path[4096];
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(dir);
	int ret = 0;

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &st)) {
			ret = -1;
			break;
		}
		(*n)++;
		if (S_ISDIR(st.st_mode) && walk(path, n)) {
			ret = -1;
			break;
		}
	}
	closedir(d);
	return ret;
}

static int tree_scan(const char *dir, int scans)
{
	unsigned long n = 0;
	double t0, t;
	int i;

	if (scans < 1)
		return 2;
	t0 = now();
	for (i = 0; i < scans; i++)
		if (walk(dir, &n))
			return 1;
	t = now();
	printf("{\"metric\": \"tree-scan\", \"dir\": \"%s\", \"scans\": %d, \"entries_per_scan\": %lu, \"seconds\": %.3f, \"scans_per_second\": %.3f}\n",
	       dir, scans, n / scans, t - t0, scans / (t - t0));
	return 0;
}

static int instance_cycle(const char *tracefs, int cycles)
{
	char path[4096];
	double t0, t;
	int i;

	if (cycles < 1)
		return 2;
	snprintf(path, sizeof(path), "%s/instances/pfbench_inst", tracefs);
	t0 = now();
	for (i = 0; i < cycles; i++) {
		if (mkdir(path, 0755))
			return 1;
		if (rmdir(path))
			return 1;
	}
	t = now();
	printf("{\"metric\": \"instance-cycle\", \"cycles\": %d, \"seconds\": %.3f, \"cycles_per_second\": %.3f}\n",
	       cycles, t - t0, cycles / (t - t0));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "stat-readers"))
		return stat_readers(atof(argv[2]), atoi(argv[3]));
	if (argc == 3 && !strcmp(argv[1], "fork-exit"))
		return fork_exit(atof(argv[2]));
	if (argc == 4 && !strcmp(argv[1], "dentry-reuse"))
		return dentry_reuse(argv[2], atoi(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "self-links"))
		return self_links(atof(argv[2]), atoi(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "tree-scan"))
		return tree_scan(argv[2], atoi(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "instance-cycle"))
		return instance_cycle(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: procbench stat-readers SECONDS THREADS | fork-exit SECONDS | dentry-reuse FILE N\n"
		"       | self-links SECONDS DROP_MS | tree-scan DIR N | instance-cycle TRACEFS N\n");
	return 2;
}
