#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Prove lab/splat-detect: every recorded splat is caught and quoted, every
# pattern works on its own, and a clean boot log passes.
set -u
here=$(cd "$(dirname "$0")" && pwd)
det=$here/../splat-detect
. "$here/tap.bash"
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
tap_tmpdir
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
# Known diagnostics: listed apart with their reason, not counted; a real
# splat next to one is still caught; a near miss is still a splat.
orc='WARNING: stack going in the wrong direction? at return_to_handler+0x46/0x4d'
printf '[    1.0] boot ok\n[ 1905.447474] %s\n' "$orc" >"$tmp/known.log"
t "known diagnostic is not a splat" "$det" --known "$tmp/known.txt" "$tmp/known.log"
t "known diagnostic is listed with its reason" grep -q 'return_to_handler.*' "$tmp/known.txt"
t "known diagnostic's reason is written" grep -q 'why: ORC unwinder' "$tmp/known.txt"
printf '[    2.0] WARNING: CPU: 0 PID: 1 at kernel/foo.c:1 foo+0x1/0x2\n' >>"$tmp/known.log"
t "real splat beside a known diagnostic is caught" bash -c "! '$det' '$tmp/known.log'"
printf '[    1.0] WARNING: stack going in the wrong direction? at ext4_lookup+0x46/0x4d\n' >"$tmp/near.log"
t "same message elsewhere than return_to_handler is a splat" bash -c "! '$det' '$tmp/near.log'"
printf '[    1.0] user text WARNING: stack going in the wrong direction? at return_to_handler+0x46/0x4d\n' >"$tmp/prefix.log"
t "known message after other text on its line is a splat" bash -c "! '$det' '$tmp/prefix.log'"
printf 'BUG: foo\\x41\tbad\n' >"$tmp/list"
printf '[    1.0] BUG: fooA at bar\n' >"$tmp/esc.log"
t "an entry cannot hide a line its own grep does not list" bash -c "! PROCFLUSH_KNOWN_DIAGNOSTICS='$tmp/list' '$det' '$tmp/esc.log'"
printf 'BUG: (unclosed\tbad\n' >"$tmp/list"
t "a malformed entry is an error, not a pass" bash -c "PROCFLUSH_KNOWN_DIAGNOSTICS='$tmp/list' '$det' '$tmp/esc.log'; [ \$? = 2 ]"
# The kernel's own record (--taint): complaint bits and lockdep-off are
# splats even with a clean console; other taint bits are not.
printf '[    1.0] boot ok\n' >"$tmp/quiet.log"
for c in 'tainted=512 debug_locks=1:WARN' 'tainted=32 debug_locks=1:bad page' \
	 'tainted=128 debug_locks=1:oops' 'tainted=16384 debug_locks=1:soft lockup' \
	 'tainted=0 debug_locks=0:lockdep off'; do
	printf '%s\n' ${c%%:*} >"$tmp/taint"
	t "taint is a splat with a clean console: ${c#*:}" bash -c "! '$det' --taint '$tmp/taint' '$tmp/quiet.log'"
done
printf 'tainted=4096\ndebug_locks=1\n' >"$tmp/taint"
t "other taint bits (here 12, out-of-tree module) are not a splat" "$det" --taint "$tmp/taint" "$tmp/quiet.log"
printf 'tainted=0\ndebug_locks=1\n' >"$tmp/taint"
t "untainted kernel with lockdep on passes" "$det" --taint "$tmp/taint" "$tmp/quiet.log"
t "taint verdict is quoted" bash -c "'$det' --taint <(printf 'tainted=512\n') '$tmp/quiet.log' | grep -q 'tainted=512'"
tap_done splat-detect
