#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest-side: procflushctl all, verdicts as JSON in /tmp/results/pfc-all.json:
#   VM_TCG_THREAD=single lab/vm-run --kernel base --out DIR -- 'bash lab/guest/pfc-all.sh'
R=/tmp/results
tools/procflushctl/procflushctl all --quiet --json $R/pfc-all.json > $R/pfc-all.txt 2>&1
echo "rc=$?" >> $R/pfc-all.txt
