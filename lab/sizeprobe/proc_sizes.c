// SPDX-License-Identifier: GPL-2.0
/*
 * Sizes of the procfs structures the series changes, read back by
 * lab/sizes with nm -S: each array is as long as its structure.
 *
 * Measured, never loaded: the procfs headers are read as built-in code,
 * because fs/proc/internal.h asserts PROC_ENTRY_PERMANENT != 0, which
 * include/linux/proc_fs.h defines as 0 for modules (7.x).
 */
#include <linux/module.h>
#undef MODULE
#include <linux/pid.h>
#include <linux/sysctl.h>
#include "fs/proc/internal.h"

char size_struct_pid[sizeof(struct pid)] __used;
char size_struct_proc_inode[sizeof(struct proc_inode)] __used;
char size_struct_ctl_table_header[sizeof(struct ctl_table_header)] __used;

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("procflush lab: structure sizes");
