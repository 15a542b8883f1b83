// SPDX-License-Identifier: GPL-2.0-only
/*
 * Signal handling.  Worker threads run with SIGINT, SIGTERM and
 * SIGHUP blocked, so the handler always runs on the main thread.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "sig.h"

int pfc_signo;
int pfc_sig_count;

static void on_signal(int sig)
{
	static const char msg[] =
		"procflushctl: second signal: not waiting any more, cleaning up what can be\n";
	int saved = errno;
	ssize_t n;

	/* lock-free int atomics and write() are async-signal-safe */
	if (!__atomic_load_n(&pfc_signo, __ATOMIC_SEQ_CST))
		__atomic_store_n(&pfc_signo, sig, __ATOMIC_SEQ_CST);
	if (__atomic_add_fetch(&pfc_sig_count, 1, __ATOMIC_SEQ_CST) == 2) {
		n = write(STDERR_FILENO, msg, sizeof(msg) - 1);
		(void)n;	/* nothing to be done about it here */
	}
	errno = saved;
}

int pfc_sig_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a blocking call in the main thread returns */
	if (sigaction(SIGINT, &sa, NULL) || sigaction(SIGTERM, &sa, NULL) ||
	    sigaction(SIGHUP, &sa, NULL))
		return -errno;
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

/* Called around pthread_create so that new threads inherit the block */
void pfc_sig_block_workers(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, old);
}

void pfc_sig_restore(const sigset_t *old)
{
	pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* In a forked child: default dispositions, nothing blocked */
void pfc_sig_child_reset(void)
{
	sigset_t set;

	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
}
