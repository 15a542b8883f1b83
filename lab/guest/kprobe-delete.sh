#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest-side: how kprobe events are deleted by real clients, twice each:
# procflushctl pmu-churn (perf kprobe PMU open/close) and
# destroy-one-by-one (libtracefs per-event destroy), then
# lab/guest/clearall.sh one-by-one and clear with synchronize_rcu() counts.
# Results (JSON) in /tmp/results.  Used for patch 7's side-by-side numbers:
#   lab/vm-run --kernel K --out DIR -- 'bash lab/guest/kprobe-delete.sh'
R=/tmp/results
P=tools/procflushctl/procflushctl
for i in 1 2; do
	$P pmu-churn --json $R/pmu-$i.json >$R/pmu-$i.txt 2>&1
	echo "pmu-churn $i rc=$?"
	$P destroy-one-by-one --json $R/d1b1-$i.json >$R/d1b1-$i.txt 2>&1
	echo "destroy-one-by-one $i rc=$?"
done
lab/guest/clearall.sh -n 100 -d -t mixed -g -o $R/gp-del.json
cat $R/gp-del.json
lab/guest/clearall.sh -n 100 -t mixed -g -o $R/gp-clear.json
cat $R/gp-clear.json
