// SPDX-License-Identifier: GPL-2.0-only
/*
 * A live event's format must parse, name the event, carry the id its
 * "id" file shows and have the kprobe's __probe_ip field.
 */
#include <stdio.h>
#include <string.h>

#include "evfmt.h"
#include "tfslib.h"
#include "util.h"

/* parsed events accumulate in the handle: start afresh now and then */
#define PFC_TEP_RECYCLE	256

void pfc_evfmt_init(struct pfc_evfmt *f)
{
	f->tep = NULL;
	f->parsed = 0;
}

void pfc_evfmt_free(struct pfc_evfmt *f)
{
	if (f->tep)
		pfc_lib.tep_free(f->tep);
	f->tep = NULL;
}

int pfc_evfmt_check(struct pfc_evfmt *f, struct pfc_stats *st,
		    const char *group, const char *event, const char *buf,
		    size_t len, long id, char *why, size_t wlen)
{
	struct tep_event *ev = NULL;
	enum tep_errno ret;
	char msg[128];
	uint64_t t;

	if (!f->tep || f->parsed >= PFC_TEP_RECYCLE) {
		pfc_evfmt_free(f);
		pfc_lib.tep_set_loglevel(TEP_LOG_NONE);
		f->tep = pfc_lib.tep_alloc();
		f->parsed = 0;
		if (!f->tep) {
			snprintf(why, wlen, "tep_alloc failed");
			return -1;
		}
	}
	t = pfc_now_ns();
	ret = pfc_lib.tep_parse_format(f->tep, &ev, buf, len, group);
	f->parsed++;
	pfc_stats_record(st, PFC_OP_PARSE, pfc_now_ns() - t,
			 ret ? -1 : 0);
	if (ret || !ev) {
		msg[0] = '\0';
		pfc_lib.tep_strerror(f->tep, ret, msg, sizeof(msg));
		snprintf(why, wlen, "libtraceevent cannot parse the format: %s",
			 msg[0] ? msg : "unknown error");
		return -1;
	}
	if (!ev->name || strcmp(ev->name, event)) {
		snprintf(why, wlen, "format names event '%s', expected '%s'",
			 ev->name ? ev->name : "(null)", event);
		return -1;
	}
	if (id >= 0 && ev->id != id) {
		snprintf(why, wlen, "format says ID %d, id file says %ld",
			 ev->id, id);
		return -1;
	}
	if (!pfc_lib.tep_find_field(ev, "__probe_ip")) {
		snprintf(why, wlen, "format lacks the kprobe field __probe_ip");
		return -1;
	}
	return 0;
}
