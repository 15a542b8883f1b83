#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest-side: Debian's perf probe as a real client of kprobe_events.
# Adds N kprobe and N kretprobe events on vfs_read with perf probe -a
# (no debuginfo: function entry and return from kallsyms), then deletes
# them all with one perf probe -d 'probe:*' (one "-:" write per event),
# timed (perf's own start-up included), ROUNDS rounds (default 3; the
# median is reported).  perf probe -a of 100 events took ~80 s in a debug
# guest (2026-12-02).  Writes /tmp/results/perf-probe.json.
#   lab/vm-run --kernel K --out DIR -- 'bash lab/guest/perf-probe.sh [N [ROUNDS]]'
n=${1:-50}
nrounds=${2:-3}
R=/tmp/results
T=/sys/kernel/tracing
PERF=${PERF:-perf}
us() { echo "${EPOCHREALTIME//[!0-9]/}"; }

command -v "$PERF" >/dev/null || { echo "no perf binary" >&2; exit 2; }
"$PERF" version >$R/perf-probe.log 2>&1
rounds=()
for r in $(seq 1 "$nrounds"); do
	args=()
	for i in $(seq 1 "$n"); do
		args+=(-a "pfp$i=vfs_read" -a "pfr$i=vfs_read%return")
	done
	if ! "$PERF" probe -q "${args[@]}" >>$R/perf-probe.log 2>&1; then
		echo "perf probe -a failed (round $r), see perf-probe.log" >&2
		"$PERF" probe -q -d 'probe:*' >/dev/null 2>&1
		exit 1
	fi
	made=$(grep -c '^[pr][0-9]*:probe/' $T/kprobe_events)
	t0=$(us)
	"$PERF" probe -q -d 'probe:*' >>$R/perf-probe.log 2>&1 || { echo "perf probe -d failed" >&2; exit 1; }
	t1=$(us)
	left=$(grep -c '^[pr][0-9]*:probe/' $T/kprobe_events)
	echo "round $r: $made events, perf probe -d took $(((t1 - t0) / 1000)) ms, $left left"
	rounds+=("{\"events\": $made, \"delete_ms\": $(((t1 - t0) / 1000)), \"left\": $left}")
	[ "$made" = $((2 * n)) ] && [ "$left" = 0 ] || exit 1
done
med=$(printf '%s\n' "${rounds[@]}" | sed 's/.*"delete_ms": \([0-9]*\).*/\1/' | sort -n | sed -n "$(((nrounds + 1) / 2))p")
printf '{"client": "perf probe", "events": %d, "delete_ms_median": %d, "rounds": [%s]}\n' \
	$((2 * n)) "$med" "$(IFS=,; echo "${rounds[*]}")" >$R/perf-probe.json
cat $R/perf-probe.json
