#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# lab/claims-check: a claim passes only when every test lab/config/
# claims.tsv names for it passed in the run, on that base; a missing,
# failed or renamed test fails it.  And the map itself: five columns,
# known bases, every own ftracetest or proc selftest it names exists.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tap.bash"
tap_tmpdir
top=$(cd "$here/../.." && pwd)
map=$tmp/map.tsv
printf 'a\tboth\tpatch 1\tclaim a\tt/one\na\tboth\tpatch 1\tclaim a\tt/two\nm\tmainline\tpatch 2\tclaim m\tt/three\n' >"$map"
run() { # tests.tsv content, bases...: the records claims-check writes
	local c=$1; shift
	printf '%b' "$c" >"$tmp/tests.tsv"
	TESTS=$tmp/tests.tsv CLAIMS_MAP=$map PROCFLUSH_BUILD='' "$top/lab/claims-check" "$@" 2>/dev/null
	grep 'claims/' "$tmp/tests.tsv" | cut -f1,2 | tr '\t\n' ' '
}
t "all tests passed: PASS" [ "$(run 'PASS\tx/patched/t/one\t\nPASS\tx/patched/t/two\t\n' x)" = "PASS claims/x/a " ]
t "one test failed: FAIL" [ "$(run 'PASS\tx/patched/t/one\t\nFAIL\tx/patched/t/two\t\n' x)" = "FAIL claims/x/a " ]
t "one test missing (renamed, not run): FAIL" [ "$(run 'PASS\tx/patched/t/one\t\n' x)" = "FAIL claims/x/a " ]
t "a pass on another base does not count" [ "$(run 'PASS\ty/patched/t/one\t\nPASS\ty/patched/t/two\t\nPASS\tx/patched/t/one\t\n' x)" = "FAIL claims/x/a " ]
t "a claim of one base is checked on it only" [ "$(run 'PASS\tmainline/patched/t/one\t\nPASS\tmainline/patched/t/two\t\n' mainline 6.12)" = "PASS claims/mainline/a FAIL claims/mainline/m FAIL claims/6.12/a " ]
real=$top/lab/config/claims.tsv
t "the map: five columns on every line" bash -c "! grep -v '^#' '$real' | awk -F'\t' 'NF != 5' | grep -q ."
t "the map: bases are both, mainline or 6.12" bash -c "! grep -v '^#' '$real' | cut -f2 | grep -qvxE 'both|mainline|6\\.12'"
# Each ftracetest it names by description exists among our own test files
# or is an upstream one (then not checked here)
miss=''
while IFS=$'\t' read -r id bases where claim test; do
	case "$test" in
	ftrace/*/*) d=${test#ftrace/*/}
		grep -rqxF "# description: $d" "$top/tools/testing/selftests/ftrace/test.d" || miss+=" $id" ;;
	proc/procfs.*) grep -q "(procfs, ${test#proc/procfs.}[,)]" "$top/tools/testing/selftests/proc/proc-dcache-flush.c" || miss+=" $id" ;;
	esac
done < <(grep -v '^#' "$real")
t "the map: every own selftest it names exists${miss:+ (missing:$miss)}" [ -z "$miss" ]
tap_done claims-check
