"""Cross-checks nflab's wire format with scapy (used by ScapyCompatibilityTest).

Mode "decode": reads lines "<ip|ether> <hex>" from stdin; for each, writes one JSON line with the
fields scapy decodes ("fields") and the bytes scapy builds from those fields after dropping every
length and checksum it computes itself ("rebuilt").
Mode "build": writes lines "<nflab packet text>\t<hex>" for packets scapy builds from scratch.
"""
import json
import sys

from scapy.all import ARP, ICMP, IP, TCP, UDP, Ether, ICMPerror, IPerror, TCPerror, UDPerror
from scapy.packet import NoPayload

# Decode exactly the layers nflab models; everything else stays raw bytes.
TCP.payload_guess = []
UDP.payload_guess = []
IP.payload_guess = [g for g in IP.payload_guess if g[1] in (TCP, UDP, ICMP)]
IPerror.payload_guess = [g for g in IPerror.payload_guess if g[1] in (TCPerror, UDPerror, ICMPerror)]
Ether.payload_guess = [g for g in Ether.payload_guess if g[1] in (IP, ARP)]

OPTION_TEXT = {"MSS": "mss=%s", "WScale": "wscale=%s", "NOP": "nop", "SAckOK": "sackok"}


def option_text(name, value):
    if name in OPTION_TEXT:
        return OPTION_TEXT[name] % value if "%" in OPTION_TEXT[name] else OPTION_TEXT[name]
    if name == "Timestamp":
        return "ts=%d:%d" % value
    if name == "SAck":
        return "sack=" + "/".join("%d-%d" % (value[i], value[i + 1]) for i in range(0, len(value), 2))
    # Other kinds, named by scapy or not: their bytes as scapy writes them alone in a header.
    area = bytes(TCP(options=[(name, value)]))[20:]
    return "kind%d" % area[0] + ("=" + area[2:area[1]].hex() if area[1] > 2 else "")


def outer_layers(pkt):
    layer = pkt
    while not isinstance(layer, NoPayload):
        yield layer
        if type(layer) is IP and (layer.flags.MF or layer.frag):
            return
        layer = layer.payload


def fields(pkt):
    out = {}
    for layer in outer_layers(pkt):
        kind = type(layer)
        if kind is Ether:
            out["ether"] = {"src": layer.src, "dst": layer.dst, "type": layer.type}
        elif kind is ARP:
            out["arp"] = {"op": layer.op, "hwsrc": layer.hwsrc, "psrc": layer.psrc, "hwdst": layer.hwdst,
                          "pdst": layer.pdst}
        elif kind is IP:
            out["ip"] = {"src": layer.src, "dst": layer.dst, "proto": layer.proto, "ttl": layer.ttl,
                         "tos": layer.tos, "id": layer.id, "flags": int(layer.flags), "frag": layer.frag,
                         "len": layer.len, "ihl": layer.ihl, "payload": len(layer.payload)}
        elif kind is TCP:
            out["tcp"] = {"sport": layer.sport, "dport": layer.dport, "seq": layer.seq, "ack": layer.ack,
                          "flags": int(layer.flags), "window": layer.window, "urgptr": layer.urgptr,
                          "options": [option_text(n, v) for n, v in layer.options if n != "EOL"],
                          "payload": len(layer.payload)}
        elif kind is UDP:
            out["udp"] = {"sport": layer.sport, "dport": layer.dport, "len": layer.len,
                          "payload": len(layer.payload)}
        elif kind is ICMP:
            icmp = {"type": layer.type, "code": layer.code}
            if layer.type in (0, 8):
                icmp.update({"id": layer.id, "seq": layer.seq})
            inner = layer.payload
            if isinstance(inner, IPerror):
                icmp["quote"] = {"src": inner.src, "dst": inner.dst, "proto": inner.proto, "len": inner.len}
                if isinstance(inner.payload, (TCPerror, UDPerror)):
                    icmp["quote"].update({"sport": inner.payload.sport, "dport": inner.payload.dport})
            out["icmp"] = icmp
    return out


def rebuild(pkt):
    for layer in outer_layers(pkt):
        kind = type(layer)
        if kind is IP:
            layer.len = layer.ihl = layer.chksum = None
        elif kind is TCP:
            layer.dataofs = layer.chksum = None
        elif kind is UDP:
            layer.len = layer.chksum = None
        elif kind is ICMP:
            layer.chksum = None
    return bytes(pkt)


def decode():
    for line in sys.stdin:
        kind, hexdata = line.split()
        data = bytes.fromhex(hexdata)
        pkt = (IP if kind == "ip" else Ether)(data)
        described = fields(pkt)
        fresh = (IP if kind == "ip" else Ether)(data)
        print(json.dumps({"fields": described, "rebuilt": rebuild(fresh).hex()}), flush=True)


def build():
    samples = [
        ("tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S win 64240 opts mss=1460,sackok,ts=1000:0,nop,wscale=7 df",
         IP(src="203.0.113.10", dst="203.0.113.1", id=0, flags="DF")
         / TCP(sport=40000, dport=80, flags="S", seq=0, window=64240,
               options=[("MSS", 1460), ("SAckOK", b""), ("Timestamp", (1000, 0)), ("NOP", None), ("WScale", 7)])),
        ("tcp 192.168.1.2:8080 > 203.0.113.10:40000 flags PA seq 1 ack 1 win 502 ttl 63 tos 0x10 ipid 4660"
         " data \"HTTP/1.0 200 OK\\r\\n\\r\\n\"",
         IP(src="192.168.1.2", dst="203.0.113.10", ttl=63, tos=0x10, id=4660)
         / TCP(sport=8080, dport=40000, flags="PA", seq=1, ack=1, window=502) / b"HTTP/1.0 200 OK\r\n\r\n"),
        ("udp 192.168.1.2:5353 > 10.0.0.2:53 ttl 1 data \"\\x12\\x34query\"",
         IP(src="192.168.1.2", dst="10.0.0.2", ttl=1, id=0) / UDP(sport=5353, dport=53) / b"\x12\x34query"),
        ("icmp 10.0.0.2 > 192.168.1.2 echo-request id 7 seq 1 df len 56",
         IP(src="10.0.0.2", dst="192.168.1.2", id=0, flags="DF") / ICMP(type=8, id=7, seq=1) / (b"\0" * 56)),
        ("icmp 192.168.1.1 > 203.0.113.10 port-unreachable tos 0xc0 [udp 203.0.113.10:5353 > 192.168.1.1:53"
         " ipid 1 data \"hello\"]",
         IP(src="192.168.1.1", dst="203.0.113.10", id=0, tos=0xc0) / ICMP(type=3, code=3)
         / IP(src="203.0.113.10", dst="192.168.1.1", id=1) / UDP(sport=5353, dport=53) / b"hello"),
        ("gre 1.2.3.4 > 5.6.7.8 ipopts 94040000 data \"\\x00\\x00\\x08\\x00\"",
         IP(src="1.2.3.4", dst="5.6.7.8", id=0, proto=47, options=b"\x94\x04\x00\x00") / b"\x00\x00\x08\x00"),
        ("proto tcp 10.0.0.1 > 10.0.0.2 ipid 99 frag 185 len 24",
         IP(src="10.0.0.1", dst="10.0.0.2", id=99, proto=6, frag=185) / (b"\0" * 24)),
    ]
    for text, pkt in samples:
        print(text + "\t" + bytes(pkt).hex(), flush=True)


if __name__ == "__main__":
    {"decode": decode, "build": build}[sys.argv[1]]()
