# SPDX-License-Identifier: GPL-2.0
# Common helpers for the lab scripts.  Sourced, never executed.
#
# BASE selects the kernel the series is for: "mainline" (the primary
# series, patches/mainline/) or "6.12" (its LTS backport, patches/6.12/).
# Each base has its own build directory (build/BASE/: tree, kernels,
# results) and its pin in lab/bases/BASE.env.

LAB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOP=$(cd "$LAB/.." && pwd)
BASES="mainline 6.12"
BASE=${BASE:-mainline}
case " $BASES " in
*" $BASE "*) ;;
*) printf '[lab] ERROR: BASE=%s: not one of: %s\n' "$BASE" "$BASES" >&2; exit 1 ;;
esac
export BASE
BUILD=${PROCFLUSH_BUILD:-$TOP/build/$BASE}
TREE=$BUILD/linux
KBUILD=$BUILD/kbuild
RESULTS=$BUILD/results
PATCHES=$TOP/patches/$BASE

# shellcheck source=bases/mainline.env
. "$LAB/bases/$BASE.env"
# Debian sid keeps only its newest kernel: once the pinned mainline
# version is gone (and was never fetched here), lab/deps fetched the newest
# one and recorded it; use it, and say so wherever it matters.
BASE_MOVED=0
if [ "$BASE" = mainline ] && [ ! -f "$BASE_TARBALL" ] &&
   [ -f "$BASE_CACHE/mainline-newest/version.env" ]; then
	BASE_PINNED_VERSION=$BASE_VERSION
	# shellcheck disable=SC1091
	. "$BASE_CACHE/mainline-newest/version.env"
	BASE_MOVED=1
	printf '[lab] WARNING: mainline base %s is no longer in Debian sid; using %s (make rebase BASE=mainline)\n' \
		"$BASE_PINNED_VERSION" "$BASE_VERSION" >&2
fi

export CCACHE_DIR=${CCACHE_DIR:-/root/.cache/ccache}
export CCACHE_BASEDIR=$BUILD
export CCACHE_NOHASHDIR=1
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-8G}
export KBUILD_BUILD_TIMESTAMP='Thu Jan  1 00:00:00 UTC 2026'
export KBUILD_BUILD_USER=procflush
export KBUILD_BUILD_HOST=lab

log() { printf '[lab %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
warn() { printf '[lab] WARNING: %s\n' "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }

need_root() {
	[ "$(id -u)" = 0 ] || die "must run as root (installs Debian packages, boots QEMU); try: sudo make ${1:-run}"
}

# need_disk [GiB WHAT]: the default covers make check and make run (sizes
# measured on 2026-12-01 with the lab config; ccache lives elsewhere).
need_disk() {
	local gib=${1:-5} what=${2:-"source tree 1.9 GiB + base sources 1.6 GiB + a kernel build 0.35 GiB"}
	local need_kb=$((gib * 1024 * 1024)) avail
	mkdir -p "$BUILD"
	avail=$(df -Pk "$BUILD" | awk 'NR==2 {print $4}')
	[ "$avail" -ge "$need_kb" ] ||
		die "only $((avail / 1024)) MiB free under $BUILD; this needs at least $gib GiB ($what)"
}

# Phase timings: phase_begin NAME ... phase_end; lab/timings prints them.
phase_begin() {
	PHASE_NAME=$1
	PHASE_T0=$(date +%s)
	log "phase $PHASE_NAME: start"
}

phase_end() {
	local dt=$(($(date +%s) - PHASE_T0))
	mkdir -p "$BUILD"
	printf '%s\t%s\n' "$PHASE_NAME" "$dt" >>"$BUILD/phase-times.tsv"
	log "phase $PHASE_NAME: ${dt}s"
}

# Hash of everything that determines the patched tree: the base version,
# the series and the project's own new files.
series_key() {
	(
		cd "$TOP" || exit 1
		echo "$BASE $BASE_VERSION"
		cat "$PATCHES/series" 2>/dev/null
		for p in "$PATCHES"/*.patch; do [ -f "$p" ] && sha256sum "$p"; done
		cat lab/own/*.paths lab/own/*.msg 2>/dev/null || true
		while read -r f; do sha256sum "$f"; done < <(own_files)
	) | sha256sum | cut -c1-16
}

# Every project-owned new kernel-tree file, one per line (repo-relative).
own_files() {
	local g
	for g in "$LAB"/own/*.paths; do
		[ -f "$g" ] || continue
		while read -r p; do
			case "$p" in ''|\#*) continue ;; esac
			(cd "$TOP" && git ls-files -- "$p" && git ls-files -o --exclude-standard -- "$p") 2>/dev/null
		done <"$g"
	done | sort -u
}

export TREE_GIT_IDENT_NAME="Procflush Developers"
export TREE_GIT_IDENT_EMAIL="procflush@lists.example.org"
# core.abbrev is pinned (to the 12 that Documentation/process asks for):
# git's automatic length follows the repository's object count, which
# differs between a fresh tree and a packed one, so the "index" lines of
# the same commit came out 7 or 9 digits long; lab/checkpatch's cache key
# hashes the formatted patch and missed on every fresh clone.
tree_git() {
	git -C "$TREE" -c user.name="$TREE_GIT_IDENT_NAME" -c user.email="$TREE_GIT_IDENT_EMAIL" \
		-c core.autocrlf=false -c advice.detachedHead=false -c core.abbrev=12 "$@"
}

# The base sources as a plain tree in $BUILD/linux-base (git archive of the
# tree's 'base' tag), re-exported only when the tag moved.  Prints its path.
base_sources() {
	local src=$BUILD/linux-base want
	want=$(tree_git rev-parse base)
	if [ "$(cat "$src/.procflush-rev" 2>/dev/null)" != "$want" ]; then
		log "exporting base sources to $src"
		rm -rf "$src"
		mkdir -p "$src"
		tree_git archive base | tar -C "$src" -x || return 1
		echo "$want" >"$src/.procflush-rev"
	fi
	echo "$src"
}

# The lab config in output dir O for sources SRC: tinyconfig + the
# fragment, the base's own fragment (lab/config/procflush.BASE.config, if
# there is one) and $LAB_CONFIG_EXTRA, merged in that order, then
# olddefconfig.
# lab_config SRC O make-command...
BASE_FRAG=$LAB/config/procflush.$BASE.config
[ -f "$BASE_FRAG" ] || BASE_FRAG=
lab_config() {
	local src=$1 o=$2
	shift 2
	"$@" tinyconfig &&
		"$src/scripts/kconfig/merge_config.sh" -m -O "$o" "$o/.config" "$LAB/config/procflush.config" \
			${BASE_FRAG:+"$BASE_FRAG"} ${LAB_CONFIG_EXTRA:+"$LAB_CONFIG_EXTRA"} &&
		"$@" olddefconfig
}
