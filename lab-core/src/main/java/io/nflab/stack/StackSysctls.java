package io.nflab.stack;

import io.nflab.conntrack.ConntrackTable;
import io.nflab.diagnostics.UserInputException;
import io.nflab.link.NetDevice;
import io.nflab.routing.IpNamespace;
import io.nflab.routing.IpSysctls;
import io.nflab.socket.SocketTable;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The node's sysctls: {@code net.ipv4.ip_forward} and the per-device {@code conf} keys live in the routing
 * namespace, {@code net.netfilter.*} in the conntrack table, {@code ip_default_ttl} and
 * {@code ip_local_port_range} in the socket table's settings (new sockets and the stack's own packets use them),
 * the rest ({@code icmp_echo_ignore_all}, …) here.
 */
final class StackSysctls {
    private static final String FORWARD = "net.ipv4.ip_forward";
    private static final String CONF = "net.ipv4.conf.";
    private static final String NETFILTER = "net.netfilter.";
    private static final String HELPER = "net.netfilter.nf_conntrack_helper";
    private static final String DEFAULT_TTL = "net.ipv4.ip_default_ttl";
    private static final String PORT_RANGE = "net.ipv4.ip_local_port_range";

    private final IpNamespace<?> ip;
    private final ConntrackTable conntrack;
    private final Consumer<Boolean> automaticHelpers;
    private final SocketTable sockets;
    private final Map<String, String> others = new TreeMap<>(Map.of(
            DEFAULT_TTL, "64",
            "net.ipv4.icmp_echo_ignore_all", "0",
            PORT_RANGE, "32768\t60999",
            HELPER, "0"));

    StackSysctls(IpNamespace<?> ip, ConntrackTable conntrack, Consumer<Boolean> automaticHelpers,
            SocketTable sockets) {
        this.ip = ip;
        this.conntrack = conntrack;
        this.automaticHelpers = automaticHelpers;
        this.sockets = sockets;
    }

    /** Sets {@code key}; throws {@link UserInputException} naming the key or value when refused. */
    void set(String key, String value) {
        String v = value.trim();
        if (key.equals(FORWARD)) {
            ip.sysctls().setIpForward(number(key, v) != 0);
        } else if (key.startsWith(CONF)) {
            Conf conf = conf(key);
            int n = number(key, v);
            switch (conf.scope) {
                case "all" -> ip.sysctls().setAll(conf.conf, n);
                case "default" -> ip.sysctls().setDefault(conf.conf, n);
                default -> ip.sysctls().setDevice(conf.device.index(), conf.conf, n);
            }
        } else if (key.equals(HELPER)) {
            others.put(key, number(key, v) != 0 ? "1" : "0");
            automaticHelpers.accept(number(key, v) != 0);
        } else if (key.equals(DEFAULT_TTL)) {
            int ttl = number(key, v);
            if (ttl < 1 || ttl > 255) {
                throw invalid(key);
            }
            sockets.setSettings(sockets.settings().withDefaultTtl(ttl));
            others.put(key, Integer.toString(ttl));
        } else if (key.equals(PORT_RANGE)) {
            String[] bounds = v.split("\\s+");
            if (bounds.length > 2) {
                throw invalid(key);
            }
            int low = number(key, bounds[0]);
            // proc_dointvec writes as many values as it is given: one value changes only the low end
            int high = bounds.length == 2 ? number(key, bounds[1]) : sockets.settings().localPortHigh();
            if (low < 1 || high > 65535 || high < low) {
                throw invalid(key);
            }
            sockets.setSettings(sockets.settings().withLocalPortRange(low, high));
            others.put(key, low + "\t" + high);
        } else if (key.startsWith(NETFILTER)) {
            conntrack.setSettings(conntrack.settings().with(key, v));
        } else if (others.containsKey(key)) {
            others.put(key, v);
        } else {
            throw unknown(key);
        }
    }

    String get(String key) {
        if (key.equals(FORWARD)) {
            return ip.sysctls().ipForward() ? "1" : "0";
        }
        if (key.startsWith(CONF)) {
            Conf conf = conf(key);
            return Integer.toString(switch (conf.scope) {
                case "all" -> ip.sysctls().all(conf.conf);
                case "default" -> throw unknown(key);
                default -> ip.sysctls().device(conf.device.index(), conf.conf);
            });
        }
        if (key.startsWith(NETFILTER) && !key.equals(HELPER)) {
            return conntrack.sysctl(key, 0).map(String::valueOf).orElseThrow(() -> unknown(key));
        }
        String value = others.get(key);
        if (value == null) {
            throw unknown(key);
        }
        return value;
    }

    boolean flag(String key) {
        return !get(key).equals("0");
    }

    private record Conf(String scope, NetDevice device, IpSysctls.Conf conf) {
    }

    private Conf conf(String key) {
        String rest = key.substring(CONF.length());
        int dot = rest.lastIndexOf('.');
        if (dot < 0) {
            throw unknown(key);
        }
        String scope = rest.substring(0, dot);
        String name = rest.substring(dot + 1);
        IpSysctls.Conf conf = null;
        for (IpSysctls.Conf c : IpSysctls.Conf.values()) {
            if (c.key().equals(name)) {
                conf = c;
            }
        }
        if (conf == null) {
            throw unknown(key);
        }
        if (scope.equals("all") || scope.equals("default")) {
            return new Conf(scope, null, conf);
        }
        NetDevice device = ip.links().byName(scope).orElseThrow(() -> unknown(key));
        return new Conf(scope, device, conf);
    }

    private static int number(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw invalid(key);
        }
    }

    private static UserInputException invalid(String key) {
        return new UserInputException("sysctl: setting key \"" + key + "\": Invalid argument");
    }

    private static UserInputException unknown(String key) {
        return new UserInputException("sysctl: cannot stat /proc/sys/" + key.replace('.', '/')
                + ": No such file or directory");
    }
}
