#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest-side test suite.  Runs in the lab guest as root with cwd = the repo;
# writes every result as a file under /tmp/results (the host's results dir):
#   ftrace-<dir>.ktap + .seconds   ftracetest -K of test.d/<dir>
#   ftrace-<dir>.times             its output lines with guest times (s)
#   ftrace-<dir>.skipped           its files left out (lab/config/ftrace-skip)
#   proc-kselftest.tap             the proc selftest, through run_kselftest.sh
#   proc-dcache-flush.ktap         its own KTAP (the runner's nested lines)
#   churn*.json                    lab/guest/churn.sh measurements
#   procflushctl.json + .txt       procflushctl (when built)
#   clearall.json                  time and synchronize_rcu() calls to clear N events
#   pidswap.json + .txt            exec-storm with the pid swap forced into
#                                  the lookup window (--pidswap SEC)
#   umount-kill.txt                umount of a procfs instance inside a
#                                  reaped task's flush (--umount-kill ROUNDS)
#
#   suite.sh [--ftrace "dir dir/file.tc ..."] [--ftrace-only] [--churn N]
#            [--no-procflushctl] [--pfc-args "..."] [--pidswap SEC] [--umount-kill ROUNDS]
# --ftrace-only runs ftracetest alone (lab/check boots a second guest for
# the rest, side by side).
set -u
R=/tmp/results
TOP=$(pwd)
BUILD=${PROCFLUSH_BUILD:-$TOP/build/mainline}
TREE=$BUILD/linux
dirs="00basic kprobe dynevent event instances eventfs"
pfc=1 pfc_args=all churn_n=300 ours=1 pidswap=0 umount_kill=0
# The skips of every base, then those of this one (ftrace-skip.<base>)
SKIP=$TOP/lab/config/ftrace-skip
SKIP_BASE=$TOP/lab/config/ftrace-skip.${PROCFLUSH_BASE:-mainline}
while [ $# -gt 0 ]; do
	case $1 in
	--churn) churn_n=$2; shift 2 ;;
	--ftrace) dirs=$2; shift 2 ;;
	--no-procflushctl) pfc=0; shift ;;
	--ftrace-only) ours=0; shift ;;
	--pfc-args) pfc_args=$2; shift 2 ;;
	--pidswap) pidswap=$2; shift 2 ;;
	--umount-kill) umount_kill=$2; shift 2 ;;
	*) echo "suite.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
step() { echo "== $(date +%T) $*"; }

run_ours() {
	step "churn: $churn_n kprobe events, anchor kept"
	"$TOP/lab/guest/churn.sh" -n "$churn_n" -o $R/churn.json; cat $R/churn.json
	step "churn: $((churn_n / 2)) events inside a tracefs instance"
	"$TOP/lab/guest/churn.sh" -n $((churn_n / 2)) -i pfchurn_inst -o $R/churn-instance.json; cat $R/churn-instance.json
	step "churn: $((churn_n / 2)) events, each in a group of its own, removed with it"
	"$TOP/lab/guest/churn.sh" -n $((churn_n / 2)) -g -o $R/churn-regroup.json; cat $R/churn-regroup.json
	step "clear-all: 100 kprobe and kretprobe events, grace periods counted"
	"$TOP/lab/guest/clearall.sh" -n 100 -t mixed -g -o $R/clearall.json; cat $R/clearall.json

	KS=$BUILD/kselftest
	if [ -x "$KS/run_kselftest.sh" ]; then
		step "proc selftest: proc-dcache-flush (kselftest runner)"
		# The runner's copy under /tmp (the guest's root is read-only,
		# and the runner writes next to the tests).
		rm -rf /tmp/kselftest && cp -a "$KS" /tmp/kselftest
		# Into tmpfs, then copied: the runner reopens /dev/stdout with
		# O_APPEND for the test's own lines, which a plain > would
		# overwrite, and appends from two fds lose lines on 9p.
		: >/tmp/proc-kselftest.tap
		/tmp/kselftest/run_kselftest.sh -t proc:proc-dcache-flush >>/tmp/proc-kselftest.tap 2>&1
		cp /tmp/proc-kselftest.tap $R/proc-kselftest.tap
		# The test's own KTAP, one level down in the runner's output
		sed -n 's/^# //p' $R/proc-kselftest.tap >$R/proc-dcache-flush.ktap
		tail -3 $R/proc-kselftest.tap
	fi

	PFC=$TOP/tools/procflushctl/procflushctl
	if [ "$pfc" = 1 ] && [ -x "$PFC" ]; then
		step "procflushctl $pfc_args"
		# shellcheck disable=SC2086
		"$PFC" $pfc_args --json $R/procflushctl.json >$R/procflushctl.txt 2>&1
		echo $? >$R/procflushctl.rc
		cat $R/procflushctl.txt
		step "procflushctl: SIGINT mid-run leaves nothing behind"
		"$TOP/tools/procflushctl/tests/sigint.sh" "$PFC" >$R/procflushctl-sigint.tap 2>&1
		cat $R/procflushctl-sigint.tap
	fi
	if [ "$pidswap" != 0 ]; then
		step "procflushctl exec-storm, pid swaps held in the lookup window (lab/modules/pidswap_delay)"
		"$TOP/lab/guest/pidswap.sh" "$pidswap"
	fi
	if [ "$umount_kill" != 0 ]; then
		step "umount of a procfs instance inside a reaped task's flush (lab/modules/kill_delay)"
		"$TOP/lab/guest/umount-kill.sh" "$umount_kill"
	fi
}
[ "$ours" = 1 ] && run_ours
# ftracetest last: a test that brings the guest down costs only what
# follows it.  Files listed in lab/config/ftrace-skip and ftrace-skip.<base>
# are left out and written to ftrace-<dir>.skipped ("description<TAB>reason").
FT=$TREE/tools/testing/selftests/ftrace
# --ftrace takes directories of test.d ("kprobe") and single files of
# them ("kprobe/add_and_remove.tc"); each directory runs once, in the
# order of its first mention, with all its files or the listed ones.
declare -A picked=()
order=()
for e in $dirs; do
	d=${e%%/*}
	[ -n "${picked[$d]+x}" ] || { order+=("$d"); picked[$d]=""; }
	if [ "$e" = "$d" ]; then
		picked[$d]="*"
	elif [ "${picked[$d]}" != "*" ]; then
		picked[$d]+=" ${e#*/}"
	fi
done
for d in "${order[@]}"; do
	[ -d "$FT/test.d/$d" ] || { echo "no test.d/$d in $FT" >$R/ftrace-$d.missing; continue; }
	tests=()
	for t in "$FT/test.d/$d"/*.tc; do
		f=$(basename "$t")
		[ "${picked[$d]}" = "*" ] || [[ " ${picked[$d]} " == *" $f "* ]] || continue
		why=$(cat "$SKIP" "$SKIP_BASE" 2>/dev/null |
			awk -F'\t' -v f="$d/$f" '$1 == f {print $2; exit}')
		if [ -n "$why" ]; then
			printf '%s\t%s\n' "$(sed -n 's/^# description: //p' "$t")" "$why" >>$R/ftrace-$d.skipped
		else
			tests+=("test.d/$d/$f")
		fi
	done
	if [ "${picked[$d]}" != "*" ]; then
		for f in ${picked[$d]}; do
			[ -f "$FT/test.d/$d/$f" ] ||
				echo "no test.d/$d/$f in $FT" >>$R/ftrace-$d.missing
		done
	fi
	[ ${#tests[@]} -gt 0 ] || continue
	step "ftracetest test.d/$d"
	t0=$(date +%s)
	# ftrace-<dir>.times: each output line with the guest time it
	# came (bash's printf %T, no fork): per-test durations, and where a
	# run that was cut off stopped.
	(cd "$FT" && ./ftracetest -K -l /tmp/ftlog-$d "${tests[@]}") 2>&1 |
		while IFS= read -r l; do
			printf '%s\n' "$l" >&3
			printf '%(%s)T %s\n' -1 "$l" >&4
		done 3>$R/ftrace-$d.ktap 4>$R/ftrace-$d.times
	echo $(($(date +%s) - t0)) >$R/ftrace-$d.seconds
	# ftracetest's per-test logs (what a failed test printed)
	cp -r /tmp/ftlog-$d $R/ftlog-$d 2>/dev/null
	tail -3 $R/ftrace-$d.ktap
done

step "done"
