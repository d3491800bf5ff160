#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Stands in for QEMU's tests/docker/docker.py: replaces itself with
# qemu-docker, passing every argument on unchanged.  Current QEMU runs
# `$python tests/docker/docker.py --engine X ...` from configure, the TCG
# tests' CC and Makefile.include; put this file (or a symlink to it) there.
#
# Which qemu-docker: the one $QEMU_DOCKER names (a name without a slash is
# looked up on PATH, as a shell would), else the one installed beside this
# file (share/qemu-docker/docker.py -> bin/qemu-docker), else qemu-docker on
# PATH.  With none to run, `probe` answers "no" as docker.py does when no
# engine works (configure then goes on without containers), with the reason
# on stderr; every other subcommand fails with one error line.

import os
import sys


def which(name):
    """shutil.which's lookup without importing shutil, which loads zlib,
    bz2 and lzma: a cost paid once per compile in make check-tcg."""
    path = os.environ.get("PATH")
    if path is None:
        path = os.defpath
    for d in path.split(os.pathsep) if path else []:
        candidate = os.path.join(d or ".", name)
        if os.access(candidate, os.X_OK) and not os.path.isdir(candidate):
            return candidate
    return None


def find_qemu_docker():
    named = os.environ.get("QEMU_DOCKER")
    if named:
        if "/" in named:
            return named, named
        return which(named), named
    here = os.path.dirname(os.path.realpath(__file__))
    beside = os.path.normpath(os.path.join(here, "..", "..", "bin", "qemu-docker"))
    if os.access(beside, os.X_OK) and not os.path.isdir(beside):
        return beside, None
    return which("qemu-docker"), None


def subcommand(args):
    """The first word that is not a global option or an option's value."""
    i = 0
    while i < len(args):
        if args[i] in ("--engine", "--command"):
            i += 2
        elif args[i].startswith("-"):
            i += 1
        else:
            return args[i]
    return None


def not_found(named, args):
    if named:
        why = "QEMU_DOCKER=%s: no such program on PATH" % named
    else:
        why = ("qemu-docker not found: set QEMU_DOCKER, or install it in bin/ beside "
               "share/qemu-docker or on PATH")
    if subcommand(args) == "probe":
        sys.stdout.write("no\n")
        sys.stderr.write("qemu-docker: %s, so no container engine is used\n" % why)
        return 0
    sys.stderr.write("qemu-docker: error: %s\n" % why)
    return 1


def main():
    program, named = find_qemu_docker()
    if not program:
        return not_found(named, sys.argv[1:])
    try:
        os.execv(program, [program] + sys.argv[1:])
    except OSError as e:
        sys.stderr.write("qemu-docker: error: cannot run %s: %s\n" % (program, e.strerror))
    return 1


if __name__ == "__main__":
    sys.exit(main())
