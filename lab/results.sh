# SPDX-License-Identifier: GPL-2.0
# Test bookkeeping for lab/check, lab/run and lab/ab.  Sourced.
# Every test is one line in $TESTS: "PASS|FAIL|SKIP<TAB>name<TAB>detail".
# Skipped tests (SKIP/XFAIL/unsupported in KTAP) are listed and counted
# apart: they are neither passed nor failed.

tests_init() {
	TESTS=$1
	mkdir -p "$(dirname "$TESTS")"
	: >"$TESTS"
}

# TEST_PREFIX (lab/check-base: "BASE/") is put before every name.
record() { # PASS|FAIL|SKIP name [detail]
	printf '%s\t%s\t%s\n' "$1" "${TEST_PREFIX:-}$2" "${3:-}" >>"$TESTS"
	printf '  %-4s %s %s\n' "$1" "${TEST_PREFIX:-}$2" "${3:+($3)}" >&2
}

check_cmd() { # name command...: PASS if the command succeeds
	local name=$1; shift
	if "$@"; then record PASS "$name"; else record FAIL "$name" "exit $?"; fi
}

# Record every top-level TAP/KTAP result of FILE as a test named PREFIX/...
# (SKIP, XFAIL, unsupported and untested are recorded as SKIP).
record_tap() { # prefix file
	local prefix=$1 file=$2 line name reason any=0
	[ -f "$file" ] || { record FAIL "$prefix" "no result file $file"; return; }
	while IFS= read -r line; do
		case "$line" in
		"ok "[0-9]*|"not ok "[0-9]*) ;;
		*) continue ;;
		esac
		any=1
		name=$(sed -E 's/^(not )?ok [0-9]+ (- )?//; s/ *# *(SKIP|XFAIL|UNSUPPORTED|UNTESTED|UNRESOLVED).*//' <<<"$line")
		reason=$(awk -F'\t' -v n="$name" '$1 == n {print $2}' "$LAB/config/ftrace-expected-failures" 2>/dev/null)
		case "$line" in
		*"# SKIP"*|*"# XFAIL"*|*"# skip"*|*"# UNSUPPORTED"*|*"# UNTESTED"*)
			record SKIP "$prefix/$name" "${line##*# }" ;;
		"not ok "*)
			if [ -n "$reason" ]; then
				record SKIP "$prefix/$name" "expected in the lab: $reason"
			else
				record FAIL "$prefix/$name" "${line##*#}"
			fi ;;
		*) record PASS "$prefix/$name" ;;
		esac
	done <"$file"
	[ "$any" = 1 ] || record FAIL "$prefix" "no TAP results in $file: $(tail -2 "$file" | tr '\n' ' ')"
}

tests_summary() {
	local p f s
	p=$(grep -c '^PASS' "$TESTS")
	f=$(grep -c '^FAIL' "$TESTS")
	s=$(grep -c '^SKIP' "$TESTS")
	[ "$s" -gt 0 ] && echo "$s skipped (unsupported here; not counted): $(grep '^SKIP' "$TESTS" | cut -f2 | head -8 | tr '\n' ' ')..."
	if [ "$f" -gt 0 ]; then
		echo "Failed tests:"
		grep '^FAIL' "$TESTS" | cut -f2,3 | sed 's/^/  /'
	fi
	echo "$p passed, $f failed"
	[ "$f" = 0 ]
}

print_phase_times() {
	[ -f "$BUILD/phase-times.tsv" ] || return 0
	echo "Phase timings (s):"
	awk -F'\t' '{printf "  %-18s %5d\n", $1, $2}' "$BUILD/phase-times.tsv"
}

jget() { jq -r "$2" "$1" 2>/dev/null; }
