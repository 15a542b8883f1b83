#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest-side kprobe event churn: create, touch and delete N uniquely named
# kprobe events while one anchor event keeps events/kprobes alive, and
# report nr_dentry (first field of /proc/sys/fs/dentry-state) before and
# after.  Runs in the lab guest as root.  "Touch" = list the event's
# directory, stat every file in it and read its id, with shell builtins
# only (no fork/exec per event: that would dominate the time under TCG).
# The timed loop forks nothing at all: its nr_dentry samples (-s) are read
# with a builtin and written out after it (a fork+exec of cut plus a write
# to the 9p results share per sample had cost 3 s of 8 under TCG).
#
#   churn.sh [-n N] [-i INSTANCE] [-g] [-o OUT.json]
#     -n N         events to churn (default 300)
#     -i INSTANCE  touch the events inside tracefs instance INSTANCE
#     -g           no anchor: each event in a group of its own, so each
#                  delete removes a whole group directory (unique names:
#                  reusing one would let the base's revalidation of the
#                  stale group dentry hide the leak)
#     -s STEP -S F write "events<TAB>nr_dentry" to F every STEP events
set -u
n=300 inst='' regroup=0 out=/dev/stdout step=0 series=/dev/null
while getopts "n:i:go:s:S:" o; do
	case $o in
	n) n=$OPTARG ;; i) inst=$OPTARG ;; g) regroup=1 ;; o) out=$OPTARG ;;
	s) step=$OPTARG ;; S) series=$OPTARG ;;
	*) echo "usage: churn.sh [-n N] [-i INSTANCE] [-g] [-s STEP -S FILE] [-o OUT]" >&2; exit 2 ;;
	esac
done
T=/sys/kernel/tracing
[ -w $T/kprobe_events ] || { echo "churn.sh: no writable $T/kprobe_events" >&2; exit 3; }
sym=vfs_read
grp=pfchurn
ev=$T/events
if [ -n "$inst" ]; then
	mkdir -p "$T/instances/$inst" || exit 3
	ev=$T/instances/$inst/events
fi
gname() { if [ "$regroup" = 1 ]; then echo "$grp$1"; else echo "$grp"; fi; }
cleanup() {
	echo "-:$grp/anchor" >>$T/kprobe_events 2>/dev/null
	for i in $(seq 1 "$n"); do echo "-:$(gname "$i")/e$i" >>$T/kprobe_events; done 2>/dev/null
	[ -n "$inst" ] && rmdir "$T/instances/$inst" 2>/dev/null
}
trap cleanup EXIT
touch_event() { # dir
	local f id
	for f in "$1"/*; do
		[ -e "$f" ] || return 1
	done
	read -r id <"$1/id" || return 1
}

[ "$regroup" = 1 ] || echo "p:$grp/anchor $sym" >>$T/kprobe_events || exit 3
[ "$regroup" = 1 ] || touch_event $ev/$grp/anchor
sync
echo 2 >/proc/sys/vm/drop_caches
# Warm up: run the loop body a few times on throw-away names, so that the
# programs and libraries it looks up are cached before the baseline.
for i in 1 2 3; do
	echo "p:$grp/warm$i $sym" >>$T/kprobe_events || exit 1
	touch_event $ev/$grp/warm$i
	echo "-:$grp/warm$i" >>$T/kprobe_events || exit 1
	read -r nd _ </proc/sys/fs/dentry-state
	sleep 0		# the one program run between "before" and "quiesced"
done
read -r before _ </proc/sys/fs/dentry-state
printf '0\t%d\n' "$before" >"$series"
t0=${EPOCHREALTIME//[!0-9]/}
samples=''
for ((i = 1; i <= n; i++)); do
	g=$grp
	[ "$regroup" = 1 ] && g=$grp$i
	echo "p:$g/e$i $sym" >>$T/kprobe_events || exit 1
	touch_event $ev/$g/e$i || echo "churn.sh: e$i not accessible while live" >&2
	echo "-:$g/e$i" >>$T/kprobe_events || exit 1
	if [ "$step" -gt 0 ] && [ $((i % step)) = 0 ]; then
		read -r nd _ </proc/sys/fs/dentry-state
		samples+="$i	$nd
"
	fi
done
t1=${EPOCHREALTIME//[!0-9]/}
printf '%s' "$samples" >>"$series"
read -r after _ </proc/sys/fs/dentry-state
sleep 1
read -r quiesced _ </proc/sys/fs/dentry-state
# A deleted event must not be reachable through what was cached.
stale=0
for i in 1 $((n / 2)) "$n"; do
	g=$(gname "$i")
	[ -e $ev/$g/e$i ] && stale=$((stale + 1))
	[ -e $ev/$g/e$i/id ] && stale=$((stale + 1))
	[ "$regroup" = 1 ] && [ -e $ev/$g ] && stale=$((stale + 1))
done
printf '{"events": %d, "instance": "%s", "regroup": %d, "nr_dentry_before": %d, "nr_dentry_after": %d, "nr_dentry_quiesced": %d, "residual": %d, "residual_per_event": %s, "stale_paths": %d, "churn_seconds": %s}\n' \
	"$n" "$inst" "$regroup" "$before" "$after" "$quiesced" $((quiesced - before)) \
	"$(awk -v d=$((quiesced - before)) -v n="$n" 'BEGIN {printf "%.2f", d / n}')" "$stale" \
	"$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e6}')" >"$out"
