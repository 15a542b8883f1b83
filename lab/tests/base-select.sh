#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# lab/lib.sh's choice of base: BASE selects lab/bases/BASE.env, its build
# dir and its patches; an unknown BASE is refused; for mainline, once the
# pinned tarball is missing and lab/deps recorded sid's newer kernel, that
# one is used and marked moved (lab/check-base then skips, not fails, a
# series that no longer applies); with the pinned tarball there, never.
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/tap.bash"
tap_tmpdir
lib=$here/../lib.sh
top=$(cd "$here/../.." && pwd)
q() { # BASE VAR...: print the variables lib.sh sets
	local b=$1; shift
	(BASE=$b PROCFLUSH_BUILD='' PROCFLUSH_BASE_CACHE=$tmp/cache
	 . "$lib" 2>"$tmp/err" || exit 1
	 for v in "$@"; do printf '%s\n' "${!v}"; done)
}
t "the default base is mainline" [ "$(BASE='' bash -c ". '$lib'; echo \$BASE" 2>/dev/null)" = mainline ]
t "BASE=6.12 reads its pin" [ "$(q 6.12 BASE_PKG)" = linux-source-6.12 ]
t "BASE=6.12 builds in build/6.12" [ "$(q 6.12 BUILD)" = "$top/build/6.12" ]
t "BASE=6.12 takes patches/6.12" [ "$(q 6.12 PATCHES)" = "$top/patches/6.12" ]
t "BASE=mainline takes patches/mainline" [ "$(q mainline PATCHES)" = "$top/patches/mainline" ]
t "an unknown BASE is refused" bash -c "! BASE=5.10 bash -c '. $lib'"
t "with a message naming the bases" bash -c "BASE=5.10 bash -c '. $lib' 2>&1 | grep -q 'mainline 6.12'"
pinned=$(q mainline BASE_VERSION)
t "mainline, nothing fetched yet: the pin, not moved" [ "$(q mainline BASE_VERSION BASE_MOVED | tr '\n' ' ')" = "$pinned 0 " ]
mkdir -p "$tmp/cache/linux-source-7.9_7.9.1-1"
printf 'BASE_PKG=linux-source-7.9\nBASE_VERSION=7.9.1-1\nBASE_KVER=7.9.1\nBASE_TARBALL=%s\nBASE_TOPDIR=linux-source-7.9\n' \
	"$tmp/cache/linux-source-7.9_7.9.1-1/linux-source-7.9.tar.xz" >"$tmp/cache/linux-source-7.9_7.9.1-1/version.env"
ln -s "$tmp/cache/linux-source-7.9_7.9.1-1" "$tmp/cache/mainline-newest"
t "sid moved, pin missing: the newer base is used" [ "$(q mainline BASE_VERSION)" = 7.9.1-1 ]
t "and marked moved, the pin remembered" [ "$(q mainline BASE_MOVED BASE_PINNED_VERSION | tr '\n' ' ')" = "1 $pinned " ]
q mainline BASE_MOVED >/dev/null
t "and lib.sh warns about it" grep -q 'no longer in Debian sid' "$tmp/err"
pin_tar=$(BASE=mainline PROCFLUSH_BASE_CACHE=$tmp/cache bash -c "source '$here/../bases/mainline.env'; echo \$BASE_TARBALL")
mkdir -p "$(dirname "$pin_tar")" && touch "$pin_tar"
t "with the pinned tarball kept, the pin wins" [ "$(q mainline BASE_VERSION BASE_MOVED | tr '\n' ' ')" = "$pinned 0 " ]
tap_done base-select
