#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest-side A/B measurements (one repetition); JSON files in /tmp/results:
#   m-churn.json, m-churn-series.tsv   300-event churn, nr_dentry every 25
#   m-clearall.json                    clear 100 kprobe events
#   m-clearall-mixed.json              clear 100 kprobe + kretprobe events
#   m-del-{kprobe,kretprobe,mixed}.json delete 100 events one by one
#   m-del-uprobe.json                  delete 100 uprobe events one by one
#   m-gp-{clear,del}.json              synchronize_rcu() calls of both
#   m-gp-del-uprobe.json               synchronize_*() calls, uprobe deletion
#   m-stat.json, m-fork.json           /proc stat readers, fork+exit rate
#   m-reuse.json                       dentry reuse of a live event file
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
step "perf probe -a / perf probe -d of 50 kprobe + 50 kretprobe events, one round"
"$TOP/lab/guest/perf-probe.sh" 50 1 >$R/m-perf-probe.txt 2>&1 &&
	cp $R/perf-probe.json $R/m-perf-probe.json
# Last: it switches the function tracer on and off.
step "synchronize_rcu() calls of a mixed clear and of one-by-one deletion"
"$TOP/lab/guest/clearall.sh" -n 100 -t mixed -g -o $R/m-gp-clear.json
"$TOP/lab/guest/clearall.sh" -n 100 -t mixed -d -g -o $R/m-gp-del.json
step "synchronize_*() calls of one-by-one uprobe event deletion"
"$TOP/lab/guest/clearall.sh" -n 100 -t uprobe -d -g -o $R/m-gp-del-uprobe.json
cat $R/m-*.json
