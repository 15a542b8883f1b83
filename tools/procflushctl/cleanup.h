/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Removing what procflushctl created: this run's objects on every exit
 * path, and an earlier crashed run's leftovers ('cleanup' command).
 */
#ifndef PFC_CLEANUP_H
#define PFC_CLEANUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct pfc_ctx;

size_t pfc_cleanup_run(struct pfc_ctx *ctx);
size_t pfc_cleanup_between(struct pfc_ctx *ctx);
int pfc_cleanup_leftovers(struct pfc_ctx *ctx, FILE *out);

#endif /* PFC_CLEANUP_H */
