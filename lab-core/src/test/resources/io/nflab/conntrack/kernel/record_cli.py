#!/usr/bin/python3
"""Records what conntrack(8), sysctl(8) and /proc/net/nf_conntrack print, as a fixture for nflab's tests.

usage: record_cli.py COMMANDS_FILE > FIXTURE_FILE

COMMANDS_FILE holds one command per line, split like a shell would but run without one ('#' lines are
comments, kept in the fixture). Every command runs in one fresh, throwaway network namespace (created here, deleted on exit, also on failure),
in order, so later commands see what earlier ones did. The fixture records for each command the
nanoseconds since the first one, the exit code, and stdout and stderr line by line:

    $ conntrack -L
    @ 12345678
    ? 0
    > a stdout line
    ! a stderr line
    \\ (a line of its own: the output before it ends without a newline)

Timeouts print in whole seconds counted from when the kernel made or refreshed an entry, and a command
starts a few milliseconds after its recorded time. So that a replay at the recorded times prints the same
seconds, no command starts within MARGIN of a whole number of seconds after a command that set timeouts
(conntrack -I, -A, -U): the recorder waits that moment out.

Needs root.
"""
import ctypes
import os
import platform
import shlex
import subprocess
import sys
import time

NS = "nflab-h5-rec-%d" % os.getpid()
CLONE_NEWNET = 0x40000000
MARGIN = 40_000_000  # ns


def sets_timeouts(command):
    words = shlex.split(command)
    return words[:1] == ["conntrack"] and any(w in ("-I", "-A", "-U") for w in words)


def wait_away_from_boundaries(anchors, start):
    """Sleeps while now is within MARGIN of anchor + k seconds (k >= 1) for an anchor."""
    while True:
        now = time.monotonic_ns() - start
        late = []
        for anchor in anchors:
            k = round((now - anchor) / 1e9)
            boundary = anchor + k * 1_000_000_000
            if k >= 1 and abs(now - boundary) < MARGIN:
                late.append(boundary + MARGIN)
        if not late:
            return
        time.sleep((max(late) - now) / 1e9)


def enter_namespace():
    """Runs the rest of this process (and the commands it starts) in the throwaway namespace, so that a
    command starts within a millisecond of its recorded time (no ip-netns-exec or shell in between)."""
    libc = ctypes.CDLL("libc.so.6", use_errno=True)
    fd = os.open("/run/netns/" + NS, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns")
    finally:
        os.close(fd)


def output_lines(prefix, text):
    lines = []
    for line in text.split("\n")[:-1]:
        lines.append(prefix + " " + line)
    if text and not text.endswith("\n"):
        lines.append(prefix + " " + text.split("\n")[-1])
        lines.append("\\")
    return lines


def main():
    commands = open(sys.argv[1]).read().splitlines()
    version = subprocess.run(["conntrack", "-V"], capture_output=True, text=True).stdout.strip()
    out = ["# Recorded by record_cli.py from %s on Linux %s (%s) in a fresh network namespace."
           % (os.path.basename(sys.argv[1]), platform.release(), version)]
    subprocess.run(["ip", "netns", "add", NS], check=True)
    try:
        enter_namespace()
        start = None
        anchors = []
        for command in commands:
            if not command.strip() or command.startswith("#"):
                out.append(command)
                continue
            if start is not None:
                wait_away_from_boundaries(anchors, start)
            now = time.monotonic_ns()
            start = start if start is not None else now
            if sets_timeouts(command):
                anchors.append(now - start)
            run = subprocess.run(shlex.split(command), capture_output=True, text=True)
            out.append("$ " + command)
            out.append("@ %d" % (now - start))
            out.append("? %d" % run.returncode)
            out.extend(output_lines(">", run.stdout))
            out.extend(output_lines("!", run.stderr))
    finally:
        subprocess.run(["ip", "netns", "del", NS])
    print("\n".join(out))


if __name__ == "__main__":
    main()
