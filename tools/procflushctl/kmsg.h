/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel log oracle: read /dev/kmsg records written since the run
 * (or scenario) started and report splats.
 */
#ifndef PFC_KMSG_H
#define PFC_KMSG_H

#include "splat.h"

struct pfc_kmsg {
	int fd;
	unsigned long long records;
	unsigned long long lost;	/* EPIPE: ring overwritten */
};

int pfc_kmsg_open(struct pfc_kmsg *k);
void pfc_kmsg_close(struct pfc_kmsg *k);
int pfc_kmsg_collect(struct pfc_kmsg *k, struct pfc_splats *out);
int pfc_taint_read(unsigned long *taint);

#endif /* PFC_KMSG_H */
