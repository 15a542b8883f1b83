// SPDX-License-Identifier: GPL-2.0-only
/*
 * pmu-churn: a small client of the perf kprobe PMU, the other way
 * tools (perf, BPF loaders) create and delete kprobes.
 *
 * The PMU's type is read from /sys/bus/event_source/devices/kprobe/
 * type, and the retprobe bit of attr.config from its format/retprobe
 * ("config:0").  N (--ops) probes on the run's symbol (attr.config1 =
 * the symbol name, attr.config2 = the offset), kprobes and/or
 * kretprobes (--probe-kind), are opened with perf_event_open(),
 * disabled, then closed one by one; both phases are timed.  These
 * probes are the kernel's local trace_kprobes: they get no eventfs
 * directory and are never listed in kprobe_events.
 *
 * Oracles: every open succeeds, every close returns 0, kprobe_events
 * and kprobe_profile list nothing afterwards that they did not list
 * before, no splat or taint; all N opened and closed, or it is an
 * ERROR.  Without the PMU the scenario is a SKIP.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fsops.h"
#include "probeview.h"
#include "scenario.h"
#include "tfs.h"
#include "util.h"

#define PMU_TEXT_MAX	(1024 * 1024)

struct pmu_state {
	struct pfc_ctx *ctx;
	unsigned int type;
	unsigned int ret_bit;
	char func[128];		/* symbol, without +offset */
	uint64_t offset;
	uint64_t addr;		/* --symbol 0xADDR */
	int *fds;
	char *before[2], *after[2];
};

static const char * const listing[2] = { "kprobe_events", "kprobe_profile" };

struct pmu_round {
	double open_ms, close_ms;
	unsigned long long opened, closed;
};

/* "sym", "sym+off", "module:sym" or "0xaddr" into func/offset/addr */
static int split_symbol(struct pmu_state *s, const char *sym)
{
	char *plus, *end;

	if (!strncmp(sym, "0x", 2)) {
		errno = 0;
		s->addr = strtoull(sym, &end, 16);
		return errno || *end ? -EINVAL : 0;
	}
	pfc_strlcpy(s->func, sym, sizeof(s->func));
	plus = strchr(s->func, '+');
	if (plus) {
		*plus = '\0';
		errno = 0;
		s->offset = strtoull(plus + 1, &end, 0);
		if (errno || *end)
			return -EINVAL;
	}
	return 0;
}

/*
 * One number of the PMU's sysfs files: 0, -ENOENT-like when the file
 * cannot be read (the caller skips), or -EINVAL (an environment error
 * is set) when it makes no sense.
 */
static int pmu_read(struct pfc_ctx *ctx, const char *file,
		    int (*parse)(const char *s, unsigned int *v),
		    unsigned int *v)
{
	char path[128], buf[64];
	int ret;

	snprintf(path, sizeof(path), "%s/%s", PFC_PMU_DIR, file);
	ret = pfc_read_small_file(path, buf, sizeof(buf));
	if (ret < 0)
		return ret;
	if (parse(buf, v)) {
		pfc_env_error(ctx, "%s: unexpected contents '%.20s'", path, buf);
		return -EINVAL;
	}
	return 0;
}

/* The PMU's type and, when retprobes are wanted, the retprobe bit */
static int pmu_setup(struct pmu_state *s)
{
	struct pfc_ctx *ctx = s->ctx;
	int ret;

	ret = pmu_read(ctx, "type", pfc_pmu_parse_type, &s->type);
	if (ret == -EINVAL)
		return ret;
	if (ret) {
		pfc_skip(ctx,
			 "no kprobe PMU (%s/type: %s): kernel without CONFIG_PERF_EVENTS and CONFIG_KPROBE_EVENTS, or older than 4.17",
			 PFC_PMU_DIR, strerror(-ret));
		return ret;
	}
	if (ctx->opts->probe_kind == PFC_PROBE_KPROBE)
		return 0;
	ret = pmu_read(ctx, "format/retprobe", pfc_pmu_parse_bit,
		       &s->ret_bit);
	if (ret && ret != -EINVAL)
		pfc_skip(ctx,
			 "the kprobe PMU has no retprobe format (%s/format/retprobe: %s): use --probe-kind kprobe",
			 PFC_PMU_DIR, strerror(-ret));
	return ret;
}

/* Room for n more fds: raise the soft limit up to the hard one */
static int fd_room(uint64_t n)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return -errno;
	if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < n + 64) {
		if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < n + 64)
			return -EMFILE;
		rl.rlim_cur = n + 64;
		if (setrlimit(RLIMIT_NOFILE, &rl))
			return -errno;
	}
	return 0;
}

static int read_listing(struct pmu_state *s, unsigned int i, char *buf)
{
	struct pfc_ctx *ctx = s->ctx;
	char p[PATH_MAX];
	ssize_t n;

	pfc_tfs_path(ctx, p, sizeof(p), listing[i]);
	n = pfc_fs_read_file(&ctx->res->stats, p, buf, PMU_TEXT_MAX, NULL);
	if (n < 0)
		pfc_env_error(ctx, "cannot read %s: %s", p, strerror(-n));
	return n < 0 ? (int)n : 0;
}

static int pmu_open(struct pmu_state *s, bool ret_probe)
{
	struct perf_event_attr attr;

	memset(&attr, 0, sizeof(attr));
	attr.size = sizeof(attr);
	attr.type = s->type;
	attr.config = ret_probe ? 1ULL << s->ret_bit : 0;
	if (s->func[0]) {
		attr.kprobe_func = (uint64_t)(uintptr_t)s->func;
		attr.probe_offset = s->offset;
	} else {
		attr.kprobe_addr = s->addr;
	}
	attr.disabled = 1;
	return syscall(SYS_perf_event_open, &attr, -1, 0, -1,
		       PERF_FLAG_FD_CLOEXEC);
}

static void pmu_round(struct pmu_state *s, uint64_t n, struct pmu_round *out)
{
	struct pfc_ctx *ctx = s->ctx;
	struct pfc_stats *st = &ctx->res->stats;
	uint64_t i, t, lat, sum = 0;
	int fd, ret;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < n && pfc_running(ctx); i++) {
		bool ret_probe = pfc_probe_is_ret(ctx->opts->probe_kind, i);

		t = pfc_now_ns();
		fd = pmu_open(s, ret_probe);
		lat = pfc_now_ns() - t;
		ret = fd < 0 ? -errno : 0;
		pfc_stats_record(st, PFC_OP_PMU_OPEN, lat, ret);
		if (ret == -EMFILE || ret == -ENFILE || ret == -ENOMEM) {
			pfc_env_error(ctx, "perf_event_open: %s", strerror(-ret));
			break;
		}
		if (ret) {
			pfc_result_violation(ctx->res, "pmu-open-failed",
					     "pmu-open", s->func[0] ? s->func : "addr",
					     false, 0,
					     "perf_event_open() of a %s on the kprobe PMU failed: %s",
					     ret_probe ? "kretprobe" : "kprobe",
					     strerror(-ret));
			break;
		}
		sum += lat;
		s->fds[out->opened++] = fd;
	}
	out->open_ms = (double)sum / NSEC_PER_MSEC;
	sum = 0;
	for (i = 0; i < out->opened; i++) {
		t = pfc_now_ns();
		ret = close(s->fds[i]) ? -errno : 0;
		lat = pfc_now_ns() - t;
		pfc_stats_record(st, PFC_OP_PMU_CLOSE, lat, ret);
		sum += lat;
		if (ret) {
			pfc_result_violation(ctx->res, "pmu-close-failed",
					     "pmu-close", "", false, 0,
					     "close() of a kprobe PMU event failed: %s",
					     strerror(-ret));
			continue;
		}
		out->closed++;
		pfc_churned(ctx, 1);
		pfc_op_done(ctx);
	}
	out->close_ms = (double)sum / NSEC_PER_MSEC;

	/* nothing may be left where kprobes are listed */
	for (i = 0; i < ARRAY_SIZE(listing); i++) {
		unsigned int left;

		if (read_listing(s, i, s->after[i]))
			continue;
		left = pfc_probes_new(s->before[i], s->after[i]);
		if (left)
			pfc_result_violation(ctx->res, "probe-left", "read",
					     listing[i], false, 0,
					     "%u lines that were not there before the probes were opened and closed",
					     left);
	}
}

static void report(struct pfc_ctx *ctx, struct pmu_round *r, unsigned int nr)
{
	double open[PFC_MAX_ROUNDS], close_t[PFC_MAX_ROUNDS];
	double open_per[PFC_MAX_ROUNDS], close_per[PFC_MAX_ROUNDS];
	unsigned int i, k = 0;

	for (i = 0; i < nr; i++) {
		if (!r[i].opened || !r[i].closed)
			continue;
		open[k] = r[i].open_ms;
		close_t[k] = r[i].close_ms;
		open_per[k] = r[i].open_ms / (double)r[i].opened;
		close_per[k++] = r[i].close_ms / (double)r[i].closed;
	}
	if (!k)
		return;
	pfc_result_metric(ctx->res, "pmu_open_ms_total", pfc_median(open, k),
			  "ms (median of the rounds)");
	pfc_result_metric(ctx->res, "pmu_open_ms_per_probe",
			  pfc_median(open_per, k), "ms (median of the rounds)");
	pfc_result_metric(ctx->res, "pmu_close_ms_total",
			  pfc_median(close_t, k), "ms (median of the rounds)");
	pfc_result_metric(ctx->res, "pmu_close_ms_per_probe",
			  pfc_median(close_per, k), "ms (median of the rounds)");
	pfc_result_metric(ctx->res, "rounds", k, "");
}

void pfc_scen_pmu_churn(struct pfc_ctx *ctx)
{
	unsigned int rounds = ctx->opts->rounds, r, i;
	struct pmu_round res[PFC_MAX_ROUNDS];
	struct pmu_state s = { .ctx = ctx };
	uint64_t n;
	int ret;

	if (pmu_setup(&s))
		return;
	if (split_symbol(&s, ctx->tfs->symbol)) {
		pfc_env_error(ctx, "cannot give symbol '%s' to the kprobe PMU",
			      ctx->tfs->symbol);
		return;
	}
	n = pfc_budget_rounds(ctx, rounds);
	ret = fd_room(n);
	if (ret) {
		pfc_env_error(ctx,
			      "no room for %llu perf fds (%s): raise 'ulimit -n' or lower --ops",
			      (unsigned long long)n, strerror(-ret));
		return;
	}
	s.fds = calloc(n, sizeof(*s.fds));
	for (i = 0; i < ARRAY_SIZE(listing); i++) {
		s.before[i] = malloc(PMU_TEXT_MAX);
		s.after[i] = malloc(PMU_TEXT_MAX);
	}
	if (!s.fds || !s.before[0] || !s.before[1] || !s.after[0] ||
	    !s.after[1]) {
		pfc_env_error(ctx, "out of memory for %llu probes",
			      (unsigned long long)n);
		goto out;
	}
	for (i = 0; i < ARRAY_SIZE(listing); i++) {
		if (read_listing(&s, i, s.before[i]))
			goto out;
	}
	pfc_result_note(ctx->res, "%llu %s probes per round on %s, PMU type %u, retprobe bit %u",
			(unsigned long long)n,
			pfc_probe_kind_name(ctx->opts->probe_kind),
			ctx->tfs->symbol, s.type, s.ret_bit);
	for (r = 0; r < rounds && pfc_running(ctx); r++)
		pmu_round(&s, n, &res[r]);
	report(ctx, res, r);
	pfc_judge_budget_done(ctx, "probes opened and closed");
out:
	for (i = 0; i < ARRAY_SIZE(listing); i++) {
		free(s.before[i]);
		free(s.after[i]);
	}
	free(s.fds);
}
