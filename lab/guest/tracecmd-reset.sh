#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest-side: the flow tracing users run with trace-cmd, timed.
#   tracecmd-reset.sh [-n N] [-g] [-o OUT]
# Creates N kprobe events (group pftc, on six vfs and ksys functions in
# turn), records them with "trace-cmd record -e 'pftc/*'" around a command
# that reads a file, then times "trace-cmd reset", which disables tracing,
# clears the top buffer and deletes every dynamic event one "-:" write at
# a time (libtracefs' tracefs_dynevent_destroy_all()).  Every event must
# be gone afterwards ("left" counts those still listed).
# -g: count the synchronize_rcu() calls made during the reset, in an
#     instance of its own (function tracer filtered to synchronize_rcu,
#     which trace-cmd reset leaves alone without -a): by trace-cmd and by
#     every task until 2 s after it returned.
# Exit: 0 measured, 1 a step failed, 2 usage, 3 trace-cmd missing.
set -u
n=100 out=/dev/stdout gp=0
while getopts "n:o:g" o; do
	case $o in
	n) n=$OPTARG ;;
	o) out=$OPTARG ;;
	g) gp=1 ;;
	*) exit 2 ;;
	esac
done
T=/sys/kernel/tracing
TC=$(command -v trace-cmd) || { echo "no trace-cmd" >&2; exit 3; }
syms=(vfs_read vfs_write vfs_open do_sys_openat2 ksys_read ksys_write)
work=$(mktemp -d /tmp/pftc.XXXXXX) || exit 1
I=$T/instances/pftc_gp
cleanup() {
	[ -d $I ] && { echo nop >$I/current_tracer; rmdir $I; }
	echo "-:pftc/" >>$T/kprobe_events 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

seconds() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", (b - a) / 1e6}'; }

for ((i = 1; i <= n; i++)); do
	echo "p:pftc/e$i ${syms[$((i % ${#syms[@]}))]}" >>$T/kprobe_events || exit 1
done
"$TC" record -q -e 'pftc/*' -o "$work/trace.dat" \
	sh -c 'cat /proc/version /proc/self/stat >/dev/null' >"$work/record.log" 2>&1 ||
	{ cat "$work/record.log" >&2; exit 1; }
recorded=$("$TC" report -i "$work/trace.dat" 2>/dev/null | grep -c ' e[0-9]*: ')
rm -f "$work/trace.dat"

if [ "$gp" = 1 ]; then
	mkdir $I || exit 1
	echo synchronize_rcu >$I/set_ftrace_filter || exit 1
	echo function >$I/current_tracer || exit 1
	echo >$I/trace
fi
t0=${EPOCHREALTIME//[!0-9]/}
"$TC" reset >"$work/reset.log" 2>&1 || { cat "$work/reset.log" >&2; exit 1; }
t1=${EPOCHREALTIME//[!0-9]/}
left=$(grep -c '^.:pftc/' $T/kprobe_events)
gpjson=
if [ "$gp" = 1 ]; then
	sleep 2
	echo 0 >$I/tracing_on
	writer=$(grep -v '^#' $I/trace | grep -c -- '^ *trace-cmd-')
	all=$(grep -v '^#' $I/trace | grep -c 'synchronize_rcu')
	gpjson=$(printf ', "sync_rcu_calls_writer": %d, "sync_rcu_calls_all": %d' "$writer" "$all")
fi
printf '{"events": %d, "recorded": %d, "reset_seconds": %s, "left": %d%s}\n' \
	"$n" "$recorded" "$(seconds "$t0" "$t1")" "$left" "$gpjson" >"$out"
