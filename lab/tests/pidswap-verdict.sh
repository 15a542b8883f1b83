#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Prove lab/verdicts.sh's pidswap_verdict: procflushctl-exec-storm-pidswap
# passes only if procflushctl passed AND the module saw a pid swap in the
# window; a run that never hit the window, or found violations, fails.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tap.bash"
tap_tmpdir
. "$here/../verdicts.sh"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$tmp/tsv"; }
case_() { # NAME RC SWAPS: write a guest result dir, return its verdict
	mkdir -p "$tmp/$1"
	{ echo "exec-storm: sample"; echo "rc=$2"
	  [ -n "$3" ] && echo "pidswap_delay: held 900 lookups, $3 saw their task's pid change"; } >"$tmp/$1/pidswap.txt"
	: >"$tmp/tsv"
	pidswap_verdict "$tmp/$1" k
	cut -f1 "$tmp/tsv"
}
t "pass with swaps in the window passes" [ "$(case_ ok 0 20)" = PASS ]
t "pass without any swap fails (window never hit)" [ "$(case_ noswap 0 0)" = FAIL ]
t "no module line fails" [ "$(case_ nomod 0 '')" = FAIL ]
t "violations fail" [ "$(case_ viol 1 29)" = FAIL ]
mkdir -p "$tmp/norc"; echo "pidswap_delay: held 1 lookups, 1 saw their task's pid change" >"$tmp/norc/pidswap.txt"
: >"$tmp/tsv"; pidswap_verdict "$tmp/norc" k
t "a result without rc= fails" grep -q '^FAIL' "$tmp/tsv"
tap_done pidswap-verdict
