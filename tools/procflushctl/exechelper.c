// SPDX-License-Identifier: GPL-2.0-only
/*
 * The exec-storm child, run as "procflushctl --pfc-internal-exec-helper
 * N" right after fork(), so that it is a fresh single-threaded image
 * free to start threads.  It starts N - 1 threads, writes its tids to
 * fd 3, waits for the go byte on fd 4, and then the chosen non-leader
 * thread execs "procflushctl --pfc-internal-exec-exit": de_thread()
 * kills the other threads and swaps the tids of the exec'ing thread
 * and the leader.  Optionally the leader exits first, so that
 * de_thread() finds a zombie leader.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "exechelper.h"

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static struct pfc_exec_report rep;
static int ready, chosen = -1;

static void exec_exit_image(void)
{
	char *const argv[] = { "procflushctl", PFC_EXEC_EXIT_ARG, NULL };

	/*
	 * Not /proc/self/exe: /proc/self is the tgid, and once the leader
	 * has exited (a quarter of the children) its exe link is gone and
	 * the exec would fail with ENOENT.  This thread's own entry works.
	 */
	execv("/proc/thread-self/exe", argv);
	_exit(PFC_EXEC_ERR_EXEC);
}

static void *thread_main(void *arg)
{
	int idx = (int)(intptr_t)arg;

	pthread_mutex_lock(&lock);
	rep.tid[idx] = gettid();
	ready++;
	pthread_cond_broadcast(&cond);
	while (chosen < 0)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	if (idx == chosen)
		exec_exit_image();
	for (;;)
		pause();
	return NULL;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

int pfc_exec_helper_main(int argc, char **argv)
{
	pthread_attr_t attr;
	pthread_t th;
	unsigned char go;
	char *end;
	long nr;
	int i;

	if (!strcmp(argv[1], PFC_EXEC_EXIT_ARG))
		_exit(0);
	if (argc != 3)
		_exit(PFC_EXEC_ERR_ARGS);
	nr = strtol(argv[2], &end, 10);
	if (*end || nr < 2 || nr > PFC_EXEC_MAX_THREADS)
		_exit(PFC_EXEC_ERR_ARGS);
	rep.nr = nr;
	rep.tid[0] = getpid();
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 << 10);
	for (i = 1; i < nr; i++) {
		if (pthread_create(&th, &attr, thread_main,
				   (void *)(intptr_t)i))
			_exit(PFC_EXEC_ERR_THREAD);
	}
	pthread_mutex_lock(&lock);
	while (ready < nr - 1)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	if (write_all(PFC_EXEC_FD_OUT, &rep, sizeof(rep)))
		_exit(PFC_EXEC_ERR_PIPE);
	close(PFC_EXEC_FD_OUT);
	for (;;) {
		ssize_t n = read(PFC_EXEC_FD_IN, &go, 1);

		if (n == 1)
			break;
		if (n == 0 || errno != EINTR)
			_exit(PFC_EXEC_ERR_PIPE);	/* parent gave up */
	}
	pthread_mutex_lock(&lock);
	chosen = go & PFC_EXEC_GO_IDX_MASK;
	if (chosen < 1 || chosen >= nr)
		chosen = 1;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	if (go & PFC_EXEC_GO_LEADER_EXIT)
		pthread_exit(NULL);
	for (;;)
		pause();
	return 0;
}

const char *pfc_exec_status_text(int code)
{
	switch (code) {
	case PFC_EXEC_ERR_ARGS:
		return "bad helper arguments";
	case PFC_EXEC_ERR_THREAD:
		return "cannot start threads";
	case PFC_EXEC_ERR_EXEC:
		return "execve of /proc/thread-self/exe failed";
	case PFC_EXEC_ERR_PIPE:
		return "pipe to procflushctl broken";
	case 127:
		return "cannot execute procflushctl itself";
	}
	return "unexpected exit status";
}
