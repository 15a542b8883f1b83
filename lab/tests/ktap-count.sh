#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Prove lab/ktap-count on ftracetest-style KTAP output.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tap.bash"
sample='TAP version 13
1..6
ok 1 Kprobe dynamic event - adding and removing
not ok 2 Kprobe event with comm arguments
ok 3 Kprobe module event # SKIP
ok 4 Kprobe event auto/manual naming # XFAIL
not ok 5 Kprobe on user space address # UNRESOLVED
# ok 99 a diagnostic line that must not count
ok 6 Register/unregister many kprobe events
# Totals: pass:2 fail:1 xfail:1 xpass:0 skip:1 error:1'
out=$(printf '%s\n' "$sample" | "$here/../ktap-count")
t "counts pass/fail/skip/xfail" grep -qx 'pass 2 fail 2 skip 1 xfail 1' <<<"$out"
t "names the failed tests" grep -q 'FAILED: not ok 2 Kprobe event with comm' <<<"$out"
t "unresolved counts as failed" grep -q 'FAILED: not ok 5' <<<"$out"
t "empty input counts nothing" bash -c "[ \"\$(printf '' | '$here/../ktap-count')\" = 'pass 0 fail 0 skip 0 xfail 0' ]"
tap_done ktap-count
