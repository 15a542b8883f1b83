#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest-side: kprobe event deletion timing alone (one by one x3 kinds, a
# mixed clear, synchronize_rcu() counts), for quick side-by-side boots:
#   VM_ICOUNT=0 lab/vm-run --kernel base-perf --smp 1 --out DIR -- 'bash lab/guest/delete-timing.sh'
R=/tmp/results
for k in kprobe kretprobe mixed; do
	lab/guest/clearall.sh -n 100 -t $k -d -o $R/del-$k.json
done
lab/guest/clearall.sh -n 100 -t mixed -o $R/clear-mixed.json
lab/guest/clearall.sh -n 100 -t mixed -d -g -o $R/gp-del.json
cat $R/*.json
