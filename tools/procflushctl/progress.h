/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A one-line progress display, on a terminal only.
 */
#ifndef PFC_PROGRESS_H
#define PFC_PROGRESS_H

struct pfc_ctx;

void pfc_progress_start(struct pfc_ctx *ctx);
void pfc_progress_stop(void);

#endif /* PFC_PROGRESS_H */
