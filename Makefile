# SPDX-License-Identifier: GPL-2.0
# procflush: the kernel series in patches/, its lab, and procflushctl.
# See README.md.  Every target installs the Debian packages it needs.
# BASE=mainline (default: the series, patches/mainline/) or BASE=6.12
# (its LTS backport, patches/6.12/) selects the kernel; 'make check'
# without BASE checks both.

SHELL := /bin/bash
.DEFAULT_GOAL := help
FORCE ?= 0

.PHONY: help run check ab deps tree export mail kernels kernel-base \
	kernel-patched procflushctl selftests unit static sizes bisect rebase mutants clean distclean

help:
	@echo "make run      build procflushctl + patched kernel, boot it, run the default scenarios, print the report"
	@echo "make check    host unit tests, then for each base: series checks, patched build, guest selftests; ends 'N passed, N failed'"
	@echo "make ab       base and patched kernels side by side: metrics, selftest matrix, plot (build/ab/report.md)"
	@echo "make tree     build/linux: pinned base + patches/ (git am) + own files; FORCE=1 discards unexported work"
	@echo "make export   write build/linux's commits back to patches/ (and own files)"
	@echo "make mail     mailing-ready series with cover letter in build/mail/"
	@echo "make kernels  build base and patched kernels (build/kbuild/{base,patched})"
	@echo "make unit     host unit tests only"
	@echo "make static   W=1 + sparse + kernel-doc warnings of the touched files, base vs patched"
	@echo "make sizes    sizeof() of the structures the series changes, in every built lab kernel"
	@echo "make bisect   build and boot (smoke test) the kernel at every patch of the series"
	@echo "make mutants  break each mechanism of the series (lab/mutants/) and check a test kills it"
	@echo "make rebase   BASE=mainline: replay the series on the newer base Debian sid moved to"
	@echo "make clean    remove results; 'make distclean' removes build/ entirely"
	@echo "BASE=mainline (default) or BASE=6.12 selects the base; 'make check' alone checks both"

deps:
	@lab/deps

tree: deps
	@lab/tree $(if $(filter 1,$(FORCE)),--force)

export:
	@SYNC_OWN=$(SYNC_OWN) lab/export

mail: tree
	@lab/mail

kernel-base: tree
	@lab/kbuild base

kernel-patched: tree
	@lab/kbuild patched

kernels: kernel-base kernel-patched

procflushctl: deps
	@$(MAKE) -s -C tools/procflushctl

selftests: tree
	@lab/build-guest-progs

# No root, no apt: the host tests need only the packages lab/deps lists.
unit:
	@for t in lab/tests/*.sh; do $$t || exit 1; done
	@$(MAKE) -s -C tools/procflushctl check

sizes: tree
	@lab/sizes

static: tree
	@lab/static-check

bisect: tree
	@lab/bisect-build

rebase: deps
	@lab/rebase

mutants:
	@lab/mutants-run

run:
	@lab/run

check:
	@lab/check

ab:
	@lab/ab

clean:
	rm -rf build/check build/*/results build/*/ab build/*/checkpatch build/*/mail

distclean:
	rm -rf build
