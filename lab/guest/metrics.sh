#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest-side A/B measurements (one repetition); JSON files in /tmp/results:
#   m-churn.json, m-churn-series.tsv   300-event churn, nr_dentry every 25
#   m-clearall.json                    clear 100 kprobe events
#   m-clearall-mixed.json              clear 100 kprobe + kretprobe events
#   m-del-{kprobe,kretprobe,mixed}.json delete 100 events one by one
#   m-del-uprobe.json                  delete 100 uprobe events one by one
#   m-del-traced.json                  the same 100 mixed after tracing them
#   m-gp-del-traced.json               synchronize_rcu() calls of that
#   m-tracecmd.json, m-gp-tracecmd.json trace-cmd record of 100 kprobe
#                                      events, then trace-cmd reset: time,
#                                      synchronize_rcu() calls
#   m-gp-{clear,del}.json              synchronize_rcu() calls of both
#   m-gp-del-uprobe.json               synchronize_*() calls, uprobe deletion
#   m-stat.json, m-fork.json           /proc stat readers, fork+exit rate
#   m-reuse.json                       dentry reuse of a live event file
#   m-create1000.json                  create 1000 kprobe events (and clear)
#   m-evscan.json                      20 walks of events/ with them live
#   m-instance.json                    mkdir + rmdir of a trace instance
#   m-self.json, m-self-drop.json      /proc/self and thread-self links,
#                                      alone and beside drop_caches
#   m-slab.txt                         dentry/inode slab counts after churn
set -u
R=/tmp/results
TOP=$(pwd)
B=${PROCFLUSH_BUILD:-$TOP/build/mainline}/bench/procbench
T=/sys/kernel/tracing
step() { echo "== $(date +%T) $*"; }

step "churn series"
"$TOP/lab/guest/churn.sh" -n 300 -s 25 -S $R/m-churn-series.tsv -o $R/m-churn.json
grep -E '^(dentry|tracefs_inode_cache|proc_inode_cache) ' /proc/slabinfo >$R/m-slab.txt 2>/dev/null
step "clear-all"
"$TOP/lab/guest/clearall.sh" -n 100 -o $R/m-clearall.json
step "clear-all, kprobes and kretprobes mixed"
"$TOP/lab/guest/clearall.sh" -n 100 -t mixed -o $R/m-clearall-mixed.json
for k in kprobe kretprobe mixed; do
	step "delete 100 ${k} events one by one"
	"$TOP/lab/guest/clearall.sh" -n 100 -t $k -d -o $R/m-del-$k.json
done
step "delete 100 mixed events one by one after tracing them (enabled, then disabled)"
"$TOP/lab/guest/clearall.sh" -n 100 -t mixed -d -e -o $R/m-del-traced.json
step "trace-cmd record -e 'pftc/*' over 100 kprobe events, then trace-cmd reset"
"$TOP/lab/guest/tracecmd-reset.sh" -n 100 -o $R/m-tracecmd.json
step "delete 100 uprobe events one by one"
"$TOP/lab/guest/clearall.sh" -n 100 -t uprobe -d -o $R/m-del-uprobe.json
step "stat readers"
"$B" stat-readers 10 2 >$R/m-stat.json
step "fork+exit"
"$B" fork-exit 10 >$R/m-fork.json
step "dentry reuse of a live event file"
echo "p:pfreuse/live vfs_read" >>$T/kprobe_events
"$B" dentry-reuse $T/events/pfreuse/live/enable 200 >$R/m-reuse.json
echo 0 >$T/events/pfreuse/live/enable
echo "-:pfreuse/live" >>$T/kprobe_events
step "/proc/self and /proc/thread-self, alone and beside drop_caches every 10 ms"
"$B" self-links 5 0 >$R/m-self.json
"$B" self-links 5 10 >$R/m-self-drop.json
step "create 1000 kprobe events, 20 walks of events/ with them live, clear"
syms=(vfs_read vfs_write vfs_open do_sys_openat2 ksys_read ksys_write)
echo >$T/kprobe_events
t0=${EPOCHREALTIME//[!0-9]/}
for ((i = 1; i <= 1000; i++)); do
	echo "p:pfscan/e$i ${syms[$((i % 6))]}" >>$T/kprobe_events || break
done
t1=${EPOCHREALTIME//[!0-9]/}
made=$(grep -c pfscan/ $T/kprobe_events)
"$B" tree-scan $T/events 20 >$R/m-evscan.json
echo >$T/kprobe_events
printf '{"events": %d, "create_seconds": %s}\n' "$made" \
	"$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", (b - a) / 1e6}')" >$R/m-create1000.json
step "mkdir + rmdir of a trace instance, 20 times"
"$B" instance-cycle $T 20 >$R/m-instance.json
step "perf probe -a / perf probe -d of 50 kprobe + 50 kretprobe events, one round"
"$TOP/lab/guest/perf-probe.sh" 50 1 >$R/m-perf-probe.txt 2>&1 &&
	cp $R/perf-probe.json $R/m-perf-probe.json
# Last: it switches the function tracer on and off.
step "synchronize_rcu() calls of a mixed clear and of one-by-one deletion"
"$TOP/lab/guest/clearall.sh" -n 100 -t mixed -g -o $R/m-gp-clear.json
"$TOP/lab/guest/clearall.sh" -n 100 -t mixed -d -g -o $R/m-gp-del.json
"$TOP/lab/guest/clearall.sh" -n 100 -t mixed -d -e -g -o $R/m-gp-del-traced.json
"$TOP/lab/guest/tracecmd-reset.sh" -n 100 -g -o $R/m-gp-tracecmd.json
step "synchronize_*() calls of one-by-one uprobe event deletion"
"$TOP/lab/guest/clearall.sh" -n 100 -t uprobe -d -g -o $R/m-gp-del-uprobe.json
cat $R/m-*.json
