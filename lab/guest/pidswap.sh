#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest-side: procflushctl exec-storm with the de_thread() pid swap forced
# into the lookup window.  lab/modules/pidswap_delay holds procflushctl's
# procfs lookups of multi-threaded tasks in proc_{pid,task,pident}_instantiate()
# until the task's pid changes (or 20 ms pass), so a lookup that found a
# thread which execs meanwhile instantiates after exchange_tids().
#   lab/vm-run --kernel base --out DIR -- 'bash lab/guest/pidswap.sh [SEC]'
# Writes /tmp/results/pidswap.json (procflushctl's verdict) and
# pidswap.txt (its output, rc=, and the module's counts: "held N lookups,
# M saw their task's pid change").  M = 0 means the window was never hit:
# the run then says nothing about the race (lab/verdicts.sh records FAIL).
R=/tmp/results
sec=${1:-60}
if ! modprobe pidswap_delay; then
	echo "pidswap: cannot load pidswap_delay (lab/kbuild builds it)" >$R/pidswap.txt
	exit 3
fi
tools/procflushctl/procflushctl exec-storm --quiet -d "$sec" \
	--json $R/pidswap.json >$R/pidswap.txt 2>&1
echo "rc=$?" >>$R/pidswap.txt
rmmod pidswap_delay
dmesg | grep -o 'pidswap_delay: held .*' >>$R/pidswap.txt
cat $R/pidswap.txt
