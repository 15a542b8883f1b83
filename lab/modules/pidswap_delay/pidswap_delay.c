// SPDX-License-Identifier: GPL-2.0
/*
 * Lab instrument, not part of the series: widen the window between a
 * procfs lookup finding a task by its number and the new inode taking a
 * pid, so that a de_thread() pid swap (exchange_tids()) lands inside it on
 * demand instead of by luck.
 *
 * Kprobes on proc_pid_instantiate(), proc_task_instantiate() and
 * proc_pident_instantiate() (/proc/<tgid>, /proc/<tgid>/task/<tid> and
 * their entries, from lookups and from the readdir fill paths) hold a
 * lookup made by a task whose comm is @reader, of a task of another thread
 * group that has several threads, until the looked-up task's pid changes
 * or @max_us pass.  The three run before any pid is taken for the new
 * inode, on the base (proc_pid_make_inode()'s get_task_pid()) as with the
 * series (the pid found by number, or the directory's), so the same module
 * runs against both.  (It held in proc_pid_make_inode() until 2026-12-07:
 * with the series the pid is taken before that call, so a mutant that took
 * the wrong pid was never held in its window.)
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
	/* proc_*_instantiate(dentry, task, ptr) */
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

static struct kprobe kps[] = {
	{ .symbol_name = "proc_pid_instantiate", .pre_handler = pre_handler },
	{ .symbol_name = "proc_task_instantiate", .pre_handler = pre_handler },
	{ .symbol_name = "proc_pident_instantiate", .pre_handler = pre_handler },
};
static struct kprobe *kpp[ARRAY_SIZE(kps)];

static int __init pidswap_delay_init(void)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(kps); i++)
		kpp[i] = &kps[i];
	return register_kprobes(kpp, ARRAY_SIZE(kpp));
}

static void __exit pidswap_delay_exit(void)
{
	unregister_kprobes(kpp, ARRAY_SIZE(kpp));
	pr_info("pidswap_delay: held %ld lookups, %ld saw their task's pid change\n",
		atomic_long_read(&held), atomic_long_read(&swapped));
}

module_init(pidswap_delay_init);
module_exit(pidswap_delay_exit);
MODULE_DESCRIPTION("procflush lab: hold procfs pid lookups open across de_thread() pid swaps");
MODULE_LICENSE("GPL");
