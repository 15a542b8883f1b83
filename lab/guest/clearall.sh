#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest-side: create N kprobe events, then time clearing them all at once
# with an O_TRUNC open of kprobe_events.   clearall.sh [-n N] [-o OUT]
# Times come from bash's $EPOCHREALTIME: forking date(1) would put an exec
# over 9p (tens of milliseconds under TCG) inside the timed window.
set -u
n=100 out=/dev/stdout
while getopts "n:o:" o; do
	case $o in n) n=$OPTARG ;; o) out=$OPTARG ;; *) exit 2 ;; esac
done
T=/sys/kernel/tracing
syms=(vfs_read vfs_write vfs_open do_sys_openat2 ksys_read ksys_write)
echo >$T/kprobe_events || exit 3
t0=${EPOCHREALTIME//[!0-9]/}
for i in $(seq 1 "$n"); do
	echo "p:pfclear/e$i ${syms[$((i % ${#syms[@]}))]}" >>$T/kprobe_events || exit 1
done
t1=${EPOCHREALTIME//[!0-9]/}
echo >$T/kprobe_events || exit 1
t2=${EPOCHREALTIME//[!0-9]/}
left=$(grep -c . $T/kprobe_events)
printf '{"events": %d, "create_seconds": %s, "clear_seconds": %s, "left": %d}\n' "$n" \
	"$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e6}')" \
	"$(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.3f", (b - a) / 1e6}')" "$left" >"$out"
