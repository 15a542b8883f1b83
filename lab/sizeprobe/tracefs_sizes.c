// SPDX-License-Identifier: GPL-2.0
/* Sizes of the tracefs structures the series changes (see proc_sizes.c) */
#include <linux/module.h>
#include <linux/fs.h>
#include "fs/tracefs/internal.h"

char size_struct_tracefs_inode[sizeof(struct tracefs_inode)] __used;
char size_struct_eventfs_inode[sizeof(struct eventfs_inode)] __used;
