#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Guest-side integration test: SIGINT in the middle of kprobe-churn
# and of notify-storm must leave nothing behind, and notify-storm must
# restore the tracefs owner it changed.  Run as root on a kernel with tracefs and
# kprobe events:
#
#   sigint.sh [path/to/procflushctl]
#
# Prints TAP; exits non-zero if any check fails.

set -u

here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-${PROCFLUSHCTL:-$here/../procflushctl}}
T=${TRACEFS:-/sys/kernel/tracing}
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
check() { # check DESCRIPTION COMMAND...
	local d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
finish() {
	echo "1..$n"
	echo "# sigint: $((n - failed)) passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}

pfc_events() { # pfc_ kprobe events of run id $1 (or any run)
	cat "$T/kprobe_events" "$T/dynamic_events" 2>/dev/null |
		grep -E "[:/]pfc_${1:-}" || true
}
pfc_instances() {
	ls "$T/instances" 2>/dev/null | grep -E "^pfc_${1:-}" || true
}

if [ "$(id -u)" != 0 ]; then
	not_ok "must run as root"
	finish
fi
if [ ! -e "$T/kprobe_events" ]; then
	not_ok "$T/kprobe_events missing (no tracefs or no kprobe events)"
	finish
fi
if [ ! -x "$bin" ]; then
	not_ok "procflushctl binary at $bin (build it: make -C tools/procflushctl)"
	finish
fi

"$bin" kprobe-churn --duration 20 --ops 1000000 --quiet \
	>/tmp/sigint-pfc.$$.log 2>&1 &
pid=$!

# wait until the run has objects to clean up (setup is slow in TCG);
# its run id is in their names: pfc_<12 hex digits>_...
id=
for _ in $(seq 1 100); do
	id=$(pfc_events | grep -oE 'pfc_[0-9a-f]{12}_' | head -n1 |
		sed 's/^pfc_//; s/_$//')
	[ -n "$id" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
check "run $pid created pfc_<run id>_ kprobe events (run id ${id:-none})" \
	test -n "$id"

sleep 2
check "run still going after ~2 s" kill -0 "$pid"

kill -INT "$pid"
rc=
for _ in $(seq 1 600); do
	if ! kill -0 "$pid" 2>/dev/null; then
		wait "$pid"
		rc=$?
		break
	fi
	sleep 0.1
done
if [ -z "$rc" ]; then
	not_ok "procflushctl exited within 60 s of SIGINT"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ -n "$id" ] && "$bin" cleanup --run-id "$id" >/dev/null 2>&1
else
	ok "procflushctl exited within 60 s of SIGINT"
fi
check "exit status is 130 (interrupted) or 1 (violation), got ${rc:-none}" \
	test "${rc:-x}" = 130 -o "${rc:-x}" = 1
check "report printed before exit" grep -q "overall:" /tmp/sigint-pfc.$$.log

left=$(pfc_events "${id:-x}_")
check "no pfc_${id}_ kprobe event left in kprobe_events${left:+: $left}" test -z "$left"
left=$(pfc_instances "${id:-x}_")
check "no pfc_ tracefs instance left${left:+: $left}" test -z "$left"
left=$(grep pfc_ /proc/mounts || true)
check "no pfc_ mount in /proc/mounts${left:+: $left}" test -z "$left"
left=$(ls -d /tmp/pfc_"${id:-x}"_* /run/pfc_"${id:-x}"_* 2>/dev/null || true)
check "no scratch directory left${left:+: $left}" test -z "$left"

if [ "$failed" -ne 0 ]; then
	echo "# procflushctl output:"
	sed 's/^/# /' /tmp/sigint-pfc.$$.log
fi
rm -f /tmp/sigint-pfc.$$.log

# notify-storm remounts tracefs with other owners: SIGINT must restore
# the superblock options (the owner) and leave no event or instance
tfs_opts() {
	awk -v m="$T" '$5 == m { sub(/.* - /, ""); print $3 }' /proc/self/mountinfo |
		tail -n1
}
opts0=$(tfs_opts)
"$bin" notify-storm --duration 20 --ops 1000000 --quiet \
	>/tmp/sigint-pfc.$$.log 2>&1 &
pid=$!
id=
for _ in $(seq 1 100); do
	id=$(pfc_events | grep -oE 'pfc_[0-9a-f]{12}_' | head -n1 |
		sed 's/^pfc_//; s/_$//')
	[ -n "$id" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.1
done
check "notify-storm run $pid created events (run id ${id:-none})" test -n "$id"
sleep 1.5
kill -INT "$pid"
rc=
for _ in $(seq 1 600); do
	if ! kill -0 "$pid" 2>/dev/null; then
		wait "$pid"
		rc=$?
		break
	fi
	sleep 0.1
done
if [ -z "$rc" ]; then
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
fi
check "notify-storm exited 130 or 1 after SIGINT, got ${rc:-none}" \
	test "${rc:-x}" = 130 -o "${rc:-x}" = 1
opts1=$(tfs_opts)
check "tracefs options restored ('$opts0', now '$opts1')" test "$opts0" = "$opts1"
left=$(pfc_events "${id:-x}_")
check "no notify-storm event left${left:+: $left}" test -z "$left"
left=$(pfc_instances "${id:-x}_")
check "no notify-storm instance left${left:+: $left}" test -z "$left"
if [ "$failed" -ne 0 ]; then
	echo "# procflushctl notify-storm output:"
	sed 's/^/# /' /tmp/sigint-pfc.$$.log
fi
rm -f /tmp/sigint-pfc.$$.log
finish
