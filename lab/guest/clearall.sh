#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Guest-side: create N disabled kprobe events, then time deleting them.
#   clearall.sh [-n N] [-t kprobe|kretprobe|mixed|uprobe] [-d] [-e] [-g] [-o OUT]
# Default: clear them all at once with an O_TRUNC open of kprobe_events.
# -d: delete them one by one, one "-:group/event" write each, as
#     libtracefs' tracefs_dynevent_destroy_all() and perf probe -d do.
# -e: trace them first: enable the group through tracefs and disable it
#     again before the deletion (untimed), as any tool that traced them
#     (trace-cmd record, perf) leaves them: such an event is marked as
#     once enabled, and deleting it resets the ring buffers.
# -t: the kind of probes (default kprobe; mixed alternates p and r;
#     uprobe: uprobe events on /bin/bash through uprobe_events, never
#     enabled, so no uprobe is ever registered: the deletion cost of a
#     disabled uprobe event, which issue 14 asked to measure).
# -g: also count the calls of synchronize_rcu() while deleting (function
#     tracer filtered to it, in an instance of its own, in an untimed
#     second round): by this shell (the writer) and by every task until
#     2 s after the last write
#     (deferred work included).  For uprobe events the filter also has
#     synchronize_rcu_tasks_trace() (uprobe_unregister_sync()) and
#     synchronize_srcu(), counted under "sync_calls_*" keys instead.
# Times come from bash's $EPOCHREALTIME: forking date(1) would put an exec
# over 9p (tens of milliseconds under TCG) inside the timed window.
set -u
n=100 out=/dev/stdout kind=kprobe onebyone=0 gp=0 traced=0
while getopts "n:o:t:deg" o; do
	case $o in
	n) n=$OPTARG ;;
	o) out=$OPTARG ;;
	t) kind=$OPTARG ;;
	d) onebyone=1 ;;
	e) traced=1 ;;
	g) gp=1 ;;
	*) exit 2 ;;
	esac
done
case $kind in kprobe|kretprobe|mixed|uprobe) ;; *) echo "bad -t $kind" >&2; exit 2 ;; esac
T=/sys/kernel/tracing
EV=$T/kprobe_events
[ "$kind" = uprobe ] && EV=$T/uprobe_events
syms=(vfs_read vfs_write vfs_open do_sys_openat2 ksys_read ksys_write)

create() {
	local i t
	for ((i = 1; i <= n; i++)); do
		case $kind in
		kprobe) t=p ;;
		kretprobe) t=r ;;
		mixed) t=p; [ $((i % 2)) = 0 ] && t=r ;;
		uprobe)
			# Any offset inside the file: a disabled event is never armed.
			printf 'p:pfclear/e%d /bin/bash:0x%x\n' $i $((4096 + i * 16)) >>$EV || return 1
			continue ;;
		esac
		echo "$t:pfclear/e$i ${syms[$((i % ${#syms[@]}))]}" >>$EV || return 1
	done
	if [ "$traced" = 1 ]; then
		echo 1 >$T/events/pfclear/enable || return 1
		echo 0 >$T/events/pfclear/enable || return 1
	fi
}

delete() {
	local i
	if [ "$onebyone" = 1 ]; then
		for ((i = 1; i <= n; i++)); do
			echo "-:pfclear/e$i" >>$EV || return 1
		done
	else
		echo >$EV || return 1
	fi
}

seconds() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", (b - a) / 1e6}'; }

echo >$EV || exit 3
t0=${EPOCHREALTIME//[!0-9]/}
create || exit 1
t1=${EPOCHREALTIME//[!0-9]/}
delete || exit 1
t2=${EPOCHREALTIME//[!0-9]/}
left=$(grep -c . $EV)

gpjson=
if [ "$gp" = 1 ]; then
	create || exit 1
	# Count in an instance of its own: entries of the counting tracer in
	# the top buffer would keep it from ever being empty, and deleting
	# events traced there (-e) would reset it at every deletion.
	I=$T/instances/pfclear_gp
	mkdir $I || exit 4
	# Leave no instance behind on any exit
	trap 'echo nop >$I/current_tracer 2>/dev/null; rmdir $I 2>/dev/null' EXIT
	echo synchronize_rcu >$I/set_ftrace_filter || exit 4
	if [ "$kind" = uprobe ]; then
		echo synchronize_rcu_tasks_trace >>$I/set_ftrace_filter || exit 4
		echo synchronize_srcu >>$I/set_ftrace_filter || exit 4
	fi
	echo function >$I/current_tracer || exit 4
	echo >$I/trace
	delete || exit 1
	sleep 2
	echo 0 >$I/tracing_on
	writer=$(grep -v '^#' $I/trace | grep -c -- "-$$ ")
	all=$(grep -v '^#' $I/trace | grep -c 'synchronize_')
	echo nop >$I/current_tracer
	rmdir $I
	trap - EXIT
	key=sync_rcu_calls
	[ "$kind" = uprobe ] && key=sync_calls
	gpjson=$(printf ', "%s_writer": %d, "%s_all": %d' $key "$writer" $key "$all")
fi

printf '{"events": %d, "kind": "%s", "mode": "%s", "traced": %d, "create_seconds": %s, "%s_seconds": %s, "left": %d%s}\n' \
	"$n" "$kind" "$([ "$onebyone" = 1 ] && echo one-by-one || echo truncate)" "$traced" \
	"$(seconds "$t0" "$t1")" "$([ "$onebyone" = 1 ] && echo delete || echo clear)" \
	"$(seconds "$t1" "$t2")" "$left" "$gpjson" >"$out"
