#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Our ftracetest files must be POSIX sh: ftracetest's own meta-selftest
# (test.d/selftest/bashisms.tc) runs checkbashisms on every .tc file, and
# in the lab it fails anyway on an upstream file, so it cannot guard ours.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
n=0 fail=0
if ! command -v checkbashisms >/dev/null; then
	echo "not ok 1 - checkbashisms missing (devscripts: lab/deps)"
	exit 1
fi
for t in "$top"/tools/testing/selftests/ftrace/test.d/*/*.tc; do
	n=$((n + 1))
	if out=$(checkbashisms "$t" 2>&1); then
		echo "ok $n - ${t#"$top"/} is POSIX sh"
	else
		echo "not ok $n - ${t#"$top"/}: $out"
		fail=$((fail + 1))
	fi
done
[ "$n" -gt 0 ] || { echo "not ok 1 - no .tc files found"; exit 1; }
echo "# bashisms: $((n - fail)) passed, $fail failed"
[ "$fail" = 0 ]
