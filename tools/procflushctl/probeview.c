// SPDX-License-Identifier: GPL-2.0-only
/*
 * kprobe_events and kprobe_profile lines, the kprobe PMU's sysfs
 * files, and the oracles of destroy-one-by-one and pmu-churn.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsops.h"
#include "probeview.h"
#include "util.h"

/*
 * The key of a kprobe_events line ("p:GROUP/EVENT SYM ...",
 * "r16:GROUP/EVENT ...") or of a kprobe_profile line ("  EVENT  hits
 * misses"): the first word, without a "TYPE:" in front.  The length
 * of the key, 0 for an empty line.
 */
static size_t line_key(const char *line, const char **key)
{
	const char *s = line, *colon;
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strcspn(s, " \t\n");
	colon = memchr(s, ':', n);
	if (colon) {
		n -= colon + 1 - s;
		s = colon + 1;
	}
	*key = s;
	return n;
}

static const char *next_line(const char *l)
{
	const char *nl = strchr(l, '\n');

	return nl ? nl + 1 : l + strlen(l);
}

/*
 * Group and event of a kprobe_events line.  0, or -EINVAL when the
 * line has no "GROUP/EVENT" or a part does not fit.
 */
int pfc_probe_line_split(const char *line, char *group, size_t glen,
			 char *event, size_t elen)
{
	const char *key, *slash;
	size_t n = line_key(line, &key), gl;

	slash = memchr(key, '/', n);
	if (!slash)
		return -EINVAL;
	gl = slash - key;
	if (!gl || gl >= glen || n - gl - 1 == 0 || n - gl - 1 >= elen)
		return -EINVAL;
	memcpy(group, key, gl);
	group[gl] = '\0';
	memcpy(event, slash + 1, n - gl - 1);
	event[n - gl - 1] = '\0';
	return 0;
}

/* How many lines of kprobe_events name an event of ours in group */
unsigned int pfc_probes_ours(const char *text, const struct pfc_names *n,
			     const char *group)
{
	char g[PFC_NAME_MAX], e[PFC_NAME_MAX];
	unsigned int nr = 0;
	const char *l;

	for (l = text; l && *l; l = next_line(l)) {
		if (pfc_probe_line_split(l, g, sizeof(g), e, sizeof(e)))
			continue;
		if (!strcmp(g, group) && pfc_name_is_ours(n, e))
			nr++;
	}
	return nr;
}

/* Whether text has a line with this key */
static bool has_key(const char *text, const char *key, size_t len)
{
	const char *l, *k;

	for (l = text; l && *l; l = next_line(l)) {
		if (line_key(l, &k) == len && !memcmp(k, key, len))
			return true;
	}
	return false;
}

/*
 * Lines of after whose key (see line_key()) no line of before has:
 * the probes that appeared in between.  Hit counts may differ.
 */
unsigned int pfc_probes_new(const char *before, const char *after)
{
	unsigned int nr = 0;
	const char *l, *k;
	size_t n;

	for (l = after; l && *l; l = next_line(l)) {
		n = line_key(l, &k);
		if (n && !has_key(before, k, n))
			nr++;
	}
	return nr;
}

/* PMU_DIR/type: a decimal number */
int pfc_pmu_parse_type(const char *s, unsigned int *type)
{
	char *end;
	unsigned long v;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || v > 0x7fffffff || (*end && *end != '\n'))
		return -EINVAL;
	*type = v;
	return 0;
}

/* PMU_DIR/format/retprobe: "config:N", one bit of attr.config */
int pfc_pmu_parse_bit(const char *s, unsigned int *bit)
{
	char *end;
	unsigned long v;

	if (!s || strncmp(s, "config:", 7) || !isdigit((unsigned char)s[7]))
		return -EINVAL;
	errno = 0;
	v = strtoul(s + 7, &end, 10);
	if (errno || v > 63 || (*end && *end != '\n'))
		return -EINVAL;
	*bit = v;
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of n values (sorts them); 0 for none */
double pfc_median(double *v, size_t n)
{
	if (!n)
		return 0.0;
	qsort(v, n, sizeof(*v), cmp_double);
	return n & 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/*
 * A path whose object's removal returned at done_ns must be gone: a
 * stat that works is a stale access, and so is any answer but ENOENT
 * (the object is gone, its name must be too).  Returns true when the
 * path is gone.
 */
bool pfc_judge_path_gone(struct pfc_result *r, struct pfc_stats *st,
			 const char *path, uint64_t done_ns)
{
	uint64_t t0;
	int ret;

	ret = pfc_fs_stat(st, path, &t0);
	pfc_stats_count(st, PFC_CTR_CHECK_PATH_GONE, 1);
	if (ret == -ENOENT) {
		pfc_stats_count(st, PFC_CTR_ENOENT_GONE, 1);
		return true;
	}
	if (!ret)
		pfc_result_violation(r, "stale-access", "stat", path, true,
				     (int64_t)(t0 - done_ns),
				     "stat of a deleted path succeeded %.3f ms after its removal returned",
				     (double)(int64_t)(t0 - done_ns) /
				     NSEC_PER_MSEC);
	else
		pfc_result_violation(r, "stale-access", "stat", path, true,
				     (int64_t)(t0 - done_ns),
				     "stat of a deleted path failed with %s, not ENOENT",
				     pfc_errno_name(-ret));
	return false;
}

/*
 * A scenario that promises N units must do all N to vouch for a PASS:
 * fewer is an ERROR (none at all is the runner's own ERROR).
 */
void pfc_judge_work_all(struct pfc_result *r, const char *what,
			unsigned long long done, unsigned long long want)
{
	if (done >= want)
		return;
	r->env_error = true;
	pfc_result_note(r, "ERROR: only %llu of %llu %s: not all judged",
			done, want, what);
}
