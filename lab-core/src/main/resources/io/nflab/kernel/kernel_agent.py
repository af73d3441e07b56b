# nflab kernel agent: the packet side of io.nflab.kernel.KernelLab (see KernelAgent.java and
# docs/kernel-lab.md). The JVM starts it inside the lab's switch namespace (ip netns exec); it enters
# each node's namespace with setns(2) and opens there, once, for the lab's lifetime:
#   - a capture socket (AF_PACKET, ETH_P_ALL, not bound: every interface, both directions),
#   - a raw IP socket (IPPROTO_RAW, so IP_HDRINCL) to inject packets as locally generated ones,
#   - the listening sockets of the node's services,
# and turns checksum offload off on the node's interfaces. Sockets stay in the namespace they were
# made in, so one process serves every node. Requests come one JSON object per line on stdin; each
# gets one JSON line on stdout: {"ok": true, "result": ...} or {"ok": false, "error": "..."}.
# argv[1] is the inode of the JVM's own network namespace: the agent refuses to work there.
# Standard library only.
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
IFREQ_SIZE = 40

libc = ctypes.CDLL(None, use_errno=True)
HOST_NETNS = int(sys.argv[1])


def require_private_netns():
    if os.stat("/proc/self/ns/net").st_ino == HOST_NETNS:
        raise RuntimeError("refusing to work in the host's network namespace")


def setns(fd, what):
    if libc.setns(fd, CLONE_NEWNET) != 0:
        code = ctypes.get_errno()
        raise OSError(code, "setns " + what + ": " + os.strerror(code))
    require_private_netns()


def enter(netns):
    fd = os.open("/run/netns/" + netns, os.O_RDONLY | os.O_CLOEXEC)
    try:
        setns(fd, netns)
    finally:
        os.close(fd)


def disable_tx_checksum_offload(ifname):
    """ethtool -K IFNAME tx off: the kernel then finishes every checksum before a capture sees the frame."""
    value = ctypes.create_string_buffer(struct.pack("II", ETHTOOL_STXCSUM, 0))
    request = struct.pack("16sP", ifname.encode(), ctypes.addressof(value)).ljust(IFREQ_SIZE, b"\0")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as control:
        fcntl.ioctl(control.fileno(), SIOCETHTOOL, request)


def listen(service):
    kind = socket.SOCK_STREAM if service["proto"] == "tcp" else socket.SOCK_DGRAM
    s = socket.socket(socket.AF_INET, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", service["port"]))
    if kind == socket.SOCK_STREAM:
        s.listen(128)
    s.setblocking(False)
    return s


class Node:
    """The sockets of one node namespace; made while the agent is inside it."""

    def __init__(self, spec):
        self.name = spec["node"]
        enter(spec["netns"])
        interfaces = [name for _, name in socket.if_nameindex()]
        for name in interfaces:
            if name != "lo":
                disable_tx_checksum_offload(name)
        self.interfaces = sorted(interfaces)
        self.capture = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        self.capture.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        self.capture.setblocking(False)
        self.raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
        self.raw.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        self.services = [listen(service) for service in spec["services"]]
        self.connections = []

    def frames(self):
        """Every frame waiting on the capture socket. The interface name comes from the socket's own namespace."""
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

    def serve(self):
        """What the services' sockets do: TCP connections are accepted and held open, UDP datagrams read and dropped."""
        for s in self.services:
            try:
                while True:
                    if s.type == socket.SOCK_STREAM:
                        self.connections.append(s.accept()[0])
                    else:
                        s.recv(65536)
            except BlockingIOError:
                pass


class Agent:
    def __init__(self):
        require_private_netns()
        self.home = os.open("/proc/self/ns/net", os.O_RDONLY | os.O_CLOEXEC)
        self.nodes = {}
        self.ports = None

    def open(self, request):
        try:
            for spec in request["nodes"]:
                self.nodes[spec["node"]] = Node(spec)
        finally:
            setns(self.home, "back to the switch namespace")
        self.ports = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        return {"interfaces": {node.name: node.interfaces for node in self.nodes.values()}}

    def send(self, request):
        node = self.nodes[request["node"]]
        data = bytes.fromhex(request["bytes"])
        return self.observe(request, lambda: node.raw.sendto(data, (request["destination"], 0)))

    def deliver(self, request):
        data = bytes.fromhex(request["bytes"])
        return self.observe(request, lambda: self.ports.sendto(data, (request["port"], 0)))

    def observe(self, request, inject):
        """Injects, then captures until nothing came for quietMillis, at most limitMillis."""
        for node in self.nodes.values():
            node.frames()  # discard what came before
            node.serve()
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
        by_socket = {node.capture: node for node in self.nodes.values()}
        while True:
            wait = min(last + quiet, deadline) - time.monotonic()
            if wait <= 0:
                break
            readable, _, _ = select.select(list(by_socket), [], [], wait)
            for s in readable:
                got = by_socket[s].frames()
                if got:
                    frames.extend(got)
                    last = time.monotonic()
            for node in self.nodes.values():
                node.serve()
        frames.sort(key=lambda f: f["time"])
        for f in frames:
            f["time"] -= started
        return {"failure": failure, "frames": frames}


def main():
    agent = Agent()
    operations = {"open": agent.open, "send": agent.send, "deliver": agent.deliver}
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "quit":
            break
        try:
            reply = {"ok": True, "result": operations[request["op"]](request)}
        except Exception as e:  # reported to the JVM, which throws it there with this text
            reply = {"ok": False, "error": type(e).__name__ + ": " + str(e)}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


main()
