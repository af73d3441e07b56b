#!/usr/bin/env python3
"""Runs the real ping (iputils 20221126), traceroute (2.1.2) and nc (netcat-openbsd) in throwaway
network namespaces and records what they print, for nflab's ping/traceroute/connect/nc tests; it also
records, as hex, the IPv4 packets Linux puts on the wire for a TCP exchange, a ping and traceroute
probes, for the socket tests that compare nflab's packets with Linux's.

Usage (as root, Debian 12 with iputils-ping, traceroute, netcat-openbsd, tcpdump, python3):
    capture-socket-fixtures.py OUTPUT_DIRECTORY
writes OUTPUT_DIRECTORY/{ping,traceroute,nc}.fixture and OUTPUT_DIRECTORY/wire-*.hex.

The lab (namespaces named nflab-fx-<random>-a/r/b, deleted afterwards, also on failure):
    a  va 10.0.0.1/24    default via 10.0.0.254
    r  ra 10.0.0.254/24, rb 10.0.1.254/24, ip_forward=1
    b  vb 10.0.1.2/24    default via 10.0.1.254
Every namespace gets tcp_rmem "4096 131072 6291456" (Debian 12's kernel default, which gives the
window scale 7 that nflab models) and icmp_ratelimit 0 (so that no ICMP error is rate-limited away
while traceroute sends 16 probes at once; nflab's stack models no ICMP rate limit).

Fixture format: '### name' starts a scenario; '# setup: NODE argv' lines name what was configured
before (undone after); '$ NODE argv' is the command; '1> ' stdout lines, '2> ' stderr lines, '= N'
the exit code. Measured times vary from run to run: the tests take them from the fixture.
"""
import os
import shlex
import struct
import subprocess
import sys
import tempfile
import time
import uuid

ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"}

# A TCP server on b port 8080 that reads a request, answers, and closes; a UDP echo server on b port 7.
TCP_SERVER = r'''
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 8080)); s.listen()
while True:
    c, _ = s.accept(); c.recv(1000); c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"); c.close()
'''
UDP_ECHO = r'''
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("0.0.0.0", 7))
while True:
    d, peer = s.recvfrom(2000); s.sendto(d, peer)
'''
TCP_CLIENT = r'''
import socket
s = socket.create_connection(("10.0.1.2", 8080)); s.sendall(b"GET / HTTP/1.1\r\nHost: b\r\n\r\n")
while s.recv(1000): pass
s.close()
'''

PING = [
    ("reply", [], "a", "ping -c 3 10.0.1.2"),
    ("direct", [], "a", "ping -c 2 10.0.0.254"),
    ("partial-loss", [("b", "iptables -A INPUT -p icmp --icmp-type echo-request -m statistic --mode nth --every 3 --packet 0 -j DROP")],
     "a", "ping -c 3 10.0.1.2"),
    ("ttl-exceeded", [], "a", "ping -c 2 -t 1 10.0.1.2"),
    ("host-prohibited", [("r", "iptables -A FORWARD -j REJECT --reject-with icmp-host-prohibited")], "a", "ping -c 2 10.0.1.2"),
    ("net-unreachable", [("r", "iptables -A FORWARD -j REJECT --reject-with icmp-net-unreachable")], "a", "ping -c 2 10.0.1.2"),
    ("admin-prohibited", [("r", "iptables -A FORWARD -j REJECT --reject-with icmp-admin-prohibited")], "a", "ping -c 2 10.0.1.2"),
    ("host-unreachable", [], "a", "ping -c 2 10.0.1.99"),
    ("local-host-unreachable", [], "a", "ping -c 2 10.0.0.77"),
    ("silent", [("r", "iptables -A FORWARD -j DROP")], "a", "ping -c 2 10.0.1.2"),
    ("no-route", [], "r", "ping -c 1 192.0.2.1"),
]
TRACEROUTE = [
    ("two-hops", [], "a", "traceroute 10.0.1.2"),
    ("numeric", [], "a", "traceroute -n 10.0.1.2"),
    ("direct", [], "a", "traceroute 10.0.0.254"),
    ("silent-hop", [("r", "iptables -A OUTPUT -p icmp --icmp-type time-exceeded -j DROP")], "a", "traceroute 10.0.1.2"),
    ("host-prohibited", [("r", "iptables -A FORWARD -j REJECT --reject-with icmp-host-prohibited")], "a", "traceroute 10.0.1.2"),
    ("net-unreachable", [("r", "iptables -A FORWARD -j REJECT --reject-with icmp-net-unreachable")], "a", "traceroute -n 10.0.1.2"),
    ("host-unreachable", [], "a", "traceroute -n 10.0.1.99"),
    ("max-hops", [("b", "iptables -A INPUT -p udp -j DROP")], "a", "traceroute -n -m 3 10.0.1.2"),
    ("no-route", [], "r", "traceroute -n 192.0.2.1"),
]
NC = [
    ("tcp-succeeded", [], "a", "nc -v -z 10.0.1.2 8080"),
    ("tcp-refused", [], "a", "nc -v -z 10.0.1.2 9999"),
    ("tcp-timed-out", [("a", "sysctl -qw net.ipv4.tcp_syn_retries=1"), ("r", "iptables -A FORWARD -j DROP")],
     "a", "nc -v -z 10.0.1.2 8080"),
    ("tcp-host-unreachable", [("r", "iptables -A FORWARD -p tcp -j REJECT --reject-with icmp-host-unreachable")],
     "a", "nc -v -z 10.0.1.2 8080"),
    ("tcp-net-unreachable", [("r", "iptables -A FORWARD -p tcp -j REJECT --reject-with icmp-net-unreachable")],
     "a", "nc -v -z 10.0.1.2 8080"),
    ("tcp-no-route", [], "r", "nc -v -z 192.0.2.1 80"),
    ("udp-echo", [], "a", "sh -c 'printf \"hello\\n\" | nc -u -w 1 10.0.1.2 7'"),
    ("udp-refused", [], "a", "sh -c 'printf \"hello\\n\" | nc -u -w 1 10.0.1.2 9'"),
]
UNDO = {"sysctl -qw net.ipv4.tcp_syn_retries=1": "sysctl -qw net.ipv4.tcp_syn_retries=6"}


class Lab:
    def __init__(self):
        prefix = "nflab-fx-" + uuid.uuid4().hex[:6]
        self.ns = {n: prefix + "-" + n for n in "arb"}
        self.servers = []

    def run(self, *argv, check=True):
        return subprocess.run(list(argv), check=check, capture_output=True, text=True, env=ENV)

    def ip(self, node, *argv):
        self.run("ip", "-n", self.ns[node], *argv)

    def exec(self, node, command, check=True):
        return self.run("ip", "netns", "exec", self.ns[node], *shlex.split(command), check=check)

    def __enter__(self):
        for name in self.ns.values():
            self.run("ip", "netns", "add", name)
        self.run("ip", "link", "add", "va", "netns", self.ns["a"], "type", "veth", "peer", "name", "ra", "netns", self.ns["r"])
        self.run("ip", "link", "add", "vb", "netns", self.ns["b"], "type", "veth", "peer", "name", "rb", "netns", self.ns["r"])
        for node, ifaces in (("a", ["lo", "va"]), ("r", ["lo", "ra", "rb"]), ("b", ["lo", "vb"])):
            for iface in ifaces:
                self.ip(node, "link", "set", iface, "up")
            self.exec(node, "sysctl -qw net.ipv4.tcp_rmem='4096 131072 6291456'")
            self.exec(node, "sysctl -qw net.ipv4.icmp_ratelimit=0")
        self.ip("a", "addr", "add", "10.0.0.1/24", "dev", "va")
        self.ip("r", "addr", "add", "10.0.0.254/24", "dev", "ra")
        self.ip("r", "addr", "add", "10.0.1.254/24", "dev", "rb")
        self.ip("b", "addr", "add", "10.0.1.2/24", "dev", "vb")
        self.ip("a", "route", "add", "default", "via", "10.0.0.254")
        self.ip("b", "route", "add", "default", "via", "10.0.1.254")
        self.exec("r", "sysctl -qw net.ipv4.ip_forward=1")
        for program in (TCP_SERVER, UDP_ECHO):
            self.servers.append(subprocess.Popen(["ip", "netns", "exec", self.ns["b"], "python3", "-c", program], env=ENV))
        time.sleep(1)
        return self

    def __exit__(self, *exc):
        for server in self.servers:
            server.kill()
            server.wait()
        for name in self.ns.values():
            self.run("ip", "netns", "del", name, check=False)

    def scenario(self, out, name, setup, node, command):
        for setup_node, setup_command in setup:
            self.exec(setup_node, setup_command)
        try:
            time.sleep(0.2)
            result = self.exec(node, command, check=False)
        finally:
            for setup_node, setup_command in setup:
                if setup_command.startswith("iptables -A"):
                    self.exec(setup_node, setup_command.replace("iptables -A", "iptables -D", 1))
                else:
                    self.exec(setup_node, UNDO[setup_command])
            # forget neighbours that failed, so that the next scenario starts alike
            for n in "arb":
                self.exec(n, "ip neigh flush all")
        out.write("### " + name + "\n")
        for setup_node, setup_command in setup:
            out.write("# setup: " + setup_node + " " + setup_command + "\n")
        out.write("$ " + node + " " + command + "\n")
        for prefix, text in (("1> ", result.stdout), ("2> ", result.stderr)):
            if text:
                lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n") + ["\\ no newline"]
                for line in lines:
                    out.write(prefix + line + "\n")
        out.write("= %d\n" % result.returncode)

    def wire(self, path, node, command):
        """Captures the IPv4 packets of `command` on a's veth: one line per packet, 'out ' or 'in ' then hex."""
        pcap = tempfile.mktemp(suffix=".pcap")
        dump = subprocess.Popen(["ip", "netns", "exec", self.ns["a"], "tcpdump", "-i", "va", "-n", "-U", "-w", pcap, "ip"],
                                env=ENV, stderr=subprocess.DEVNULL)
        time.sleep(1)
        self.exec(node, command, check=False)
        time.sleep(1)
        dump.terminate()
        dump.wait()
        with open(pcap, "rb") as f:
            data = f.read()
        os.unlink(pcap)
        offset = 24
        with open(path, "w") as out:
            out.write("# Captured on a's interface by capture-socket-fixtures.py: $ " + node + " " + command + "\n")
            while offset < len(data):
                _, _, length, _ = struct.unpack("<IIII", data[offset:offset + 16])
                frame = data[offset + 16:offset + 16 + length]
                offset += 16 + length
                packet = frame[14:]
                source = ".".join(str(b) for b in packet[12:16])
                out.write(("out " if source == "10.0.0.1" else "in ") + packet.hex() + "\n")


def main():
    directory = sys.argv[1]
    with Lab() as lab:
        for tool, scenarios in (("ping", PING), ("traceroute", TRACEROUTE), ("nc", NC)):
            with open(os.path.join(directory, tool + ".fixture"), "w") as out:
                out.write("# Captured from the real " + tool + " by src/test/scripts/capture-socket-fixtures.py;\n")
                out.write("# do not edit by hand: change the script and capture again.\n")
                for scenario in scenarios:
                    lab.scenario(out, *scenario)
        with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as client:
            client.write(TCP_CLIENT)
        os.chmod(client.name, 0o644)
        try:
            lab.wire(os.path.join(directory, "wire-tcp-exchange.hex"), "a", "python3 " + client.name)
        finally:
            os.unlink(client.name)
        lab.wire(os.path.join(directory, "wire-tcp-refused.hex"), "a", "nc -z 10.0.1.2 9999")
        lab.wire(os.path.join(directory, "wire-ping.hex"), "a", "ping -c 1 10.0.1.2")
        lab.wire(os.path.join(directory, "wire-traceroute.hex"), "a", "traceroute -n -q 1 -m 2 10.0.1.2")
        lab.wire(os.path.join(directory, "wire-udp.hex"), "a", "sh -c 'printf \"hello\\n\" | nc -u -w 1 10.0.1.2 7'")


if __name__ == "__main__":
    main()
