// SPDX-License-Identifier: GPL-2.0
/*
 * Lab instrument, not part of the series: hold the invalidation of a dead
 * object's dentry on one chosen superblock, so that an umount of that
 * superblock lands inside the window on demand instead of by luck.
 *
 * A kprobe on d_invalidate() holds each call on the superblock whose
 * device number was written to @dev (as stat(2) reports it, st_dev) until
 * that superblock loses an active reference (an umount ran) or @max_ms
 * pass, and then @after_ms longer, so that the umount can finish its
 * shutdown while the caller still holds its dentry and inode.  @holding
 * reads 1 during a hold: a test starts its umount when it sees it.  The
 * caller that matters is the flush of a reaped task's /proc/<pid> dentries
 * (proc_flush_pid(): on the base proc_invalidate_siblings_dcache(), with
 * the series dcache_anchor_kill()), which must keep the superblock alive
 * while it works on its inodes: then the umount only drops the mount and
 * the superblock is shut down by the flush's deactivate_super().  Without
 * that pin the umount shuts the superblock down under the flush ("Dentry
 * still in use" / "Busy inodes after unmount", then a use-after-free).
 *
 * The hold must be able to sleep: the umount waits for an RCU grace
 * period (namespace_unlock()) before it drops its reference, which a
 * busy-wait in the kprobe handler (preemption disabled) would block.  So
 * the handler sends the call to held_d_invalidate() instead (it changes
 * the saved instruction pointer, as fail_function does), which sleeps in
 * the caller's context and then calls d_invalidate() itself; the kprobe
 * lets that call through.
 */
#include <linux/delay.h>
#include <linux/dcache.h>
#include <linux/fs.h>
#include <linux/kdev_t.h>
#include <linux/kprobes.h>
#include <linux/module.h>

static unsigned int dev;
module_param(dev, uint, 0644);
MODULE_PARM_DESC(dev, "st_dev of the superblock whose invalidations are held (0: none)");

static unsigned int max_ms = 2000;
module_param(max_ms, uint, 0444);
MODULE_PARM_DESC(max_ms, "longest wait for an umount, milliseconds");

static unsigned int after_ms = 200;
module_param(after_ms, uint, 0444);
MODULE_PARM_DESC(after_ms, "hold after the umount dropped its reference, milliseconds");

static int holding;
module_param(holding, int, 0444);
MODULE_PARM_DESC(holding, "1 while an invalidation is held");

/* reported when the module is removed */
static atomic_long_t held, inside;

/* the task whose d_invalidate() call the kprobe lets through */
static struct task_struct *passing;

static void held_d_invalidate(struct dentry *dentry)
{
	struct super_block *sb = dentry->d_sb;
	int active = atomic_read(&sb->s_active);
	unsigned int ms;

	atomic_long_inc(&held);
	WRITE_ONCE(holding, 1);
	for (ms = 0; ms < max_ms; ms++) {
		if (atomic_read(&sb->s_active) < active) {
			atomic_long_inc(&inside);
			msleep(after_ms);
			break;
		}
		msleep(1);
	}
	WRITE_ONCE(holding, 0);
	WRITE_ONCE(passing, current);
	d_invalidate(dentry);
	WRITE_ONCE(passing, NULL);
}

static int pre_handler(struct kprobe *p, struct pt_regs *regs)
{
	/* d_invalidate(dentry) */
	struct dentry *dentry = (struct dentry *)regs_get_kernel_argument(regs, 0);
	unsigned int want = READ_ONCE(dev);

	if (!want || !dentry || READ_ONCE(passing) == current ||
	    dentry->d_sb->s_dev != new_decode_dev(want) || READ_ONCE(holding))
		return 0;
	/* run held_d_invalidate(dentry) in place of d_invalidate(dentry) */
	instruction_pointer_set(regs, (unsigned long)held_d_invalidate);
	return 1;
}

/* A post handler makes the kprobe an IPMODIFY ftrace user. */
static void post_handler(struct kprobe *p, struct pt_regs *regs,
			 unsigned long flags)
{
}

static struct kprobe kp = {
	.symbol_name = "d_invalidate",
	.pre_handler = pre_handler,
	.post_handler = post_handler,
};

static int __init kill_delay_init(void)
{
	return register_kprobe(&kp);
}

static void __exit kill_delay_exit(void)
{
	unregister_kprobe(&kp);
	pr_info("kill_delay: held %ld invalidations, %ld saw an umount inside\n",
		atomic_long_read(&held), atomic_long_read(&inside));
}

module_init(kill_delay_init);
module_exit(kill_delay_exit);
MODULE_DESCRIPTION("procflush lab: hold dentry invalidations on one superblock across its umount");
MODULE_LICENSE("GPL");
