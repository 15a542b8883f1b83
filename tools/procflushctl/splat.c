// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel splat patterns and /dev/kmsg record parsing.
 */
#include <ctype.h>
#include <string.h>

#include "splat.h"
#include "util.h"

struct splat_pattern {
	const char *needle;
	const char *kind;
};

/* Order matters: the most specific pattern names the splat. */
static const struct splat_pattern patterns[] = {
	{ "KASAN:",				"kasan" },
	{ "UBSAN:",				"ubsan" },
	{ "possible circular locking",		"lockdep-circular" },
	{ "possible recursive locking",		"lockdep-recursive" },
	{ "inconsistent lock state",		"lockdep-inconsistent" },
	{ "suspicious RCU usage",		"rcu-suspicious" },
	{ "general protection fault",		"gpf" },
	{ "list_add corruption",		"list-add-corruption" },
	{ "list_del corruption",		"list-del-corruption" },
	{ "kernel BUG at",			"bug" },
	{ "BUG:",				"bug" },
	{ "Oops",				"oops" },
	{ "WARNING:",				"warning" },
	{ "refcount_t:",			"refcount" },
	{ "Kernel panic",			"panic" },
	{ "blocked for more than",		"hung-task" },
};

static bool rcu_stall(const char *line)
{
	const char *p = strstr(line, "rcu_");

	if (!p)
		p = strstr(line, "rcu:");
	return p && strstr(p, "stall");
}

/* The kind of splat a log line starts, or NULL */
const char *pfc_splat_match(const char *line)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(patterns); i++) {
		if (strstr(line, patterns[i].needle))
			return patterns[i].kind;
	}
	if (rcu_stall(line))
		return "rcu-stall";
	return NULL;
}

void pfc_splats_init(struct pfc_splats *s)
{
	memset(s, 0, sizeof(*s));
}

static void splat_append(struct pfc_splat *sp, const char *line)
{
	size_t len = strlen(line);
	size_t room = sizeof(sp->text) - sp->len;

	if (room <= 1)
		return;
	if (len + 1 >= room)
		len = room - 2;
	memcpy(sp->text + sp->len, line, len);
	sp->len += len;
	sp->text[sp->len++] = '\n';
	sp->text[sp->len] = '\0';
	sp->lines++;
}

static bool splat_ends(const char *line)
{
	return !!strstr(line, "---[ end trace");
}

/* Feed one log message line (no kmsg header) */
void pfc_splats_feed(struct pfc_splats *s, const char *line)
{
	const char *kind;

	s->lines++;
	if (s->ctx_left > 0 && s->nr) {
		/* a splat's own follow-up lines belong to it */
		splat_append(&s->s[s->nr - 1], line);
		s->ctx_left = splat_ends(line) ? 0 : s->ctx_left - 1;
		return;
	}
	kind = pfc_splat_match(line);
	if (!kind)
		return;
	s->total++;
	if (s->nr >= PFC_MAX_SPLATS) {
		s->ctx_left = 0;
		return;
	}
	s->s[s->nr].kind = kind;
	s->s[s->nr].len = 0;
	s->s[s->nr].lines = 0;
	s->s[s->nr].text[0] = '\0';
	splat_append(&s->s[s->nr], line);
	s->nr++;
	s->ctx_left = PFC_SPLAT_CONTEXT;
}

/*
 * Strip the "prio,seq,usec,flags;" header of a /dev/kmsg record and
 * drop its " KEY=value" dictionary lines.  Returns 0 for a message,
 * -1 for a line that carries none.
 */
int pfc_kmsg_strip(const char *rec, size_t len, const char **msg,
		   size_t *msglen)
{
	const char *semi, *nl, *p;

	if (!len || rec[0] == ' ')
		return -1;	/* dictionary continuation */
	semi = memchr(rec, ';', len);
	if (semi) {
		/* "6,339,5140900,-;" or "...,-,caller=T12;" */
		for (p = rec; p < semi; p++) {
			if (!isalnum((unsigned char)*p) && *p != ',' &&
			    *p != '-' && *p != '+' && *p != '=')
				break;
		}
		if (p == semi && isdigit((unsigned char)rec[0])) {
			len -= semi + 1 - rec;
			rec = semi + 1;
		}
	}
	nl = memchr(rec, '\n', len);
	if (nl)
		len = nl - rec;
	*msg = rec;
	*msglen = len;
	return 0;
}

/* Feed a whole recorded log (kmsg dump or dmesg text); returns lines */
unsigned int pfc_splats_feed_text(struct pfc_splats *s, const char *text,
				  size_t len)
{
	const char *p = text, *end = text + len, *nl, *msg;
	char line[1024];
	unsigned int n = 0;
	size_t l, ml;

	while (p < end) {
		nl = memchr(p, '\n', end - p);
		l = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (!pfc_kmsg_strip(p, l, &msg, &ml)) {
			if (ml >= sizeof(line))
				ml = sizeof(line) - 1;
			memcpy(line, msg, ml);
			line[ml] = '\0';
			pfc_splats_feed(s, line);
			n++;
		}
		p += l + 1;
	}
	return n;
}
