package io.nflab.conntrack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A packet sequence between two hosts A (10.99.1.2) and B (10.99.2.2) through a router, as data both the
 * real kernel (through ct_probe.py, see {@link KernelProbe}) and a {@link ConntrackTable} can be fed. Ports
 * are always given from A's side: {@code aPort} is A's, {@code bPort} B's, whoever sends.
 */
final class ProbeScenario {
    static final int A = 0x0a630102;
    static final int B = 0x0a630202;

    /** One step: a packet to send, or a look at the table. */
    sealed interface Step permits Send, Proc, Cli, Sleep {
    }

    /**
     * A packet from {@code from} ('a' or 'b').
     *
     * @param quote for an ICMP error, the packet it quotes (its own {@code from} is the original sender)
     */
    record Send(char from, int protocol, int aPort, int bPort, String flags, int payload, int type, int code,
            int id, Send quote) implements Step {
        int src() {
            return from == 'a' ? A : B;
        }

        int dst() {
            return from == 'a' ? B : A;
        }

        int sourcePort() {
            return from == 'a' ? aPort : bPort;
        }

        int destinationPort() {
            return from == 'a' ? bPort : aPort;
        }

        int tcpFlags() {
            int bits = 0;
            for (char c : flags.toCharArray()) {
                bits |= switch (c) {
                    case 'F' -> TcpFlagBits.FIN;
                    case 'S' -> TcpFlagBits.SYN;
                    case 'R' -> TcpFlagBits.RST;
                    case 'P' -> TcpFlagBits.PSH;
                    case 'A' -> TcpFlagBits.ACK;
                    case 'U' -> TcpFlagBits.URG;
                    case 'E' -> TcpFlagBits.ECE;
                    case 'C' -> TcpFlagBits.CWR;
                    default -> throw new IllegalArgumentException("flag " + c);
                };
            }
            return bits;
        }

        /** The tuple this packet has, as the quoted datagram of an ICMP error. */
        ConntrackTuple tuple() {
            return switch (protocol) {
                case Protocols.ICMP -> ConntrackTuple.of(protocol, src(), dst(), id, type << 8 | code);
                default -> ConntrackTuple.of(protocol, src(), dst(), sourcePort(), destinationPort());
            };
        }

        /** The packet as conntrack's input, {@code length} being its IP total length. */
        ConntrackPacket packet(int length) {
            return switch (protocol) {
                case Protocols.TCP -> ConntrackPacket.tcp(src(), dst(), sourcePort(), destinationPort(), tcpFlags(),
                        payload, length);
                case Protocols.UDP -> ConntrackPacket.udp(src(), dst(), sourcePort(), destinationPort(), length);
                case Protocols.ICMP -> quote == null ? ConntrackPacket.icmp(src(), dst(), type, code, id, length)
                        : ConntrackPacket.icmpError(src(), dst(), type, code, quote.tuple(), length);
                default -> ConntrackPacket.addressesOnly(protocol, src(), dst(), length);
            };
        }

        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("from", String.valueOf(from));
            out.put("proto", protocol);
            out.put("sport", aPort);
            out.put("dport", bPort);
            out.put("flags", flags);
            out.put("payload", payload);
            out.put("type", type);
            out.put("code", code);
            out.put("id", id);
            if (quote != null) {
                out.put("quote", quote.json());
            }
            return out;
        }

        @Override
        public String toString() {
            String what = switch (protocol) {
                case Protocols.TCP -> "tcp " + aPort + "/" + bPort + " [" + flags + "]" + (payload > 0 ? " +" + payload : "");
                case Protocols.UDP -> "udp " + aPort + "/" + bPort;
                case Protocols.ICMP -> "icmp " + type + "/" + code + " id " + id + (quote != null ? " quoting " + quote : "");
                default -> "proto " + protocol;
            };
            return from + "> " + what;
        }
    }

    /** Read /proc/net/nf_conntrack. */
    record Proc() implements Step {
    }

    /** Run conntrack with these arguments. */
    record Cli(List<String> args) implements Step {
    }

    record Sleep(double seconds) implements Step {
    }

    private final Map<String, String> sysctls = new LinkedHashMap<>();
    private final List<Step> steps = new ArrayList<>();

    ProbeScenario sysctl(String key, String value) {
        sysctls.put(key, value);
        return this;
    }

    ProbeScenario tcp(char from, int aPort, int bPort, String flags) {
        return tcp(from, aPort, bPort, flags, 0);
    }

    ProbeScenario tcp(char from, int aPort, int bPort, String flags, int payload) {
        return send(new Send(from, Protocols.TCP, aPort, bPort, flags, payload, 0, 0, 0, null));
    }

    ProbeScenario udp(char from, int aPort, int bPort, int payload) {
        return send(new Send(from, Protocols.UDP, aPort, bPort, "", payload, 0, 0, 0, null));
    }

    ProbeScenario icmp(char from, int type, int code, int id, int payload) {
        return send(new Send(from, Protocols.ICMP, 0, 0, "", payload, type, code, id, null));
    }

    ProbeScenario icmpError(char from, int type, int code, Send quoted) {
        return send(new Send(from, Protocols.ICMP, 0, 0, "", 0, type, code, 0, quoted));
    }

    ProbeScenario other(char from, int protocol) {
        return send(new Send(from, protocol, 0, 0, "", 0, 0, 0, 0, null));
    }

    ProbeScenario send(Send send) {
        steps.add(send);
        return this;
    }

    ProbeScenario proc() {
        steps.add(new Proc());
        return this;
    }

    ProbeScenario conntrack(String... args) {
        steps.add(new Cli(List.of(args)));
        return this;
    }

    ProbeScenario sleep(double seconds) {
        steps.add(new Sleep(seconds));
        return this;
    }

    /** A scenario from ct_probe.py's input JSON (what {@link #json} writes). */
    static ProbeScenario fromJson(com.fasterxml.jackson.databind.JsonNode json) {
        ProbeScenario scenario = new ProbeScenario();
        json.path("sysctls").fields().forEachRemaining(e -> scenario.sysctl(e.getKey(), e.getValue().asText()));
        for (com.fasterxml.jackson.databind.JsonNode step : json.get("steps")) {
            if (step.has("send")) {
                scenario.send(send(step.get("send")));
            } else if (step.has("proc")) {
                scenario.proc();
            } else if (step.has("conntrack")) {
                List<String> args = new ArrayList<>();
                step.get("conntrack").forEach(a -> args.add(a.asText()));
                scenario.conntrack(args.toArray(String[]::new));
            } else {
                scenario.sleep(step.get("sleep").asDouble());
            }
        }
        return scenario;
    }

    private static Send send(com.fasterxml.jackson.databind.JsonNode json) {
        com.fasterxml.jackson.databind.JsonNode proto = json.get("proto");
        int protocol = proto.isNumber() ? proto.asInt() : switch (proto.asText()) {
            case "tcp" -> Protocols.TCP;
            case "udp" -> Protocols.UDP;
            case "icmp" -> Protocols.ICMP;
            case "gre" -> Protocols.GRE;
            default -> throw new IllegalArgumentException("protocol " + proto);
        };
        return new Send(json.get("from").asText().charAt(0), protocol, json.path("sport").asInt(),
                json.path("dport").asInt(), json.path("flags").asText(""), json.path("payload").asInt(),
                json.path("type").asInt(protocol == Protocols.ICMP ? 8 : 0), json.path("code").asInt(),
                json.path("id").asInt(), json.has("quote") ? send(json.get("quote")) : null);
    }

    Map<String, String> sysctls() {
        return sysctls;
    }

    List<Step> steps() {
        return steps;
    }

    Map<String, Object> json() {
        List<Object> out = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Send send) {
                out.add(Map.of("send", send.json()));
            } else if (step instanceof Proc) {
                out.add(Map.of("proc", true));
            } else if (step instanceof Cli cli) {
                out.add(Map.of("conntrack", cli.args()));
            } else if (step instanceof Sleep sleep) {
                out.add(Map.of("sleep", sleep.seconds()));
            }
        }
        return Map.of("sysctls", sysctls, "steps", out);
    }
}
