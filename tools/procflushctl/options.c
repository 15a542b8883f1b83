// SPDX-License-Identifier: GPL-2.0-only
/*
 * Option parsing, --help and --list.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "names.h"
#include "options.h"
#include "util.h"
#include "verdict.h"

enum {
	OPT_SYMBOL = 256,
	OPT_GROUP,
	OPT_MAX_RESIDUAL,
	OPT_MAX_RESIDUAL_ABS,
	OPT_QUIESCE_MS,
	OPT_GRACE_MS,
	OPT_PROC_INSTANCES,
	OPT_PROC_OPTS,
	OPT_STALE_EVERY,
	OPT_TRACE_CMD,
	OPT_DROP_CACHES,
	OPT_RUN_ID,
	OPT_ALL_RUNS,
	OPT_PROBE_KIND,
	OPT_ROUNDS,
};

/* long names of the PFC_O_* options, for "does not apply" messages */
static const char * const opt_names[PFC_O_NR] = {
	[PFC_O_DURATION]	= "--duration",
	[PFC_O_OPS]		= "--ops",
	[PFC_O_THREADS]		= "--threads",
	[PFC_O_SEED]		= "--seed",
	[PFC_O_SYMBOL]		= "--symbol",
	[PFC_O_GROUP]		= "--group",
	[PFC_O_MAX_RESIDUAL]	= "--max-residual",
	[PFC_O_MAX_RESIDUAL_ABS] = "--max-residual-abs",
	[PFC_O_QUIESCE_MS]	= "--quiesce-ms",
	[PFC_O_GRACE_MS]	= "--grace-ms",
	[PFC_O_PROC_INSTANCES]	= "--proc-instances",
	[PFC_O_PROC_OPTS]	= "--proc-opts",
	[PFC_O_STALE_EVERY]	= "--stale-every",
	[PFC_O_TRACE_CMD]	= "--trace-cmd",
	[PFC_O_DROP_CACHES]	= "--drop-caches",
	[PFC_O_RUN_ID]		= "--run-id",
	[PFC_O_ALL_RUNS]	= "--all-runs",
	[PFC_O_PROBE_KIND]	= "--probe-kind",
	[PFC_O_ROUNDS]		= "--rounds",
};

static const struct option long_opts[] = {
	{ "duration",		required_argument, NULL, 'd' },
	{ "ops",		required_argument, NULL, 'n' },
	{ "threads",		required_argument, NULL, 't' },
	{ "seed",		required_argument, NULL, 's' },
	{ "json",		required_argument, NULL, 'j' },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "verbose",		no_argument,	   NULL, 'v' },
	{ "list",		no_argument,	   NULL, 'l' },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "version",		no_argument,	   NULL, 'V' },
	{ "symbol",		required_argument, NULL, OPT_SYMBOL },
	{ "group",		required_argument, NULL, OPT_GROUP },
	{ "max-residual",	required_argument, NULL, OPT_MAX_RESIDUAL },
	{ "max-residual-abs",	required_argument, NULL, OPT_MAX_RESIDUAL_ABS },
	{ "quiesce-ms",		required_argument, NULL, OPT_QUIESCE_MS },
	{ "grace-ms",		required_argument, NULL, OPT_GRACE_MS },
	{ "proc-instances",	required_argument, NULL, OPT_PROC_INSTANCES },
	{ "proc-opts",		required_argument, NULL, OPT_PROC_OPTS },
	{ "stale-every",	required_argument, NULL, OPT_STALE_EVERY },
	{ "trace-cmd",		required_argument, NULL, OPT_TRACE_CMD },
	{ "drop-caches",	no_argument,	   NULL, OPT_DROP_CACHES },
	{ "run-id",		required_argument, NULL, OPT_RUN_ID },
	{ "all-runs",		no_argument,	   NULL, OPT_ALL_RUNS },
	{ "probe-kind",		required_argument, NULL, OPT_PROBE_KIND },
	{ "rounds",		required_argument, NULL, OPT_ROUNDS },
	{ NULL, 0, NULL, 0 },
};

void pfc_opts_defaults(struct pfc_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->scen = PFC_SCEN_NONE;
	o->group = "kprobes";
	o->max_residual = PFC_DEFAULT_MAX_RESIDUAL;
	o->quiesce_ms = 500;
	o->grace_ms = 100;
	o->proc_instances = 3;
	o->stale_every = 4;
	o->probe_kind = PFC_PROBE_MIXED;
	o->rounds = 1;
}

static const char * const probe_kind_names[] = {
	[PFC_PROBE_MIXED]	= "mixed",
	[PFC_PROBE_KPROBE]	= "kprobe",
	[PFC_PROBE_KRETPROBE]	= "kretprobe",
};

/* "kprobe", "kretprobe" or "mixed"; -EINVAL for anything else */
int pfc_probe_kind_parse(const char *s, enum pfc_probe_kind *kind)
{
	size_t i;

	for (i = 0; s && i < ARRAY_SIZE(probe_kind_names); i++) {
		if (!strcmp(s, probe_kind_names[i])) {
			*kind = i;
			return 0;
		}
	}
	return -EINVAL;
}

const char *pfc_probe_kind_name(enum pfc_probe_kind kind)
{
	return (unsigned int)kind < ARRAY_SIZE(probe_kind_names) ?
	       probe_kind_names[kind] : "?";
}

/* Whether the i'th probe (from 0) of a run of this kind is a retprobe */
bool pfc_probe_is_ret(enum pfc_probe_kind kind, unsigned long long i)
{
	if (kind == PFC_PROBE_MIXED)
		return i & 1;
	return kind == PFC_PROBE_KRETPROBE;
}

static __printf(3, 4) int usage_err(char *err, size_t len,
				    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, len, fmt, ap);
	va_end(ap);
	return PFC_EXIT_USAGE;
}

static const char *num_err(int ret)
{
	return ret == -ERANGE ? "out of range" : "not a number";
}

/* sym, sym+off, module:sym, or 0xaddr: nothing that could split a line */
bool pfc_symbol_valid(const char *sym)
{
	size_t i, len;

	if (!sym)
		return false;
	len = strlen(sym);
	if (!len || len > 128)
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = sym[i];

		if (!isalnum(c) && c != '_' && c != '.' && c != ':' &&
		    c != '+')
			return false;
	}
	return true;
}

static int parse_uint(const char *arg, const char *opt, uint64_t min,
		      uint64_t max, uint64_t *out, char *err, size_t len)
{
	int ret = pfc_parse_u64(arg, min, max, out);

	if (ret)
		return usage_err(err, len,
				 "invalid %s '%s': %s (allowed %llu..%llu)",
				 opt, arg, num_err(ret),
				 (unsigned long long)min,
				 (unsigned long long)max);
	return 0;
}

/* Options that the chosen scenario would ignore are usage errors */
static int check_applies(const struct pfc_opts *o, char *err, size_t len)
{
	unsigned long extra = o->given & ~pfc_scen_opts(o->scen);
	int i;

	for (i = 0; i < PFC_O_NR; i++) {
		if (extra & BIT(i))
			return usage_err(err, len,
					 "%s does not apply to '%s' (see --help)",
					 opt_names[i], o->scen_name);
	}
	if (o->run_id && o->all_runs)
		return usage_err(err, len,
				 "--run-id and --all-runs exclude each other");
	return 0;
}

int pfc_opts_parse(struct pfc_opts *o, int argc, char **argv, char *err,
		   size_t errlen)
{
	uint64_t v;
	double d;
	int c, ret;

	err[0] = '\0';
	optind = 0;	/* full reset, so tests can parse repeatedly */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":d:n:t:s:j:qvlhV", long_opts,
				NULL)) != -1) {
		ret = 0;
		switch (c) {
		case 'd':
			ret = pfc_parse_seconds(optarg, &o->duration);
			if (!ret && o->duration < PFC_MIN_DURATION)
				ret = -ERANGE;
			if (ret)
				return usage_err(err, errlen,
						 "invalid --duration '%s': %s (seconds, at least %g, at most 86400; suffix s, ms or m allowed)",
						 optarg, num_err(ret),
						 PFC_MIN_DURATION);
			o->duration_set = true;
			o->given |= BIT(PFC_O_DURATION);
			break;
		case 'n':
			ret = parse_uint(optarg, "--ops", 1, 1000000000ULL,
					 &o->ops, err, errlen);
			o->ops_set = true;
			o->given |= BIT(PFC_O_OPS);
			break;
		case 't':
			ret = parse_uint(optarg, "--threads", 1,
					 PFC_MAX_THREADS, &v, err, errlen);
			o->threads = v;
			o->threads_set = true;
			o->given |= BIT(PFC_O_THREADS);
			break;
		case 's':
			ret = parse_uint(optarg, "--seed", 0, UINT64_MAX,
					 &o->seed, err, errlen);
			o->seed_set = true;
			o->given |= BIT(PFC_O_SEED);
			break;
		case 'j':
			if (!*optarg)
				return usage_err(err, errlen,
						 "--json needs a file name or '-'");
			o->json = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'l':
			o->list = true;
			break;
		case 'h':
			o->help = true;
			break;
		case 'V':
			o->version = true;
			break;
		case OPT_SYMBOL:
			if (!pfc_symbol_valid(optarg))
				return usage_err(err, errlen,
						 "invalid --symbol '%s': use a kernel symbol, symbol+offset or module:symbol",
						 optarg);
			o->symbol = optarg;
			o->given |= BIT(PFC_O_SYMBOL);
			break;
		case OPT_GROUP:
			if (!pfc_name_valid(optarg))
				return usage_err(err, errlen,
						 "invalid --group '%s': letters, digits and '_' only, not starting with a digit",
						 optarg);
			o->group = optarg;
			o->given |= BIT(PFC_O_GROUP);
			break;
		case OPT_MAX_RESIDUAL:
			ret = pfc_parse_double(optarg, 0.0, 1e9, &d);
			if (ret)
				return usage_err(err, errlen,
						 "invalid --max-residual '%s': %s (dentries per churned object, 0 disables)",
						 optarg, num_err(ret));
			o->max_residual = d;
			o->given |= BIT(PFC_O_MAX_RESIDUAL);
			break;
		case OPT_MAX_RESIDUAL_ABS:
			ret = parse_uint(optarg, "--max-residual-abs", 0,
					 1000000000000ULL, &v, err, errlen);
			o->max_residual_abs = v;
			o->given |= BIT(PFC_O_MAX_RESIDUAL_ABS);
			break;
		case OPT_QUIESCE_MS:
			ret = parse_uint(optarg, "--quiesce-ms", 0, 60000, &v,
					 err, errlen);
			o->quiesce_ms = v;
			o->given |= BIT(PFC_O_QUIESCE_MS);
			break;
		case OPT_GRACE_MS:
			ret = parse_uint(optarg, "--grace-ms", 0, 60000, &v,
					 err, errlen);
			o->grace_ms = v;
			o->given |= BIT(PFC_O_GRACE_MS);
			break;
		case OPT_PROC_INSTANCES:
			ret = parse_uint(optarg, "--proc-instances", 1, 16,
					 &v, err, errlen);
			o->proc_instances = v;
			o->given |= BIT(PFC_O_PROC_INSTANCES);
			break;
		case OPT_PROC_OPTS:
			if (o->nr_proc_opts >= PFC_MAX_PROC_OPTS)
				return usage_err(err, errlen,
						 "too many --proc-opts (at most %d)",
						 PFC_MAX_PROC_OPTS);
			if (strpbrk(optarg, " \t\n"))
				return usage_err(err, errlen,
						 "invalid --proc-opts '%s'",
						 optarg);
			o->proc_opts[o->nr_proc_opts++] = optarg;
			o->given |= BIT(PFC_O_PROC_OPTS);
			break;
		case OPT_STALE_EVERY:
			ret = parse_uint(optarg, "--stale-every", 1, 1000000,
					 &v, err, errlen);
			o->stale_every = v;
			o->given |= BIT(PFC_O_STALE_EVERY);
			break;
		case OPT_TRACE_CMD:
			if (!*optarg)
				return usage_err(err, errlen,
						 "--trace-cmd needs a path");
			o->trace_cmd = optarg;
			o->given |= BIT(PFC_O_TRACE_CMD);
			break;
		case OPT_DROP_CACHES:
			o->drop_caches = true;
			o->given |= BIT(PFC_O_DROP_CACHES);
			break;
		case OPT_RUN_ID:
			if (!pfc_run_id_valid(optarg))
				return usage_err(err, errlen,
						 "invalid --run-id '%s': %d lower-case hex digits, as printed at the start of the run and in its JSON",
						 optarg, PFC_RUN_ID_LEN);
			o->run_id = optarg;
			o->given |= BIT(PFC_O_RUN_ID);
			break;
		case OPT_ALL_RUNS:
			o->all_runs = true;
			o->given |= BIT(PFC_O_ALL_RUNS);
			break;
		case OPT_PROBE_KIND:
			if (pfc_probe_kind_parse(optarg, &o->probe_kind))
				return usage_err(err, errlen,
						 "invalid --probe-kind '%s': kprobe, kretprobe or mixed",
						 optarg);
			o->given |= BIT(PFC_O_PROBE_KIND);
			break;
		case OPT_ROUNDS:
			ret = parse_uint(optarg, "--rounds", 1, PFC_MAX_ROUNDS,
					 &v, err, errlen);
			o->rounds = v;
			o->given |= BIT(PFC_O_ROUNDS);
			break;
		case ':':
			return usage_err(err, errlen,
					 "option '%s' needs an argument",
					 argv[optind - 1]);
		case '?':
		default:
			if (optopt && optopt < 256)
				return usage_err(err, errlen,
						 "unknown option '-%c'",
						 optopt);
			return usage_err(err, errlen, "unknown option '%s'",
					 argv[optind - 1]);
		}
		if (ret)
			return ret;
	}

	if (o->help || o->version || o->list)
		return 0;
	if (optind >= argc)
		return usage_err(err, errlen,
				 "no scenario given (try --list, or 'all')");
	if (argc - optind > 1)
		return usage_err(err, errlen,
				 "one scenario at a time: unexpected '%s'",
				 argv[optind + 1]);
	o->scen_name = argv[optind];
	o->scen = pfc_scen_lookup(o->scen_name);
	if (o->scen == PFC_SCEN_NONE)
		return usage_err(err, errlen,
				 "unknown scenario '%s' (see --list)",
				 o->scen_name);
	return check_applies(o, err, errlen);
}

/*
 * The --json argument of a command line that failed to parse (the
 * error may come before --json), so that the JSON document carrying
 * the usage error is still written.  NULL if there is none.
 */
const char *pfc_opts_json_path(int argc, char **argv)
{
	const char *path = NULL;
	int i;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "-j"))
			path = i + 1 < argc ? argv[++i] : NULL;
		else if (!strncmp(argv[i], "--json=", 7))
			path = argv[i] + 7;
		else if (!strncmp(argv[i], "-j", 2))
			path = argv[i] + 2;
	}
	return path && *path ? path : NULL;
}

void pfc_usage(FILE *f)
{
	fprintf(f,
		"Usage: procflushctl [OPTIONS] SCENARIO\n"
		"       procflushctl cleanup [--run-id ID | --all-runs]\n"
		"       procflushctl --list | --help | --version\n"
		"\n"
		"Storm kprobe event creation, deletion and access through eventfs, tracefs\n"
		"instances and /proc, and judge what is seen: stale access to deleted\n"
		"objects, dentries left behind per churned object, reaped pids still\n"
		"visible, kernel splats in /dev/kmsg and new kernel taints.  Needs root.\n"
		"\n"
		"Scenarios: see --list (with the unit of --ops and the defaults of each);\n"
		"'all' runs every scenario, 'cleanup' lists or removes what an earlier\n"
		"run that crashed left behind.\n"
		"\n"
		"Options (an option that does not apply to the scenario is an error):\n"
		"  -d, --duration SEC      cap per scenario after its setup (default 30;\n"
		"                          at least %g; 2.5, 1500ms, 1m ok)\n"
		"  -n, --ops N             work per scenario (see --list for the unit)\n"
		"  -t, --threads N         worker threads, 1..%d\n"
		"  -s, --seed N            random seed (default: from the clock, printed)\n"
		"  -j, --json FILE|-       write the results as JSON ('-' for stdout)\n"
		"  -q, --quiet             no progress line, only the verdicts\n"
		"  -v, --verbose           list every kept violation\n"
		"  -l, --list              list scenarios, their --ops unit and defaults\n"
		"      --symbol SYM        kernel symbol to probe (default: first of\n"
		"                          vfs_read, do_sys_openat2, ksys_read, ... that works)\n"
		"      --group NAME        kprobe event group (default kprobes)\n"
		"      --max-residual R    kprobe-churn, clear-all: max median residual\n"
		"                          dentries per unprobed object and round\n"
		"                          (default %.1f, 0 disables)\n"
		"      --max-residual-abs N  max residual dentries per scenario (default off)\n"
		"      --quiesce-ms MS     settle time before each dentry reading (default 500)\n"
		"      --grace-ms MS       proc-storm, exec-storm: how long a reaped pid may stay\n"
		"                          visible (default 100)\n"
		"      --proc-instances K  proc-storm, exec-storm: procfs instances (default 3)\n"
		"      --proc-opts OPTS    proc-storm, exec-storm: mount options of one instance,\n"
		"                          repeatable (default: hidepid=invisible, subset=pid,\n"
		"                          plain)\n"
		"      --stale-every N     kprobe-churn: probe every Nth deleted event for\n"
		"                          stale access (default 4; each probe invalidates\n"
		"                          that event's dentries, so it is not counted in\n"
		"                          the residual verdict; 1 leaves none to judge)\n"
		"      --trace-cmd PATH    trace-cmd-client: trace-cmd binary (default: PATH)\n"
		"      --drop-caches       drop dentry caches before each baseline read\n"
		"      --probe-kind KIND   destroy-one-by-one, pmu-churn: kprobe, kretprobe\n"
		"                          or mixed (default: mixed, alternating)\n"
		"      --rounds R          destroy-one-by-one, pmu-churn: repeat the create\n"
		"                          and delete R times, report the median (default 1)\n"
		"      --run-id ID         cleanup: remove the leftovers of run ID\n"
		"      --all-runs          cleanup: remove the leftovers of every run\n"
		"  -h, --help              this text\n"
		"  -V, --version           print the version\n"
		"\n"
		"Exit status (the first that applies):\n"
		"  2  usage error: fix the command line (see above)\n"
		"  1  a violation was found (stale access, residual dentries, visible\n"
		"     reaped pid, kernel splat or taint, ...): read the report\n"
		"  128+N  interrupted by signal N after cleaning up\n"
		"  3  environment or ERROR: not root, no tracefs, a scenario that\n"
		"     could not run or did too little to be judged, kernel log\n"
		"     records lost, nothing but skipped scenarios, leftovers not\n"
		"     removed, tracefs owner not restored, JSON not written: the\n"
		"     message says why\n"
		"  0  every scenario that ran passed (skipped ones aside)\n",
		PFC_MIN_DURATION, PFC_MAX_THREADS, PFC_DEFAULT_MAX_RESIDUAL);
}

void pfc_list(FILE *f)
{
	const struct pfc_scen_info *s;
	int i;

	for (i = 0; i < PFC_SCEN_NR; i++) {
		s = &pfc_scen_info[i];
		fprintf(f, "%-18s %s\n", s->name, s->desc);
		fprintf(f, "%-18s   --ops unit: %s (default %llu); threads %u; duration %.0f s\n",
			"", s->ops_means, (unsigned long long)s->ops,
			s->threads, s->duration);
	}
	fprintf(f, "%-18s %s\n", "all", "run every scenario above in order");
	fprintf(f, "%-18s %s\n", "cleanup",
		"list, or with --run-id ID or --all-runs remove, what crashed runs left");
}
