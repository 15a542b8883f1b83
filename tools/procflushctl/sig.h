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

#endif /* PFC_SIG_H */
