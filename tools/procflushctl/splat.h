/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Recognising kernel splats in kernel log text.  Pure string work, so
 * it can be fed recorded logs in the unit tests.
 */
#ifndef PFC_SPLAT_H
#define PFC_SPLAT_H

#include <stdbool.h>
#include <stddef.h>

#define PFC_MAX_SPLATS		8
#define PFC_SPLAT_CONTEXT	40	/* lines kept after the first one */
#define PFC_SPLAT_TEXT_MAX	4096

struct pfc_splat {
	const char *kind;	/* which pattern matched */
	char text[PFC_SPLAT_TEXT_MAX];
	size_t len;
	unsigned int lines;
};

struct pfc_splats {
	unsigned int total;	/* splats seen, kept or not */
	unsigned int nr;	/* splats kept in s[] */
	unsigned long long lines;	/* log lines fed */
	int ctx_left;		/* context lines still to add to s[nr-1] */
	struct pfc_splat s[PFC_MAX_SPLATS];
};

const char *pfc_splat_match(const char *line);
void pfc_splats_init(struct pfc_splats *s);
void pfc_splats_feed(struct pfc_splats *s, const char *line);
int pfc_kmsg_strip(const char *rec, size_t len, const char **msg,
		   size_t *msglen);
unsigned int pfc_splats_feed_text(struct pfc_splats *s, const char *text,
				  size_t len);

#endif /* PFC_SPLAT_H */
