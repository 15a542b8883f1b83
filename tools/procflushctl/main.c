// SPDX-License-Identifier: GPL-2.0-only
/*
 * procflushctl: storm kprobe event creation, deletion and access, and
 * /proc, and judge what is seen.
 *
 * main() checks the environment, sets up the private mount namespace,
 * tracefs and the scratch tmpfs, runs the scenarios, cleans up on
 * every path and reports.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cleanup.h"
#include "exechelper.h"
#include "kmsg.h"
#include "options.h"
#include "procfs.h"
#include "report.h"
#include "scenario.h"
#include "sig.h"
#include "tfs.h"
#include "tfslib.h"
#include "util.h"

static __printf(1, 2) void warnx_(const char *fmt, ...)
{
	va_list ap;

	fputs("procflushctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int env_fail(const char *fmt, ...)
	__printf(1, 2);
static int env_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("procflushctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return PFC_EXIT_ENV;
}

static unsigned int scenario_needs(enum pfc_scen_id scen)
{
	unsigned int needs = 0;
	int i;

	if (scen == PFC_SCEN_CLEANUP)
		return PFC_NEED_TRACEFS;
	if (scen != PFC_SCEN_ALL)
		return pfc_scen_info[scen].needs;
	for (i = 0; i < PFC_SCEN_NR; i++)
		needs |= pfc_scen_info[i].needs;
	return needs;
}

static FILE *open_json(const char *path)
{
	if (!path)
		return NULL;
	if (!strcmp(path, "-"))
		return stdout;
	return fopen(path, "we");
}

/* 48 random bits: the run id, unique across pid namespaces */
static uint64_t random_run_id(void)
{
	uint64_t id = 0;

	if (getrandom(&id, sizeof(id), GRND_NONBLOCK) != sizeof(id))
		id = pfc_now_ns() ^ ((uint64_t)getpid() << 40) ^
		     (uint64_t)(uintptr_t)&id;
	return id;
}

static void run_init(struct pfc_run *run, const struct pfc_opts *opts)
{
	struct utsname uts;

	memset(run, 0, sizeof(*run));
	run->opts = opts;
	if (!uname(&uts)) {
		pfc_strlcpy(run->kernel_release, uts.release,
			    sizeof(run->kernel_release));
		pfc_strlcpy(run->kernel_version, uts.version,
			    sizeof(run->kernel_version));
		pfc_strlcpy(run->machine, uts.machine, sizeof(run->machine));
	}
}

/*
 * Every exit after the JSON file is known goes through here: the JSON
 * document is written with the exit code and the error, if any.  A
 * JSON report that cannot be written turns a clean exit into 3.
 */
static int finish(struct pfc_run *run, FILE *json, int code, const char *err)
{
	int bad;

	run->exit_code = code;
	run->error = err && *err ? err : NULL;
	if (!json)
		return run->exit_code;
	bad = pfc_report_json(json, run);
	bad |= fflush(json) | ferror(json);
	if (json != stdout)
		bad |= fclose(json);
	if (bad) {
		warnx_("writing the JSON report to '%s' failed",
		       run->opts->json);
		if (run->exit_code == PFC_EXIT_PASS)
			run->exit_code = PFC_EXIT_ENV;
	}
	return run->exit_code;
}

int main(int argc, char **argv)
{
	static struct pfc_registry reg;
	static struct pfc_result res[PFC_SCEN_NR];
	static struct pfc_kmsg kmsg;
	static struct pfc_tfs tfs;
	struct pfc_opts opts;
	struct pfc_ctx ctx;
	struct pfc_run run;
	enum pfc_status st[PFC_SCEN_NR];
	char err[1024], scratch[PATH_MAX];
	unsigned int needs;
	FILE *json = NULL, *out = stdout;
	size_t i, nr = 0, left;
	int ret;

	/* exec-storm's children: procflushctl itself, before anything */
	if (argc > 1 && (!strcmp(argv[1], PFC_EXEC_HELPER_ARG) ||
			 !strcmp(argv[1], PFC_EXEC_EXIT_ARG)))
		return pfc_exec_helper_main(argc, argv);

	pfc_opts_defaults(&opts);
	run_init(&run, &opts);
	ret = pfc_opts_parse(&opts, argc, argv, err, sizeof(err));
	if (ret) {
		warnx_("%s", err);
		fprintf(stderr, "Try 'procflushctl --help'.\n");
		/* the error may come before --json: look for it */
		opts.json = pfc_opts_json_path(argc, argv);
		return finish(&run, open_json(opts.json), PFC_EXIT_USAGE, err);
	}
	if (opts.help) {
		pfc_usage(stdout);
		return PFC_EXIT_PASS;
	}
	if (opts.version) {
		printf("procflushctl %s\n", PFC_VERSION);
		return PFC_EXIT_PASS;
	}
	if (opts.list) {
		pfc_list(stdout);
		return PFC_EXIT_PASS;
	}
	if (opts.json) {
		json = open_json(opts.json);
		if (!json) {
			warnx_("cannot write --json file '%s': %s", opts.json,
			       strerror(errno));
			return PFC_EXIT_USAGE;
		}
		if (json == stdout)
			out = stderr;	/* keep stdout valid JSON */
	}

	memset(&ctx, 0, sizeof(ctx));
	ctx.opts = &opts;
	ctx.reg = &reg;
	pfc_reg_init(&reg);
	pfc_names_init(&ctx.names, random_run_id());
	if (opts.run_id)
		pfc_names_set(&ctx.names, opts.run_id);	/* cleanup's target */
	ctx.seed = opts.seed_set ? opts.seed :
		   (pfc_now_ns() ^ ((uint64_t)getpid() << 32));
	ctx.progress = !opts.quiet && isatty(STDERR_FILENO);
	run.seed = ctx.seed;
	run.run_id = ctx.names.run_id;

	if (geteuid() != 0) {
		snprintf(err, sizeof(err), "%s",
			 "must run as root (it creates kprobe events, tracefs instances and mounts): try 'sudo procflushctl ...'");
		return finish(&run, json, env_fail("%s", err), err);
	}
	needs = scenario_needs(opts.scen);
	if ((needs & PFC_NEED_TRACEFS) && pfc_tfslib_load(err, sizeof(err))) {
		if (opts.scen != PFC_SCEN_ALL)
			return finish(&run, json, env_fail("%s", err), err);
		warnx_("%s: scenarios that need tracefs will be skipped", err);
		needs &= ~(PFC_NEED_TRACEFS | PFC_NEED_KPROBES);
	}

	if (pfc_sig_install()) {
		snprintf(err, sizeof(err), "cannot install signal handlers: %s",
			 strerror(errno));
		return finish(&run, json, env_fail("%s", err), err);
	}

	/* before any thread exists: unshare needs a single-threaded fs */
	if (pfc_private_ns(err, sizeof(err))) {
		if (needs & PFC_NEED_MOUNT)
			warnx_("%s: scenarios that mount will be reported as errors", err);
	} else {
		ctx.private_ns = true;
	}

	if (!pfc_kmsg_open(&kmsg))
		ctx.kmsg = &kmsg;
	else
		warnx_("cannot read /dev/kmsg (%s): kernel splats will not be checked",
		       strerror(errno));

	err[0] = '\0';
	if (needs & PFC_NEED_TRACEFS) {
		/* 'all' runs what it can: no kprobe events means SKIPs */
		bool need_kp = (needs & PFC_NEED_KPROBES) &&
			       opts.scen != PFC_SCEN_CLEANUP &&
			       opts.scen != PFC_SCEN_ALL;

		ret = pfc_tfs_setup(&tfs, &opts, ctx.private_ns, need_kp, err,
				    sizeof(err));
		if (ret && opts.scen != PFC_SCEN_ALL) {
			ret = env_fail("%s", err);
			goto out_cleanup;
		}
		if (ret) {
			warnx_("%s: scenarios that need tracefs will be skipped",
			       err);
			err[0] = '\0';
		} else {
			ctx.tfs = &tfs;
		}
		if (opts.scen == PFC_SCEN_CLEANUP) {
			ret = pfc_cleanup_leftovers(&ctx, out);
			goto out_cleanup;
		}
		if (ctx.tfs && tfs.have_kprobes) {
			ret = pfc_tfs_pick_symbol(&ctx, err, sizeof(err));
			if (ret) {
				warnx_("%s", err);
				goto out_cleanup;
			}
		}
	}

	if (needs & PFC_NEED_MOUNT && ctx.private_ns) {
		if (pfc_scratch_create(&ctx, scratch, sizeof(scratch), err,
				       sizeof(err)))
			warnx_("%s", err);
		else
			ctx.scratch = scratch;
		err[0] = '\0';
	}

	clock_gettime(CLOCK_REALTIME, &run.wall_start);
	if (!opts.quiet)
		fprintf(out, "procflushctl: run %s, seed %llu%s%s\n",
			ctx.names.run_id, (unsigned long long)ctx.seed,
			ctx.tfs && tfs.symbol[0] ? ", probing " : "",
			ctx.tfs && tfs.symbol[0] ? tfs.symbol : "");

	for (i = 0; i < PFC_SCEN_NR; i++) {
		if (opts.scen != PFC_SCEN_ALL && opts.scen != (enum pfc_scen_id)i)
			continue;
		pfc_run_scenario(&ctx, i, &res[nr]);
		st[nr] = res[nr].status;
		if (!opts.quiet)
			fprintf(out, "%s: %s%s%s\n", res[nr].name,
				pfc_status_name(res[nr].status),
				res[nr].note[0] ? "  " : "", res[nr].note);
		/* a scenario's leftovers must not leak into the next one */
		left = pfc_cleanup_between(&ctx);
		if (left)
			pfc_result_note(&res[nr],
					"%zu objects left registered were cleaned up after it",
					left);
		nr++;
	}
	clock_gettime(CLOCK_REALTIME, &run.wall_end);

	run.cleanup_failed = pfc_cleanup_run(&ctx);
	if (ctx.kmsg)
		pfc_kmsg_close(ctx.kmsg);

	run.res = res;
	run.nr_res = nr;
	run.signo = pfc_sig_number();
	run.symbol = ctx.tfs && tfs.symbol[0] ? tfs.symbol : NULL;
	run.tracefs_dir = ctx.tfs ? tfs.dir : NULL;
	ret = pfc_exit_code(st, nr, pfc_sig_number());
	if (run.cleanup_failed && ret == PFC_EXIT_PASS)
		ret = PFC_EXIT_ENV;
	run.exit_code = ret;

	pfc_report_text(out, &run);
	ret = finish(&run, json, ret, NULL);
	for (i = 0; i < nr; i++)
		pfc_result_free(&res[i]);
	pfc_reg_free(&reg);
	return ret;

out_cleanup:
	if (pfc_cleanup_run(&ctx)) {
		warnx_("some objects could not be removed: run 'procflushctl cleanup --run-id %s'",
		       ctx.names.run_id);
		if (ret == PFC_EXIT_PASS)
			ret = PFC_EXIT_ENV;
	}
	if (ctx.kmsg)
		pfc_kmsg_close(ctx.kmsg);
	run.signo = pfc_sig_number();
	run.tracefs_dir = ctx.tfs ? tfs.dir : NULL;
	return finish(&run, json, ret, err);
}
