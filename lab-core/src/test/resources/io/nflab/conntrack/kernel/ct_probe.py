#!/usr/bin/python3
"""Drives the real kernel's connection tracking for nflab's comparison tests.

Builds three throwaway network namespaces  A (10.99.1.2) -- R (router) -- B (10.99.2.2),  sends crafted
IPv4 packets from A or B through R (A and B drop everything they receive in raw PREROUTING, so their own
stacks never answer), and reports after every packet the state R's conntrack gave it and, on request,
R's /proc/net/nf_conntrack and the output of conntrack(8) run in R.

Input (stdin, JSON): {"sysctls": {"net.netfilter.nf_conntrack_acct": "1", ...},
                      "steps": [step, ...]}
  step: {"send": {"from": "a"|"b", "proto": "tcp"|"udp"|"icmp"|"gre"|<number>, "sport": n, "dport": n,
                  "flags": "SA" (tcp: F S R P A U E C), "payload": n, "type": n, "code": n, "id": n,
                  "quote": {"from": ..., "proto": ..., "sport": n, "dport": n, "type": n, "id": n}}}
                  (sport/dport as seen from A: A's port first, whichever side sends)
        {"proc": true}                       read R's /proc/net/nf_conntrack
        {"conntrack": ["-L", "-o", "extended"]}  run conntrack in R
        {"sleep": seconds}
Output (stdout, JSON): {"steps": [{"t": ns since the first step, ...result...}, ...]}
  send -> {"state": "NEW"|"ESTABLISHED"|"RELATED"|"INVALID"|"UNTRACKED"|"NONE", "dir": "ORIGINAL"|"REPLY"|null,
           "length": IP total length}
  proc -> {"text": ...}   conntrack -> {"stdout": ..., "stderr": ..., "rc": n}

TCP sequence numbers are those of two well-behaved peers: every segment is in window and acknowledges
everything the other side sent. Only for packets into namespaces this script creates; it deletes them on
exit, also on failure. Needs root.
"""
import ctypes
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import time

CLONE_NEWNET = 0x40000000
A_ADDR, B_ADDR = "10.99.1.2", "10.99.2.2"
PREFIX = "nflab-h5-%d-" % os.getpid()
NS = {name: PREFIX + name for name in ("a", "r", "b")}
STATE_RULES = [
    ("NEW", None), ("ESTABLISHED", "ORIGINAL"), ("ESTABLISHED", "REPLY"),
    ("RELATED", "ORIGINAL"), ("RELATED", "REPLY"), ("INVALID", None), ("UNTRACKED", None),
]
PROTO = {"icmp": 1, "tcp": 6, "udp": 17, "gre": 47}
libc = ctypes.CDLL("libc.so.6", use_errno=True)


def sh(*args, ns=None, check=True):
    cmd = (["ip", "netns", "exec", NS[ns]] if ns else []) + list(args)
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def setup(sysctls):
    for name in NS.values():
        sh("ip", "netns", "add", name)
    sh("ip", "link", "add", "ra", "netns", NS["r"], "type", "veth", "peer", "name", "eth0", "netns", NS["a"])
    sh("ip", "link", "add", "rb", "netns", NS["r"], "type", "veth", "peer", "name", "eth0", "netns", NS["b"])
    for side, addr, raddr, rdev in (("a", A_ADDR, "10.99.1.1", "ra"), ("b", B_ADDR, "10.99.2.1", "rb")):
        sh("ip", "addr", "add", addr + "/24", "dev", "eth0", ns=side)
        sh("ip", "link", "set", "eth0", "up", ns=side)
        sh("ip", "link", "set", "lo", "up", ns=side)
        sh("ip", "route", "add", "default", "via", raddr, ns=side)
        sh("iptables", "-t", "raw", "-A", "PREROUTING", "-j", "DROP", ns=side)
        sh("ip", "addr", "add", raddr + "/24", "dev", rdev, ns="r")
        sh("ip", "link", "set", rdev, "up", ns="r")
    sh("sysctl", "-qw", "net.ipv4.ip_forward=1", ns="r")
    for state, direction in STATE_RULES:
        rule = ["iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", state]
        if direction:
            rule += ["--ctdir", direction]
        sh(*rule, ns="r")
    for key, value in sysctls.items():
        sh("sysctl", "-qw", "%s=%s" % (key, value), ns="r")
    # Let ARP settle so that the first crafted packet is not held in a neighbour queue.
    sh("ping", "-c1", "-W1", "10.99.1.1", ns="a", check=False)
    sh("ping", "-c1", "-W1", "10.99.2.1", ns="b", check=False)
    sh("ip", "neigh", "replace", B_ADDR, "lladdr", link_addr("b"), "dev", "rb", "nud", "permanent", ns="r")
    sh("ip", "neigh", "replace", A_ADDR, "lladdr", link_addr("a"), "dev", "ra", "nud", "permanent", ns="r")
    sh("conntrack", "-F", ns="r", check=False)


def link_addr(side):
    out = sh("cat", "/sys/class/net/eth0/address", ns=side).stdout.strip()
    return out


def teardown():
    for name in NS.values():
        subprocess.run(["ip", "netns", "del", name], capture_output=True)


def enter(ns):
    fd = os.open("/run/netns/" + NS[ns], os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns " + ns)
    finally:
        os.close(fd)


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xffff) + (total >> 16)
    return ~total & 0xffff


def ip_header(src, dst, proto, payload_len, ident=0):
    return struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + payload_len, ident, 0x4000, 64, proto, 0,
                       socket.inet_aton(src), socket.inet_aton(dst))


def pseudo(src, dst, proto, length):
    return socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, proto, length)


FLAG_BITS = {"F": 0x01, "S": 0x02, "R": 0x04, "P": 0x08, "A": 0x10, "U": 0x20, "E": 0x40, "C": 0x80}


class Peers:
    """Sequence numbers of two well-behaved TCP peers, per flow.

    A segment's sequence space counts only once conntrack let it through as valid (commit): peers see
    what conntrack sees, which is what nflab's table, without window tracking, assumes.
    """

    def __init__(self):
        self.flows = {}
        self.pending = None

    def segment(self, key, side, flags, payload):
        flow = self.flows.setdefault(key, {"a": {"isn": 1000000, "next": 1000000, "fin": None, "sent": False},
                                           "b": {"isn": 5000000, "next": 5000000, "fin": None, "sent": False}})
        me, other = flow[side], flow["b" if side == "a" else "a"]
        update = dict(me)
        if flags & 0x02:
            if me["next"] > me["isn"] + 1:
                # A SYN after data or FIN opens anew: a fresh, larger initial sequence number (RFC 793).
                update["isn"] = me["next"] + 100000
                update["fin"] = None
            seq = update["isn"]
            update["next"] = update["isn"] + 1
        elif flags & 0x01 and update["fin"] is not None:
            seq = update["fin"]
        else:
            seq = me["next"]
        end = seq + payload
        if flags & 0x01:
            if update["fin"] is None:
                update["fin"] = end
            end += 1
        update["next"] = max(update["next"], end)
        update["sent"] = True
        # Nothing received from the other side yet: nothing to acknowledge.
        ack = other["next"] if flags & 0x10 and other["sent"] else 0
        self.pending = [(me, update)]
        if flags & 0x12 == 0x02:
            # A connection attempt: nothing has been received from the other side in this connection.
            self.pending.append((other, dict(other, sent=False)))
        return seq, ack

    def commit(self):
        for state, update in self.pending or []:
            state.update(update)
        self.pending = None


def l4(step, peers, src, dst):
    proto = step["proto"]
    num = PROTO.get(proto, proto)
    a_port, b_port = step.get("sport", 0), step.get("dport", 0)
    sport, dport = (a_port, b_port) if step["from"] == "a" else (b_port, a_port)
    payload = b"x" * step.get("payload", 0)
    if num == 6:
        flags = sum(FLAG_BITS[c] for c in step.get("flags", ""))
        seq, ack = peers.segment((a_port, b_port), step["from"], flags, len(payload))
        hdr = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0)
        csum = checksum(pseudo(src, dst, 6, len(hdr) + len(payload)) + hdr + payload)
        return num, hdr[:16] + struct.pack("!H", csum) + hdr[18:] + payload
    if num == 17:
        hdr = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
        csum = checksum(pseudo(src, dst, 17, len(hdr) + len(payload)) + hdr + payload) or 0xffff
        return num, hdr[:6] + struct.pack("!H", csum) + payload
    if num == 1:
        body = payload
        if "quote" in step:
            body = quoted(step["quote"], peers)
        rest = struct.pack("!HH", step.get("id", 0), 1) if "quote" not in step else b"\0\0\0\0"
        hdr = struct.pack("!BBH", step.get("type", 8), step.get("code", 0), 0) + rest
        csum = checksum(hdr + body)
        return num, hdr[:2] + struct.pack("!H", csum) + hdr[4:] + body
    return num, payload


def quoted(q, peers):
    src, dst = (A_ADDR, B_ADDR) if q["from"] == "a" else (B_ADDR, A_ADDR)
    inner = dict(q)
    num, body = l4(inner, Peers(), src, dst)
    return ip_header(src, dst, num, len(body)) + body[:8]


def send(step, sockets, peers):
    src, dst = (A_ADDR, B_ADDR) if step["from"] == "a" else (B_ADDR, A_ADDR)
    num, body = l4(step, peers, src, dst)
    packet = ip_header(src, dst, num, len(body)) + body
    sockets[step["from"]].sendto(packet, (dst, 0))
    return len(packet)


def counters():
    out = sh("iptables", "-L", "FORWARD", "-v", "-x", "-n", "-Z").stdout.splitlines()
    return [int(line.split()[0]) for line in out if line.split() and line.split()[0].isdigit()]


def main():
    # A SIGTERM (a test timing out) must still reach the finally block that deletes the namespaces.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))
    spec = json.load(sys.stdin)
    results = []
    home = None
    try:
        setup(spec.get("sysctls", {}))
        home = os.open("/proc/self/ns/net", os.O_RDONLY)
        sockets = {}
        for side in ("a", "b"):
            enter(side)
            sockets[side] = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        # From here on this process lives in R: reading R's table and running tools there needs no
        # ip-netns-exec, so a step happens within a millisecond or two of its recorded time.
        enter("r")
        counters()
        peers = Peers()
        start = time.monotonic_ns()
        for step in spec["steps"]:
            if "send" in step:
                t = time.monotonic_ns() - start
                length = send(step["send"], sockets, peers)
                time.sleep(0.002)
                hits = counters()
                matched = [i for i, n in enumerate(hits) if n]
                state, direction = STATE_RULES[matched[0]] if matched else ("NONE", None)
                if state != "INVALID":
                    peers.commit()
                peers.pending = None
                results.append({"t": t, "state": state, "dir": direction, "length": length})
            elif "proc" in step:
                t = time.monotonic_ns() - start
                with open("/proc/net/nf_conntrack") as table:
                    text = table.read()
                results.append({"t": t, "text": text})
            elif "conntrack" in step:
                t = time.monotonic_ns() - start
                run = sh("conntrack", *step["conntrack"], check=False)
                results.append({"t": t, "stdout": run.stdout, "stderr": run.stderr, "rc": run.returncode})
            elif "sleep" in step:
                time.sleep(step["sleep"])
                results.append({"t": time.monotonic_ns() - start})
    finally:
        if home is not None:
            libc.setns(home, CLONE_NEWNET)
        teardown()
    json.dump({"steps": results}, sys.stdout)


if __name__ == "__main__":
    main()
