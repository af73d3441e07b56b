"""Bridges IPv4 packets between a test and a network namespace (run inside it with `ip netns exec`).

Reads hex IPv4 packets, one per line, on stdin and sends them as they are through a raw socket
(IPPROTO_RAW, the header included); writes every IPv4 packet arriving on INTERFACE (argv[1]), as hex,
one per line, on stdout. Prints "ready" once both sockets are open. Ends when stdin closes.
"""
import os
import select
import socket
import sys

PACKET_OUTGOING = 4

iface = sys.argv[1]
sender = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
receiver = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0800))
receiver.bind((iface, 0))
print("ready", flush=True)
pending = b""
while True:
    readable, _, _ = select.select([0, receiver], [], [])
    if 0 in readable:
        chunk = os.read(0, 65536)
        if not chunk:
            break
        pending += chunk
        while b"\n" in pending:
            line, pending = pending.split(b"\n", 1)
            data = bytes.fromhex(line.decode().strip())
            sender.sendto(data, (socket.inet_ntoa(data[16:20]), 0))
    if receiver in readable:
        packet, address = receiver.recvfrom(65535)
        if address[2] != PACKET_OUTGOING:
            print(packet.hex(), flush=True)
