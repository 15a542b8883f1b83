#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# lab/tree --check on a copy of the series: passes as is, and on a patch
# whose context no longer matches it fails, naming the patch and the
# file:line that did not apply.  Needs build/BASE/linux (tag 'base').
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
. "$here/../tap.bash"
tap_tmpdir
cp -a "$top/lab" "$tmp/lab"
cp -a "$top/patches" "$tmp/patches"
B=${BASE:-mainline}
export PROCFLUSH_BUILD=$top/build/$B
t "the series as it stands applies" "$tmp/lab/tree" --check
first=$(grep -m1 '\.patch' "$tmp/patches/$B/series" | cut -d' ' -f1)
if [ -n "$first" ]; then
	# Break one context line of the first hunk.
	awk 'BEGIN {done = 0} /^@@/ {hunk = 1} hunk && !done && /^ [^ ]/ {print " BROKEN" substr($0, 2); done = 1; next} {print}' \
		"$top/patches/$B/$first" >"$tmp/patches/$B/$first"
	"$tmp/lab/tree" --check >"$tmp/out" 2>&1
	rc=$?
	t "a broken patch fails the check" test "$rc" != 0
	t "the failure names the patch" grep -qF "patches/$B/$first" "$tmp/out"
	t "the failure names the file and line" grep -qE 'patch failed: [^ ]+:[0-9]+' "$tmp/out"
fi
tap_done series-apply
