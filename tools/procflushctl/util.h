/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Small helpers shared by every part of procflushctl: time, random
 * numbers, number parsing and errno names.  Nothing here needs root.
 */
#ifndef PFC_UTIL_H
#define PFC_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define NSEC_PER_SEC	1000000000ULL
#define NSEC_PER_MSEC	1000000ULL
#define NSEC_PER_USEC	1000ULL

/*
 * Userspace stand-ins for the kernel's compiler attribute macros (as in
 * tools/include/linux/compiler.h).  GCC attributes are spelled out only
 * through __pfc_attribute(), here.
 */
#define __pfc_attribute(x)	__attribute__(x)
#ifndef __maybe_unused
#define __maybe_unused		__pfc_attribute((__unused__))
#endif
#ifndef __printf
#define __printf(a, b)		__pfc_attribute((format(printf, a, b)))
#endif
#ifndef __aligned
#define __aligned(x)		__pfc_attribute((aligned(x)))
#endif
#ifndef BIT
#define BIT(nr)			(1UL << (nr))
#endif

uint64_t pfc_now_ns(void);
void pfc_sleep_ns(uint64_t ns);

/* xorshift64* seeded through splitmix64 */
uint64_t pfc_rng_seed(uint64_t seed, uint64_t stream);
uint64_t pfc_rng_next(uint64_t *state);
uint64_t pfc_rng_below(uint64_t *state, uint64_t bound);

int pfc_parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out);
int pfc_parse_seconds(const char *s, double *out);
int pfc_parse_double(const char *s, double min, double max, double *out);

const char *pfc_errno_name(int err);

char *pfc_strlcpy(char *dst, const char *src, size_t size);
long long pfc_proc_starttime(const char *statbuf);
int pfc_read_small_file(const char *path, char *buf, size_t size);

#endif /* PFC_UTIL_H */
