# nflab kernel agent: the packet side of io.nflab.kernel.KernelLab. Started by the JVM inside the
# lab's switch namespace (ip netns exec), it enters each node's namespace with setns(2) to open
# there, once: a packet capture socket (AF_PACKET, every interface, both directions), a raw IP
# socket (IP_HDRINCL) for injecting packets as locally generated ones, and the node's listening
# service sockets. It then answers one JSON request per line on stdin with one JSON line on stdout.
# Standard library only. It refuses to work in the namespace of PID 1 (the host's).
import ctypes
import errno
import fcntl
import json
import os
import select
import socket
import struct
import sys
import time

CLONE_NEWNET = 0x40000000
ETH_P_ALL = 0x0003
SO_TIMESTAMPNS = 35
SIOCETHTOOL = 0x8946
ETHTOOL_STXCSUM = 0x00000017
PACKET_OUTGOING = 4

libc = ctypes.CDLL(None, use_errno=True)


def netns_inode(path):
    return os.stat(path).st_ino


# argv[1]: the inode of the JVM's own network namespace (the host's), where this agent must not work.
HOST_NETNS = int(sys.argv[1])


def require_private_netns():
    if netns_inode("/proc/self/ns/net") == HOST_NETNS:
        raise RuntimeError("refusing to work in the host's network namespace")


def enter(path):
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            code = ctypes.get_errno()
            raise OSError(code, "setns " + path + ": " + os.strerror(code))
    finally:
        os.close(fd)
    require_private_netns()


def disable_tx_checksum_offload(ifname):
    """ethtool -K IFNAME tx off: the kernel then finishes checksums before a capture sees the frame."""
    value = ctypes.create_string_buffer(struct.pack("II", ETHTOOL_STXCSUM, 0))
    request = struct.pack("16sP", ifname.encode(), ctypes.addressof(value)).ljust(40, b"\0")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as control:
        fcntl.ioctl(control.fileno(), SIOCETHTOOL, request)


class Node:
    def __init__(self, spec):
        self.name = spec["node"]
        enter("/run/netns/" + spec["netns"])
        self.interfaces = {index: name for index, name in socket.if_nameindex()}
        for name in self.interfaces.values():
            if name != "lo":
                disable_tx_checksum_offload(name)
        self.capture = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        self.capture.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        self.capture.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
        self.capture.setblocking(False)
        self.raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        self.raw.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        self.listeners = [listen(service) for service in spec["services"]]

    def frames(self):
        """Every frame waiting on the capture socket, as reported records."""
        out = []
        while True:
            try:
                data, ancillary, _, address = self.capture.recvmsg(65536, socket.CMSG_SPACE(16))
            except BlockingIOError:
                return out
            stamp = time.time_ns()
            for level, kind, value in ancillary:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
                    seconds, nanos = struct.unpack("qq", value[:16])
                    stamp = seconds * 1_000_000_000 + nanos
            out.append({"node": self.name, "interface": address[0], "pkttype": address[2], "time": stamp,
                        "bytes": data.hex()})


def listen(service):
    kind = socket.SOCK_STREAM if service["proto"] == "tcp" else socket.SOCK_DGRAM
    s = socket.socket(socket.AF_INET, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", service["port"]))
    if kind == socket.SOCK_STREAM:
        s.listen(128)
    s.setblocking(False)
    return s


class Agent:
    def __init__(self):
        require_private_netns()
        self.home = "/proc/self/ns/net"
        self.home_fd = os.open(self.home, os.O_RDONLY | os.O_CLOEXEC)
        self.nodes = {}
        self.accepted = []

    def go_home(self):
        if libc.setns(self.home_fd, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns back to the switch namespace")

    def open(self, request):
        try:
            for spec in request["nodes"]:
                self.nodes[spec["node"]] = Node(spec)
        finally:
            self.go_home()
        self.port_socket = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        return {"interfaces": {n.name: sorted(n.interfaces.values()) for n in self.nodes.values()}}

    def drain(self):
        for node in self.nodes.values():
            node.frames()
        self.accept()

    def accept(self):
        for node in self.nodes.values():
            for s in node.listeners:
                if s.type == socket.SOCK_STREAM:
                    try:
                        while True:
                            connection, _ = s.accept()
                            self.accepted.append(connection)
                    except BlockingIOError:
                        pass

    def observe(self, request, inject):
        self.drain()
        started = time.time_ns()
        failure = None
        try:
            inject()
        except OSError as e:
            failure = {"errno": errno.errorcode.get(e.errno, str(e.errno)), "message": os.strerror(e.errno)}
        frames = []
        quiet = request["quietMillis"] / 1000.0
        deadline = time.monotonic() + request["limitMillis"] / 1000.0
        last = time.monotonic()
        sockets = [n.capture for n in self.nodes.values()]
        by_socket = {n.capture: n for n in self.nodes.values()}
        while True:
            now = time.monotonic()
            wait = min(last + quiet, deadline) - now
            if wait <= 0:
                break
            readable, _, _ = select.select(sockets, [], [], wait)
            for s in readable:
                got = by_socket[s].frames()
                if got:
                    frames.extend(got)
                    last = time.monotonic()
            self.accept()
        frames.sort(key=lambda f: f["time"])
        for f in frames:
            f["time"] -= started
        return {"failure": failure, "frames": frames}

    def send(self, request):
        node = self.nodes[request["node"]]
        data = bytes.fromhex(request["bytes"])
        return self.observe(request, lambda: node.raw.sendto(data, (request["destination"], 0)))

    def deliver(self, request):
        data = bytes.fromhex(request["bytes"])
        return self.observe(request, lambda: self.port_socket.sendto(data, (request["port"], 0)))


def main():
    agent = Agent()
    operations = {"open": agent.open, "send": agent.send, "deliver": agent.deliver}
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "quit":
            break
        try:
            reply = {"ok": True, "result": operations[request["op"]](request)}
        except Exception as e:  # reported to the JVM, which turns it into an exception there
            reply = {"ok": False, "error": type(e).__name__ + ": " + str(e)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


main()
