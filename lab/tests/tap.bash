# SPDX-License-Identifier: GPL-2.0
# Sourced by the lab's host tests (lab/tests/*.sh, lab/tests/series/*.sh):
# one TAP line per assertion, a summary line, the exit status.
#   t DESC CMD...   "ok N - DESC" when CMD succeeds (output discarded),
#                   "not ok N - DESC" otherwise
#   tap_tmpdir      $tmp: a scratch directory removed on every exit
#   tap_done NAME   "# NAME: P passed, F failed"; fails if any assertion did
n=0 fail=0
t() {
	local d=$1
	shift
	n=$((n + 1))
	if "$@" >/dev/null 2>&1; then
		echo "ok $n - $d"
	else
		echo "not ok $n - $d"
		fail=$((fail + 1))
	fi
}
tap_tmpdir() {
	tmp=$(mktemp -d) || exit 1
	trap 'rm -rf "$tmp"' EXIT
}
tap_done() {
	echo "# $1: $((n - fail)) passed, $fail failed"
	[ "$fail" = 0 ]
}
