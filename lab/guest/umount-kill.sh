#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest-side: unmount a procfs instance while the flush of a reaped task
# is working on that instance's /proc/<pid> dentry.  lab/modules/kill_delay
# holds the flush's d_invalidate() on the instance until the umount has
# dropped its reference (and 200 ms more), so the umount runs inside the
# window every round, on the base as with the series.  The flush must
# keep the superblock alive (an active reference) until it is done: then
# the umount only detaches the mount, and the kernel stays quiet.
#   lab/vm-run --kernel patched --out DIR -- 'bash lab/guest/umount-kill.sh [ROUNDS]'
# Writes /tmp/results/umount-kill.txt: per round the umount's exit code,
# "rounds=N umount_ok=M mounted_after=K", and the module's counts ("held N
# invalidations, M saw an umount inside").  lab/verdicts.sh judges it; a
# flush without the pin shows as a splat ("still in use", "Busy inodes
# after unmount", KASAN), which the splat gate fails.
R=/tmp/results
rounds=${1:-5}
MP=/tmp/umount-kill
P=/sys/module/kill_delay/parameters
out=$R/umount-kill.txt
if ! modprobe kill_delay; then
	echo "umount-kill: cannot load kill_delay (lab/kbuild builds it)" >$out
	exit 3
fi
: >$out
ok=0 still=0
for r in $(seq 1 "$rounds"); do
	mkdir -p $MP
	mount -t proc proc $MP || { echo "round $r: mount failed" >>$out; break; }
	sleep 1000 &
	p=$!
	# a dentry and inode of the task's directory on the instance
	stat $MP/$p >/dev/null
	stat -c %d $MP >$P/dev
	rm -f /tmp/umount-kill.done /tmp/umount-kill.rc
	# The umounter starts when the flush is held (no fork in the loop).
	(
		h=0
		until [ "$h" = 1 ] || [ -e /tmp/umount-kill.done ]; do
			read -r h <$P/holding
		done
		umount $MP
		echo $? >/tmp/umount-kill.rc
	) &
	u=$!
	kill $p
	wait $p 2>/dev/null	# the reap: release_task() flushes /proc/$p
	: >/tmp/umount-kill.done
	wait $u
	echo 0 >$P/dev
	rc=$(cat /tmp/umount-kill.rc 2>/dev/null)
	echo "round $r: umount rc=${rc:-none}" >>$out
	[ "$rc" = 0 ] && ok=$((ok + 1))
	if grep -q " $MP proc " /proc/mounts; then
		still=$((still + 1))
		umount -l $MP
	fi
done
rmdir $MP 2>/dev/null
echo "rounds=$rounds umount_ok=$ok mounted_after=$still" >>$out
rmmod kill_delay
dmesg | grep -o 'kill_delay: held .*' | tail -1 >>$out
cat $out
