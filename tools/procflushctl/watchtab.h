/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * notify-storm's watch oracle: every inotify watch on a directory or
 * file that was deleted must report IN_DELETE_SELF or IN_IGNORED
 * within a bounded time.  Pure bookkeeping fed with the raw inotify
 * stream, so the unit tests feed it fake events.
 */
#ifndef PFC_WATCHTAB_H
#define PFC_WATCHTAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "result.h"

#define PFC_WATCH_PATH		224
#define PFC_WATCH_TIMEOUT_NS	(2 * NSEC_PER_SEC)

/* counters of the oracle checks (static strings) */
#define PFC_CTR_CHECK_WATCH	"checks.watch_delete_event"
#define PFC_CTR_WATCH_DSELF	"watch.IN_DELETE_SELF"
#define PFC_CTR_WATCH_IGNORED	"watch.IN_IGNORED"
#define PFC_CTR_WATCH_OTHER	"watch.other_events"
#define PFC_CTR_WATCH_OVERFLOW	"watch.IN_Q_OVERFLOW"

struct pfc_watch {
	int wd;
	char path[PFC_WATCH_PATH];
	const char *what;	/* static: "event dir", "enable", ... */
	uint64_t deleted_ns;	/* 0: not deleted (yet) */
	uint64_t event_ns;	/* first IN_DELETE_SELF or IN_IGNORED */
	uint32_t seen;		/* inotify masks seen */
	bool judged;
};

struct pfc_watchtab {
	struct pfc_watch *w;
	unsigned int nr, cap;
	unsigned long long overflows;
	unsigned long long stray;	/* events for unknown wds */
};

void pfc_watchtab_init(struct pfc_watchtab *t);
void pfc_watchtab_free(struct pfc_watchtab *t);
int pfc_watch_add(struct pfc_watchtab *t, int wd, const char *path,
		  const char *what);
void pfc_watch_deleted(struct pfc_watchtab *t, const char *path_prefix,
		       uint64_t now_ns);
size_t pfc_watch_feed(struct pfc_watchtab *t, struct pfc_stats *st,
		      const void *buf, size_t len, uint64_t now_ns);
unsigned int pfc_watch_pending(const struct pfc_watchtab *t);
unsigned int pfc_watch_judge(struct pfc_watchtab *t, struct pfc_result *r,
			     struct pfc_stats *st, uint64_t now_ns,
			     uint64_t timeout_ns);
void pfc_watch_forget(struct pfc_watchtab *t, void (*rm)(int wd, void *arg),
		      void *arg);

#endif /* PFC_WATCHTAB_H */
