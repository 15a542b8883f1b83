/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SIGINT/SIGTERM: only set a flag; every loop checks it and the main
 * thread cleans up.
 */
#ifndef PFC_SIG_H
#define PFC_SIG_H

#include <signal.h>
#include <stdbool.h>

/* Only read and written with __atomic builtins: see pfc_sig_number() */
extern int pfc_signo;
extern int pfc_sig_count;

int pfc_sig_install(void);
void pfc_sig_block_workers(sigset_t *old);
void pfc_sig_restore(const sigset_t *old);
void pfc_sig_child_reset(void);

static inline int pfc_sig_number(void)
{
	return __atomic_load_n(&pfc_signo, __ATOMIC_SEQ_CST);
}

static inline bool pfc_interrupted(void)
{
	return pfc_sig_number() != 0;
}

/* A second signal: stop waiting for anything during cleanup */
static inline bool pfc_sig_urgent(void)
{
	return __atomic_load_n(&pfc_sig_count, __ATOMIC_SEQ_CST) >= 2;
}

#endif /* PFC_SIG_H */
