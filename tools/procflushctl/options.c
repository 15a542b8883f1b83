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
	OPT_FORCE,
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
	{ "force",		no_argument,	   NULL, OPT_FORCE },
	{ NULL, 0, NULL, 0 },
};

void pfc_opts_defaults(struct pfc_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->scen = PFC_SCEN_NONE;
	o->group = "kprobes";
	o->max_residual = 1.0;
	o->quiesce_ms = 500;
	o->grace_ms = 100;
	o->proc_instances = 3;
	o->stale_every = 4;
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
			if (ret)
				return usage_err(err, errlen,
						 "invalid --duration '%s': %s (seconds > 0, at most 86400; suffix s, ms or m allowed)",
						 optarg, num_err(ret));
			o->duration_set = true;
			break;
		case 'n':
			ret = parse_uint(optarg, "--ops", 1, 1000000000ULL,
					 &o->ops, err, errlen);
			o->ops_set = true;
			break;
		case 't':
			ret = parse_uint(optarg, "--threads", 1,
					 PFC_MAX_THREADS, &v, err, errlen);
			o->threads = v;
			o->threads_set = true;
			break;
		case 's':
			ret = parse_uint(optarg, "--seed", 0, UINT64_MAX,
					 &o->seed, err, errlen);
			o->seed_set = true;
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
			break;
		case OPT_GROUP:
			if (!pfc_name_valid(optarg))
				return usage_err(err, errlen,
						 "invalid --group '%s': letters, digits and '_' only, not starting with a digit",
						 optarg);
			o->group = optarg;
			break;
		case OPT_MAX_RESIDUAL:
			ret = pfc_parse_double(optarg, 0.0, 1e9, &d);
			if (ret)
				return usage_err(err, errlen,
						 "invalid --max-residual '%s': %s (dentries per churned object, 0 disables)",
						 optarg, num_err(ret));
			o->max_residual = d;
			break;
		case OPT_MAX_RESIDUAL_ABS:
			ret = parse_uint(optarg, "--max-residual-abs", 0,
					 1000000000000ULL, &v, err, errlen);
			o->max_residual_abs = v;
			break;
		case OPT_QUIESCE_MS:
			ret = parse_uint(optarg, "--quiesce-ms", 0, 60000, &v,
					 err, errlen);
			o->quiesce_ms = v;
			break;
		case OPT_GRACE_MS:
			ret = parse_uint(optarg, "--grace-ms", 0, 60000, &v,
					 err, errlen);
			o->grace_ms = v;
			break;
		case OPT_PROC_INSTANCES:
			ret = parse_uint(optarg, "--proc-instances", 1, 16,
					 &v, err, errlen);
			o->proc_instances = v;
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
			break;
		case OPT_STALE_EVERY:
			ret = parse_uint(optarg, "--stale-every", 1, 1000000,
					 &v, err, errlen);
			o->stale_every = v;
			break;
		case OPT_TRACE_CMD:
			if (!*optarg)
				return usage_err(err, errlen,
						 "--trace-cmd needs a path");
			o->trace_cmd = optarg;
			break;
		case OPT_DROP_CACHES:
			o->drop_caches = true;
			break;
		case OPT_FORCE:
			o->force = true;
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
	return 0;
}

void pfc_usage(FILE *f)
{
	fprintf(f,
		"Usage: procflushctl [OPTIONS] SCENARIO\n"
		"       procflushctl cleanup [--force]\n"
		"       procflushctl --list | --help | --version\n"
		"\n"
		"Storm kprobe event creation, deletion and access through eventfs, tracefs\n"
		"instances and /proc, and judge what is seen: stale access to deleted\n"
		"objects, dentries left behind per churned object, reaped pids still\n"
		"visible, kernel splats in /dev/kmsg.  Needs root.\n"
		"\n"
		"Scenarios: see --list; 'all' runs the default suite, 'cleanup' removes\n"
		"the leftovers (pfc_* events and instances) of an earlier crashed run.\n"
		"\n"
		"Options:\n"
		"  -d, --duration SEC      cap per scenario (default 30; 2.5, 500ms, 1m ok)\n"
		"  -n, --ops N             work per scenario (see --list for the unit)\n"
		"  -t, --threads N         worker threads, 1..%d\n"
		"  -s, --seed N            random seed (default: from the clock, printed)\n"
		"  -j, --json FILE|-       write the results as JSON ('-' for stdout)\n"
		"  -q, --quiet             no progress line, only the verdicts\n"
		"  -v, --verbose           more detail in the report\n"
		"  -l, --list              list scenarios with one-line descriptions\n"
		"      --symbol SYM        kernel symbol to probe (default: first of\n"
		"                          vfs_read, do_sys_openat2, ksys_read, ... that works)\n"
		"      --group NAME        kprobe event group (default kprobes)\n"
		"      --max-residual R    max residual dentries per churned object\n"
		"                          (default 1.0, 0 disables)\n"
		"      --max-residual-abs N  max residual dentries per scenario (default off)\n"
		"      --quiesce-ms MS     sleep before the quiesced dentry re-read and\n"
		"                          length of the no-op noise interval (default 500)\n"
		"      --grace-ms MS       how long a reaped pid may stay visible (default 100)\n"
		"      --proc-instances K  procfs instances for proc-storm (default 3)\n"
		"      --proc-opts OPTS    mount options of one procfs instance, repeatable\n"
		"                          (default: hidepid=invisible, subset=pid, plain)\n"
		"      --stale-every N     kprobe-churn: probe every Nth deleted event for\n"
		"                          stale access (default 4; each probe invalidates\n"
		"                          that event's dentries, hiding its residual)\n"
		"      --trace-cmd PATH    trace-cmd binary (default: from PATH)\n"
		"      --drop-caches       drop dentry caches before each baseline read\n"
		"      --force             cleanup: also remove objects of live runs\n"
		"  -h, --help              this text\n"
		"  -V, --version           print the version\n"
		"\n"
		"Exit status:\n"
		"  0  every scenario passed\n"
		"  1  a violation was found (stale access, residual dentries, visible\n"
		"     reaped pid, kernel splat, ...): read the report\n"
		"  2  usage error: fix the command line (see above)\n"
		"  3  environment: not root, no tracefs, kernel without kprobe events,\n"
		"     libtracefs/libtraceevent missing, scenario skipped: the message\n"
		"     says what to install or enable\n"
		"  128+N  interrupted by signal N after cleaning up\n",
		PFC_MAX_THREADS);
}

void pfc_list(FILE *f)
{
	int i;

	for (i = 0; i < PFC_SCEN_NR; i++)
		fprintf(f, "%-18s %s\n", pfc_scen_info[i].name,
			pfc_scen_info[i].desc);
	fprintf(f, "%-18s %s\n", "all", "run every scenario above in order");
	fprintf(f, "%-18s %s\n", "cleanup",
		"remove pfc_* kprobe events and instances left by a crashed run");
}
