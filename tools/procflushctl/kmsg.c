// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/kmsg reader.  Opened once at start and positioned at the end,
 * so only records the kernel logs during the run are judged.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kmsg.h"
#include "util.h"

int pfc_kmsg_open(struct pfc_kmsg *k)
{
	memset(k, 0, sizeof(*k));
	k->fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (k->fd < 0)
		return -errno;
	if (lseek(k->fd, 0, SEEK_END) < 0) {
		int err = -errno;

		close(k->fd);
		k->fd = -1;
		return err;
	}
	return 0;
}

void pfc_kmsg_close(struct pfc_kmsg *k)
{
	if (k->fd >= 0)
		close(k->fd);
	k->fd = -1;
}

/*
 * Read every record available now; each read() returns one record.
 * Returns the number of records read, or -errno.
 */
int pfc_kmsg_collect(struct pfc_kmsg *k, struct pfc_splats *out)
{
	char rec[8192], line[1024];
	const char *msg;
	size_t ml;
	ssize_t n;
	int nr = 0;

	if (k->fd < 0)
		return -EBADF;
	for (;;) {
		n = read(k->fd, rec, sizeof(rec) - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EPIPE) {
				k->lost++;
				continue;
			}
			if (errno == EAGAIN)
				break;
			return -errno;
		}
		if (!n)
			break;
		rec[n] = '\0';
		k->records++;
		nr++;
		if (pfc_kmsg_strip(rec, n, &msg, &ml))
			continue;
		if (ml >= sizeof(line))
			ml = sizeof(line) - 1;
		memcpy(line, msg, ml);
		line[ml] = '\0';
		if (out)
			pfc_splats_feed(out, line);
	}
	return nr;
}

/* /proc/sys/kernel/tainted; 0 or -errno */
int pfc_taint_read(unsigned long *taint)
{
	char buf[64], *end;
	int n;

	n = pfc_read_small_file("/proc/sys/kernel/tainted", buf, sizeof(buf));
	if (n < 0)
		return n;
	errno = 0;
	*taint = strtoul(buf, &end, 10);
	if (errno || end == buf)
		return -EINVAL;
	return 0;
}
