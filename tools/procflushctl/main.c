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
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "cleanup.h"
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
	struct utsname uts;
	FILE *json = NULL, *out = stdout;
	size_t i, nr = 0, left;
	int ret;

	pfc_opts_defaults(&opts);
	ret = pfc_opts_parse(&opts, argc, argv, err, sizeof(err));
	if (ret) {
		warnx_("%s", err);
		fprintf(stderr, "Try 'procflushctl --help'.\n");
		return PFC_EXIT_USAGE;
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
	if (geteuid() != 0)
		return env_fail("%s",
				"must run as root (it creates kprobe events, tracefs instances and mounts): try 'sudo procflushctl ...'");

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
	needs = scenario_needs(opts.scen);
	if (needs & PFC_NEED_TRACEFS) {
		if (pfc_tfslib_load(err, sizeof(err)))
			return env_fail("%s", err);
	}

	memset(&ctx, 0, sizeof(ctx));
	ctx.opts = &opts;
	ctx.reg = &reg;
	pfc_reg_init(&reg);
	pfc_names_init(&ctx.names, getpid());
	ctx.seed = opts.seed_set ? opts.seed :
		   (pfc_now_ns() ^ ((uint64_t)getpid() << 32));
	ctx.progress = !opts.quiet && isatty(STDERR_FILENO);

	if (pfc_sig_install())
		return env_fail("cannot install signal handlers: %s",
				strerror(errno));

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

	if (needs & PFC_NEED_TRACEFS) {
		bool need_kp = (needs & PFC_NEED_KPROBES) &&
			       opts.scen != PFC_SCEN_CLEANUP;

		ret = pfc_tfs_setup(&tfs, &opts, ctx.private_ns, need_kp, err,
				    sizeof(err));
		if (ret) {
			ret = env_fail("%s", err);
			goto out_cleanup;
		}
		ctx.tfs = &tfs;
		if (opts.scen == PFC_SCEN_CLEANUP) {
			ret = pfc_cleanup_leftovers(&ctx, opts.force, stdout);
			goto out_cleanup;
		}
		if (tfs.have_kprobes) {
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
	}

	memset(&run, 0, sizeof(run));
	clock_gettime(CLOCK_REALTIME, &run.wall_start);
	if (!opts.quiet)
		fprintf(out, "procflushctl: seed %llu%s%s\n",
			(unsigned long long)ctx.seed,
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

	uname(&uts);
	pfc_strlcpy(run.kernel_release, uts.release,
		    sizeof(run.kernel_release));
	pfc_strlcpy(run.kernel_version, uts.version,
		    sizeof(run.kernel_version));
	pfc_strlcpy(run.machine, uts.machine, sizeof(run.machine));
	run.opts = &opts;
	run.seed = ctx.seed;
	run.res = res;
	run.nr_res = nr;
	run.signo = pfc_sig_number();
	run.symbol = ctx.tfs && tfs.symbol[0] ? tfs.symbol : NULL;
	run.tracefs_dir = ctx.tfs ? tfs.dir : NULL;
	run.exit_code = pfc_exit_code(st, nr, pfc_sig_number());
	if (run.cleanup_failed && run.exit_code == PFC_EXIT_PASS)
		run.exit_code = PFC_EXIT_ENV;

	pfc_report_text(out, &run);
	if (json) {
		if (pfc_report_json(json, &run))
			warnx_("writing the JSON report failed");
		if (json != stdout)
			fclose(json);
	}
	for (i = 0; i < nr; i++)
		pfc_result_free(&res[i]);
	pfc_reg_free(&reg);
	return run.exit_code;

out_cleanup:
	if (pfc_cleanup_run(&ctx))
		warnx_("some objects could not be removed: run 'procflushctl cleanup'");
	if (ctx.kmsg)
		pfc_kmsg_close(ctx.kmsg);
	if (json && json != stdout)
		fclose(json);
	return ret;
}
