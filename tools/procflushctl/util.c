// SPDX-License-Identifier: GPL-2.0-only
/*
 * Time, random numbers, number parsing and errno names.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

uint64_t pfc_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

void pfc_sleep_ns(uint64_t ns)
{
	struct timespec ts = {
		.tv_sec = ns / NSEC_PER_SEC,
		.tv_nsec = ns % NSEC_PER_SEC,
	};

	/* an interrupting signal ends the sleep early, which is wanted */
	nanosleep(&ts, NULL);
}

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t pfc_rng_seed(uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);
	uint64_t s = splitmix64(&x);

	return s ? s : 0x2545f4914f6cdd1dULL;
}

uint64_t pfc_rng_next(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

uint64_t pfc_rng_below(uint64_t *state, uint64_t bound)
{
	if (!bound)
		return 0;
	return pfc_rng_next(state) % bound;
}

/*
 * Parse an unsigned decimal number in [min, max].  Rejects signs,
 * leading blanks, trailing garbage and overflow, which strtoull
 * would otherwise quietly accept ("-1" becomes 2^64-1).
 */
int pfc_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (!s || !*s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno == ERANGE)
		return -ERANGE;
	if (*end)
		return -EINVAL;
	if (v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int pfc_parse_double(const char *s, double min, double max, double *out)
{
	double v;
	char *end;

	if (!s || !*s || !(isdigit((unsigned char)*s) || *s == '.'))
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (errno == ERANGE || !isfinite(v))
		return -ERANGE;
	if (*end)
		return -EINVAL;
	if (v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

/*
 * Durations: "30", "2.5", "30s", "500ms", "2m".  Must be > 0 and at
 * most one day.
 */
int pfc_parse_seconds(const char *s, double *out)
{
	char num[64];
	double mult = 1.0, v;
	size_t len;
	int ret;

	if (!s)
		return -EINVAL;
	len = strlen(s);
	if (!len || len >= sizeof(num))
		return -EINVAL;
	memcpy(num, s, len + 1);
	if (len > 2 && !strcmp(num + len - 2, "ms")) {
		mult = 0.001;
		num[len - 2] = '\0';
	} else if (num[len - 1] == 's') {
		num[len - 1] = '\0';
	} else if (num[len - 1] == 'm') {
		mult = 60.0;
		num[len - 1] = '\0';
	}
	ret = pfc_parse_double(num, 0.0, 86400.0, &v);
	if (ret)
		return ret;
	v *= mult;
	if (v <= 0.0 || v > 86400.0)
		return -ERANGE;
	*out = v;
	return 0;
}

const char *pfc_errno_name(int err)
{
	const char *name;

	if (err < 0)
		err = -err;
	name = strerrorname_np(err);
	return name ? name : "E?";
}

char *pfc_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len;

	if (!size)
		return dst;
	len = strnlen(src, size - 1);
	memcpy(dst, src, len);
	dst[len] = '\0';
	return dst;
}

/* Field 22 of /proc/<pid>/stat, after the parenthesised comm */
long long pfc_proc_starttime(const char *statbuf)
{
	const char *p = strrchr(statbuf, ')');
	long long v = -1;
	int field = 2;

	if (!p)
		return -1;
	p++;
	while (*p && field < 22) {
		if (*p == ' ') {
			field++;
			while (*p == ' ')
				p++;
			continue;
		}
		p++;
	}
	if (field == 22) {
		char *end;

		v = strtoll(p, &end, 10);
		if (end == p)
			return -1;
	}
	return v;
}

/*
 * Read a small file (a procfs or sysctl value) into @buf, NUL-terminated.
 * Returns the number of bytes read, or -errno (-EIO for an empty file).
 */
int pfc_read_small_file(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -EIO;
	buf[n] = '\0';
	return (int)n;
}
