// SPDX-License-Identifier: GPL-2.0-only
/*
 * Watches of deleted objects and the events they must deliver.
 *
 * When the object behind an inotify watch is removed, the kernel
 * reports IN_DELETE_SELF once the inode's last link is gone and
 * IN_IGNORED once the watch is torn down with the inode.  A watch of
 * a deleted eventfs directory that reports neither keeps the inode
 * (and whatever it points to) alive for as long as the watch exists:
 * that is the lifetime bug notify-storm hunts.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>

#include "watchtab.h"
#include "util.h"

void pfc_watchtab_init(struct pfc_watchtab *t)
{
	memset(t, 0, sizeof(*t));
}

void pfc_watchtab_free(struct pfc_watchtab *t)
{
	free(t->w);
	memset(t, 0, sizeof(*t));
}

int pfc_watch_add(struct pfc_watchtab *t, int wd, const char *path,
		  const char *what)
{
	struct pfc_watch *w;

	if (t->nr == t->cap) {
		unsigned int ncap = t->cap ? t->cap * 2 : 32;

		w = realloc(t->w, ncap * sizeof(*w));
		if (!w)
			return -ENOMEM;
		t->w = w;
		t->cap = ncap;
	}
	w = &t->w[t->nr++];
	memset(w, 0, sizeof(*w));
	w->wd = wd;
	pfc_strlcpy(w->path, path, sizeof(w->path));
	w->what = what;
	return 0;
}

/*
 * The object at path_prefix (and everything below it) was removed at
 * now_ns.  Watches already marked keep their first removal time.
 */
void pfc_watch_deleted(struct pfc_watchtab *t, const char *path_prefix,
		       uint64_t now_ns)
{
	size_t l = strlen(path_prefix);
	unsigned int i;

	for (i = 0; i < t->nr; i++) {
		struct pfc_watch *w = &t->w[i];

		if (w->deleted_ns || strncmp(w->path, path_prefix, l) ||
		    (w->path[l] && w->path[l] != '/'))
			continue;
		w->deleted_ns = now_ns;
	}
}

static struct pfc_watch *find_live(struct pfc_watchtab *t, int wd)
{
	unsigned int i;

	/* wds are reused after IN_IGNORED: the newest holder is it */
	for (i = t->nr; i-- > 0;) {
		if (t->w[i].wd == wd)
			return &t->w[i];
	}
	return NULL;
}

/*
 * Feed len bytes read from the inotify fd.  Returns the number of
 * whole events consumed; a truncated tail is ignored.
 */
size_t pfc_watch_feed(struct pfc_watchtab *t, struct pfc_stats *st,
		      const void *buf, size_t len, uint64_t now_ns)
{
	const char *p = buf;
	size_t off = 0, n = 0;

	while (off + sizeof(struct inotify_event) <= len) {
		struct inotify_event ev;
		struct pfc_watch *w;

		memcpy(&ev, p + off, sizeof(ev));
		if (off + sizeof(ev) + ev.len > len)
			break;
		off += sizeof(ev) + ev.len;
		n++;
		if (ev.mask & IN_Q_OVERFLOW) {
			t->overflows++;
			pfc_stats_count(st, PFC_CTR_WATCH_OVERFLOW, 1);
			continue;
		}
		w = find_live(t, ev.wd);
		if (!w) {
			t->stray++;
			continue;
		}
		w->seen |= ev.mask;
		if (ev.mask & IN_DELETE_SELF)
			pfc_stats_count(st, PFC_CTR_WATCH_DSELF, 1);
		if (ev.mask & IN_IGNORED)
			pfc_stats_count(st, PFC_CTR_WATCH_IGNORED, 1);
		if (!(ev.mask & (IN_DELETE_SELF | IN_IGNORED))) {
			pfc_stats_count(st, PFC_CTR_WATCH_OTHER, 1);
			continue;
		}
		if (!w->event_ns)
			w->event_ns = now_ns;
		if (ev.mask & IN_IGNORED)
			w->wd = -1;	/* the wd may be handed out again */
	}
	return n;
}

/* Deleted, not yet judged, no removal event seen yet */
unsigned int pfc_watch_pending(const struct pfc_watchtab *t)
{
	unsigned int i, n = 0;

	for (i = 0; i < t->nr; i++) {
		const struct pfc_watch *w = &t->w[i];

		if (w->deleted_ns && !w->judged && !w->event_ns)
			n++;
	}
	return n;
}

/*
 * Judge the watches of deleted objects: one with IN_DELETE_SELF or
 * IN_IGNORED passes, one without it timeout_ns after the removal
 * returned is a violation; younger ones wait for a later call.  An inotify queue
 * overflow loses events: its watches are not judged.  Returns the
 * number of violations.
 */
unsigned int pfc_watch_judge(struct pfc_watchtab *t, struct pfc_result *r,
			     struct pfc_stats *st, uint64_t now_ns,
			     uint64_t timeout_ns)
{
	unsigned int i, bad = 0;

	for (i = 0; i < t->nr; i++) {
		struct pfc_watch *w = &t->w[i];

		if (!w->deleted_ns || w->judged)
			continue;
		if (!w->event_ns && !t->overflows &&
		    now_ns - w->deleted_ns < timeout_ns)
			continue;
		w->judged = true;
		if (w->event_ns || t->overflows)
			goto counted;
		bad++;
		pfc_result_violation(r, "watch-no-delete-event", "inotify",
				     w->path, true,
				     (int64_t)(now_ns - w->deleted_ns),
				     "watch of a deleted %s got neither IN_DELETE_SELF nor IN_IGNORED within %.1f s of the removal (events seen: 0x%x)",
				     w->what,
				     (double)(now_ns - w->deleted_ns) /
				     NSEC_PER_SEC, w->seen);
counted:
		if (!t->overflows)
			pfc_stats_count(st, PFC_CTR_CHECK_WATCH, 1);
	}
	return bad;
}

/* Call rm for every watch that is still live, and forget them all */
void pfc_watch_forget(struct pfc_watchtab *t, void (*rm)(int wd, void *arg),
		      void *arg)
{
	unsigned int i;

	for (i = 0; i < t->nr; i++) {
		if (t->w[i].wd >= 0 && !(t->w[i].seen & IN_IGNORED) && rm)
			rm(t->w[i].wd, arg);
	}
	t->nr = 0;
}
