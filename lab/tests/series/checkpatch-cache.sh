#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# lab/checkpatch's result cache: a patch that passed is PASS (cached) the
# second time, and the same patch with a style error added fails, first
# and when cached, although its clean version is in the cache.  Needs
# build/BASE/linux.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
. "$here/../tap.bash"
tap_tmpdir
B=${BASE:-mainline}
export PROCFLUSH_BUILD=$top/build/$B PROCFLUSH_CHECKPATCH_CACHE=$tmp/cache
first=$(grep -m1 '\.patch' "$top/patches/$B/series" | cut -d' ' -f1)
mkdir -p "$tmp/good" "$tmp/bad"
cp "$top/patches/$B/$first" "$tmp/good/$first"
# The key hashes the formatted patch: its "index" lines must not depend
# on the repository (git sizes abbreviations by object count; a fresh
# clone's tree gave 7 digits, an older one 9, and missed the cache).
git init -q "$tmp/repo" && git -C "$tmp/repo" config core.abbrev 7
echo a >"$tmp/repo/f" && git -C "$tmp/repo" add f &&
	git -C "$tmp/repo" -c user.name=t -c user.email=t@t commit -q -m a
echo b >"$tmp/repo/f" && git -C "$tmp/repo" -c user.name=t -c user.email=t@t commit -q -am b
# shellcheck source=../lib.sh
idx=$(. "$top/lab/lib.sh" && TREE=$tmp/repo tree_git format-patch --stdout -1 HEAD | grep '^index ')
# Trailing whitespace on the first added line
awk 'BEGIN {done = 0} /^\+\+\+ / {print; next} !done && /^\+[^+]/ {print $0 " "; done = 1; next} {print}' \
	"$top/patches/$B/$first" >"$tmp/bad/$first"
run() { # dir out
	CHECKPATCH_FILES="$1/$first" "$top/lab/checkpatch" "$tmp/out-$2" >"$tmp/$2.tsv" 2>"$tmp/$2.err"
}
echo "1..7"
run "$tmp/good" g1
t "a clean patch passes" grep -q "^PASS	$first	0 errors, 0 warnings, 0 checks\$" "$tmp/g1.tsv"
run "$tmp/good" g2
t "the second time its result comes from the cache" grep -q "^PASS	$first	.*(cached result)\$" "$tmp/g2.tsv"
run "$tmp/bad" b1
t "the patch with trailing whitespace fails despite the cached clean one" grep -q "^FAIL	$first	" "$tmp/b1.tsv"
t "and it was checked, not cached" sh -c "! grep -q cached '$tmp/b1.tsv'"
run "$tmp/bad" b2
t "it fails again from the cache" grep -q "^FAIL	$first	.*(cached result)\$" "$tmp/b2.tsv"
t "the cached log names the error" grep -q 'trailing whitespace' "$tmp/out-b2/$first.log"
t "formatted patches abbreviate to 12 digits whatever the repository says" \
	grep -qE '^index [0-9a-f]{12}\.\.[0-9a-f]{12} ' <<<"$idx"
tap_done checkpatch-cache
