/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SIGINT/SIGTERM: only set a flag; every loop checks it and the main
 * thread cleans up.
 */
#ifndef PFC_SIG_H
#define PFC_SIG_H

#include <signal.h>
#include <stdbool.h>

extern volatile sig_atomic_t pfc_signo;

int pfc_sig_install(void);
void pfc_sig_block_workers(sigset_t *old);
void pfc_sig_restore(const sigset_t *old);
void pfc_sig_child_reset(void);

static inline bool pfc_interrupted(void)
{
	return pfc_signo != 0;
}

#endif /* PFC_SIG_H */
