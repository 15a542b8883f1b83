#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Prove lab/splat-detect: every recorded splat is caught and quoted, every
# pattern works on its own, and a clean boot log passes.
set -u
here=$(cd "$(dirname "$0")" && pwd)
det=$here/../splat-detect
n=0 fail=0
t() { # desc, then command; the command's status is the verdict
	local d=$1; shift
	n=$((n + 1))
	if "$@" >/dev/null 2>&1; then echo "ok $n - $d"; else echo "not ok $n - $d"; fail=$((fail + 1)); fi
}
quoted() { # fixture: the detector fails AND quotes the first line of the splat
	local out
	out=$("$det" "$1") && return 1
	grep -qF -- "$(grep -m1 -E 'BUG:|WARNING:|KASAN:|UBSAN:|INFO:|rcu|Busy|Oops|panic|corruption' "$1" | cut -c16-70)" <<<"$out"
}
for f in "$here"/fixtures/*.log; do
	case "$(basename "$f")" in
	clean-*) t "clean log passes: $(basename "$f")" "$det" "$f" ;;
	*) t "splat caught and quoted: $(basename "$f")" quoted "$f" ;;
	esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
while read -r line; do
	printf '[    1.000000] boot ok\n[    2.000000] %s\n[    3.000000] done\n' "$line" >"$tmp/one.log"
	t "pattern alone is caught: $line" bash -c "! '$det' '$tmp/one.log'"
done <<'EOF2'
BUG: unable to handle page fault for address: ffffc90000000000
WARNING: CPU: 0 PID: 1 at kernel/foo.c:1 foo+0x1/0x2
KASAN: maybe wild-memory-access in range
UBSAN: array-index-out-of-bounds in fs/x.c:1:2
======= possible circular locking dependency detected
======= possible recursive locking detected
======= suspicious RCU usage
INFO: task bash:1 blocked for more than 120 seconds.
rcu: INFO: rcu_sched self-detected stall on CPU
VFS: Busy inodes after unmount of tracefs (tracefs)
Oops: 0000 [#1] SMP
Kernel panic - not syncing: Fatal exception
general protection fault, maybe for address 0x1: 0000 [#1]
list_add corruption. prev->next should be next
list_del corruption, ffff888100000000->next is LIST_POISON1
EOF2
t "unreadable log is an error, not a pass" bash -c "'$det' /nonexistent; [ \$? = 2 ]"
printf '[    1.0] tracing: kprobe events ready\n[    2.0] this log mentions bugfix and warnings in lower case\n' >"$tmp/benign.log"
t "benign lower-case words pass" "$det" "$tmp/benign.log"
echo "# splat-detect: $((n - fail)) passed, $fail failed"
[ "$fail" = 0 ]
