// SPDX-License-Identifier: GPL-2.0
/*
 * Lab instrument, not part of the series: widen the window between a
 * procfs lookup finding a task by its number and proc_pid_make_inode()
 * taking that task's pid (get_task_pid()), so that a de_thread() pid
 * swap (exchange_tids()) lands inside it on demand instead of by luck.
 *
 * A kprobe on proc_pid_make_inode() holds a lookup made by a task whose
 * comm is @reader, of a task of another thread group that has several
 * threads, until the looked-up task's pid changes or @max_us pass.
 * Every procfs pid-directory instantiation (proc_pid_lookup(),
 * proc_task_lookup() and the readdir fill paths) goes through it on both
 * the base and the series, so the same module runs against both.
 *
 * The handler runs with preemption disabled: it busy-waits in steps of
 * 10 us and gives up after @max_us, so the exec it waits for can only be
 * delayed, never blocked.  The target task is pinned by the lookup
 * (get_task_struct()), which keeps task->signal valid.
 */
#include <linux/delay.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/string.h>

static char *reader = "procflushctl";
module_param(reader, charp, 0444);
MODULE_PARM_DESC(reader, "comm of the tasks whose lookups are held");

static unsigned int max_us = 20000;
module_param(max_us, uint, 0444);
MODULE_PARM_DESC(max_us, "longest hold of one lookup, microseconds");

/* reported when the module is removed */
static atomic_long_t held, swapped;

static int pre_handler(struct kprobe *p, struct pt_regs *regs)
{
	/* proc_pid_make_inode(sb, task, mode) on the base, (sb, task, pid, mode) with the series */
	struct task_struct *task = (struct task_struct *)regs_get_kernel_argument(regs, 1);
	struct pid *pid;
	unsigned int us;

	if (!task || same_thread_group(task, current) ||
	    strncmp(current->comm, reader, TASK_COMM_LEN))
		return 0;
	/* racy on purpose: a stale answer only holds or skips one lookup */
	if (READ_ONCE(task->signal->nr_threads) < 2)
		return 0;
	atomic_long_inc(&held);
	pid = READ_ONCE(task->thread_pid);
	for (us = 0; us < max_us; us += 10) {
		if (READ_ONCE(task->thread_pid) != pid) {
			atomic_long_inc(&swapped);
			break;
		}
		udelay(10);	/* kprobe handler: atomic, cannot sleep */
	}
	return 0;
}

static struct kprobe kp = {
	.symbol_name = "proc_pid_make_inode",
	.pre_handler = pre_handler,
};

static int __init pidswap_delay_init(void)
{
	return register_kprobe(&kp);
}

static void __exit pidswap_delay_exit(void)
{
	unregister_kprobe(&kp);
	pr_info("pidswap_delay: held %ld lookups, %ld saw their task's pid change\n",
		atomic_long_read(&held), atomic_long_read(&swapped));
}

module_init(pidswap_delay_init);
module_exit(pidswap_delay_exit);
MODULE_DESCRIPTION("procflush lab: hold procfs pid lookups open across de_thread() pid swaps");
MODULE_LICENSE("GPL");
