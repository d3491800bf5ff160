#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Stands in for QEMU's tests/docker/docker.py: replaces itself with
# qemu-docker, passing every argument on unchanged.  Current QEMU runs
# `$python tests/docker/docker.py --engine X ...` from configure, the TCG
# tests' CC and Makefile.include; put this file (or a symlink to it) there.
#
# Which qemu-docker: the one $QEMU_DOCKER names, else the one installed
# beside this file (share/qemu-docker/docker.py -> bin/qemu-docker), else
# qemu-docker on PATH.

import os
import shutil
import sys


def find_qemu_docker():
    named = os.environ.get("QEMU_DOCKER")
    if named:
        return named
    here = os.path.dirname(os.path.realpath(__file__))
    beside = os.path.normpath(os.path.join(here, "..", "..", "bin", "qemu-docker"))
    if os.access(beside, os.X_OK) and not os.path.isdir(beside):
        return beside
    return shutil.which("qemu-docker")


def main():
    program = find_qemu_docker()
    if not program:
        sys.stderr.write("qemu-docker: error: qemu-docker not found: set QEMU_DOCKER, "
                         "or install it in bin/ beside share/qemu-docker or on PATH\n")
        return 1
    try:
        os.execv(program, [program] + sys.argv[1:])
    except OSError as e:
        sys.stderr.write("qemu-docker: error: cannot run %s: %s\n" % (program, e.strerror))
    return 1


if __name__ == "__main__":
    sys.exit(main())
