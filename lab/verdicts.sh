# SPDX-License-Identifier: GPL-2.0
# Turn one guest run's result files into tests.  Sourced after results.sh.
#
# guest_verdicts DIR KIND VMRC [BOOT]
#   KIND patched: the series' goals must hold (residual <= 5, no stale path)
#   KIND base:    the defect must show (residual > 1 per event), which
#                 proves the measurement can fail
#   BOOT names the boot in its boot-level tests when one run has several
#   guests; a boot whose suite ran with --ftrace-only has no measurements.
guest_verdicts() {
	local g=$1 kind=$2 vrc=$3 f cpus res per stale n ftrace_only
	local P="$kind" B="$kind${4:+/$4}"

	if [ -f "$g/sysinfo" ]; then
		cpus=$(sed -n 's/^nproc=//p' "$g/sysinfo")
		[ "${cpus:-0}" -ge 2 ] && record PASS "$B/guest-boots-smp" "$cpus CPUs online" ||
			record FAIL "$B/guest-boots-smp" "only ${cpus:-0} CPUs online"
	else
		record FAIL "$B/guest-boots-smp" "$(cat "$g/verdict" 2>/dev/null)"
	fi
	# A guest that hung or died and also splatted exits 125: the verdict
	# file says which, whatever the status.
	if [ "$vrc" = 124 ] || [ "$vrc" = 126 ] ||
	   grep -q 'HUNG\|DIED' "$g/verdict" 2>/dev/null || [ ! -f "$g/rc" ]; then
		record FAIL "$B/guest-completes" "$(cat "$g/verdict" 2>/dev/null)"
	else
		record PASS "$B/guest-completes" "$(cat "$g/boot-to-exit-seconds")s"
	fi
	if [ -s "$g/splats.txt" ]; then
		record FAIL "$B/no-kernel-splat" "$(sed -n 2p "$g/splats.txt" | cut -c1-160)"
	else
		record PASS "$B/no-kernel-splat"
	fi
	grep -q -- '--ftrace-only' "$g/cmd" 2>/dev/null && ftrace_only=1 || ftrace_only=0

	for f in churn churn-instance churn-regroup; do
		[ "$ftrace_only" = 1 ] && break
		[ -f "$g/$f.json" ] || { record FAIL "$P/$f" "no $f.json"; continue; }
		res=$(jget "$g/$f.json" .residual)
		n=$(jget "$g/$f.json" .events)
		per=$(jget "$g/$f.json" .residual_per_event)
		stale=$(jget "$g/$f.json" .stale_paths)
		if [ "$kind" = patched ]; then
			[ "$res" -le 5 ] 2>/dev/null &&
				record PASS "$P/$f-residual" "$res dentries after $n events (goal <= 5)" ||
				record FAIL "$P/$f-residual" "$res dentries after $n events (goal <= 5)"
		else
			awk -v p="$per" 'BEGIN {exit !(p > 1.0)}' &&
				record PASS "$P/$f-shows-defect" "$res dentries after $n events ($per per event)" ||
				record FAIL "$P/$f-shows-defect" "only $res dentries after $n events: the measurement cannot see the defect"
		fi
		[ "$stale" = 0 ] && record PASS "$P/$f-no-stale-path" ||
			record FAIL "$P/$f-no-stale-path" "$stale deleted paths still reachable"
	done
	# A clear of N kprobe + kretprobe events: none left, and (with the
	# series) at most one synchronize_rcu() by the writer; the base's
	# count is recorded as seeing one per event.
	if [ -f "$g/clearall.json" ]; then
		local left gpw n
		left=$(jget "$g/clearall.json" .left)
		gpw=$(jget "$g/clearall.json" .sync_rcu_calls_writer)
		n=$(jget "$g/clearall.json" .events)
		if [ "$left" != 0 ]; then
			record FAIL "$P/clear-all" "$left events left after clearing"
		elif [ "$kind" = patched ]; then
			[ "${gpw:-x}" -le 1 ] 2>/dev/null &&
				record PASS "$P/clear-all" "$n events in $(jget "$g/clearall.json" .clear_seconds)s, $gpw synchronize_rcu() by the writer (goal <= 1)" ||
				record FAIL "$P/clear-all" "${gpw:-no} synchronize_rcu() calls by the writer for $n events (goal <= 1)"
		else
			[ "${gpw:-0}" -gt 1 ] 2>/dev/null &&
				record PASS "$P/clear-all-shows-defect" "$gpw synchronize_rcu() by the writer for $n events" ||
				record FAIL "$P/clear-all-shows-defect" "${gpw:-no} synchronize_rcu() calls for $n events: the count cannot see the defect"
		fi
	fi
	for f in "$g"/ftrace-*.ktap; do
		[ -f "$f" ] || continue
		record_tap "$P/ftrace/$(basename "$f" .ktap | sed 's/^ftrace-//')" "$f"
	done
	for f in "$g"/ftrace-*.skipped; do
		[ -f "$f" ] || continue
		while IFS=$'\t' read -r t why; do
			record SKIP "$P/ftrace/$(basename "$f" .skipped | sed 's/^ftrace-//')/$t" "not run in the lab: $why"
		done <"$f"
	done
	for f in "$g"/ftrace-*.missing; do
		[ -f "$f" ] && record FAIL "$P/ftrace/$(basename "$f" .missing | sed 's/^ftrace-//')" "$(cat "$f")"
	done
	# Every directory the boot was asked to run must have run to its
	# end: ftracetest prints its totals last.
	for d in ${FTDIRS_EXPECTED:-}; do
		f=$g/ftrace-$d.ktap
		[ -f "$g/ftrace-$d.missing" ] && continue
		if [ ! -f "$f" ]; then
			record FAIL "$P/ftrace/$d/ran" "no $f: the guest never got to it"
		elif ! grep -q '^# Totals:' "$f"; then
			record FAIL "$P/ftrace/$d/ran" "cut off after $(grep -c '^\(not \)\?ok ' "$f") tests"
		fi
	done
	if [ "$ftrace_only" = 0 ]; then
		record_tap "$P/kselftest" "$g/proc-kselftest.tap"
		record_tap "$P/proc" "$g/proc-dcache-flush.ktap"
	fi
	[ -f "$g/procflushctl-sigint.tap" ] && record_tap "$P/procflushctl-sigint" "$g/procflushctl-sigint.tap"
	if [ -f "$g/procflushctl.rc" ]; then
		if [ "$kind" = patched ]; then
			[ "$(cat "$g/procflushctl.rc")" = 0 ] &&
				record PASS "$P/procflushctl" "verdict: pass" ||
				record FAIL "$P/procflushctl" "exit $(cat "$g/procflushctl.rc"): $(grep -i -m2 'violation\|fail' "$g/procflushctl.txt" | tr '\n' ' ')"
		else
			[ "$(cat "$g/procflushctl.rc")" = 1 ] &&
				record PASS "$P/procflushctl-sees-defect" "exit 1 (violations) as expected on the base" ||
				record FAIL "$P/procflushctl-sees-defect" "exit $(cat "$g/procflushctl.rc"), expected 1 on the base"
		fi
		jq -e . "$g/procflushctl.json" >/dev/null 2>&1 &&
			record PASS "$P/procflushctl-json-valid" ||
			record FAIL "$P/procflushctl-json-valid" "jq rejects $g/procflushctl.json"
	fi
	[ -f "$g/pidswap.txt" ] && pidswap_verdict "$g" "$P"
	[ -f "$g/umount-kill.txt" ] && umount_kill_verdict "$g" "$P"
	return 0
}

# exec-storm with lab/modules/pidswap_delay (lab/guest/pidswap.sh): the same
# verdict on both kernels, so make ab shows where it fails.  It passes only
# if procflushctl passed AND the module saw at least one held lookup whose
# task changed pid: without that the run never hit the window.
pidswap_verdict() {
	local g=$1 P=$2 rc swaps
	rc=$(sed -n 's/^rc=//p' "$g/pidswap.txt")
	swaps=$(sed -n 's/.*held [0-9]* lookups, \([0-9]*\) saw.*/\1/p' "$g/pidswap.txt")
	if [ "${rc:-x}" != 0 ]; then
		record FAIL "$P/procflushctl-exec-storm-pidswap" \
			"exit ${rc:-none}, $swaps swaps in the window: $(grep -i -m2 'violation\|error\|cannot' "$g/pidswap.txt" | tr '\n' ' ')"
	elif [ "${swaps:-0}" -gt 0 ]; then
		record PASS "$P/procflushctl-exec-storm-pidswap" "$swaps lookups saw their task's pid swapped, every stat named its pid"
	else
		record FAIL "$P/procflushctl-exec-storm-pidswap" "no lookup saw a pid swap: the window was never hit"
	fi
}

# umount of a procfs instance inside a reaped task's flush, held there by
# lab/modules/kill_delay (lab/guest/umount-kill.sh).  It passes only if
# every round's umount landed inside the hold (the module's count), every
# umount succeeded and no instance stayed mounted; a flush that does not
# pin the superblock shows as a splat, which the splat gate fails.
umount_kill_verdict() {
	local g=$1 P=$2 f=$1/umount-kill.txt rounds ok still inside
	rounds=$(sed -n 's/^rounds=\([0-9]*\) .*/\1/p' "$f")
	ok=$(sed -n 's/.* umount_ok=\([0-9]*\) .*/\1/p' "$f")
	still=$(sed -n 's/.* mounted_after=\([0-9]*\)$/\1/p' "$f")
	inside=$(sed -n 's/.*held [0-9]* invalidations, \([0-9]*\) saw.*/\1/p' "$f")
	if [ -z "$rounds" ] || [ -z "$inside" ]; then
		record FAIL "$P/umount-during-flush" "incomplete: $(head -c 300 "$f" | tr '\n' ' ')"
	elif [ "$ok" != "$rounds" ] || [ "$still" != 0 ]; then
		record FAIL "$P/umount-during-flush" "$ok of $rounds umounts succeeded, $still instances stayed mounted"
	elif [ "$inside" -lt "$rounds" ]; then
		record FAIL "$P/umount-during-flush" "only $inside of $rounds umounts landed inside the held flush: the window was missed"
	else
		record PASS "$P/umount-during-flush" "$rounds umounts of a procfs instance inside the flush of a reaped task's directory on it"
	fi
}
