package io.nflab.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The IPv4 sysctls of a namespace that routing depends on: {@code net.ipv4.ip_forward} and the
 * per-device {@code net.ipv4.conf.{all,default,DEV}.*} values {@code rp_filter}, {@code route_localnet},
 * {@code send_redirects} and {@code accept_local}, combined the way the kernel combines them: rp_filter
 * takes the larger of {@code all} and the device, the others are on when either says so. A device takes
 * the {@code default} values when it is created. Kernel defaults: forwarding off, rp_filter 0 (a fresh
 * namespace; distributions set 2 on the host), send_redirects 1, the others 0.
 */
public final class IpSysctls {

    /** The per-device settings nflab knows. */
    public enum Conf {
        RP_FILTER("rp_filter", 2),
        ROUTE_LOCALNET("route_localnet", 1),
        SEND_REDIRECTS("send_redirects", 1),
        ACCEPT_LOCAL("accept_local", 1);

        private final String key;
        private final int max;

        Conf(String key, int max) {
            this.key = key;
            this.max = max;
        }

        public String key() {
            return key;
        }

        int initial() {
            return this == SEND_REDIRECTS ? 1 : 0;
        }
    }

    private boolean ipForward;
    private final Map<Conf, Integer> all = defaults();
    private final Map<Conf, Integer> defaultConf = defaults();
    private final Map<Integer, Map<Conf, Integer>> devices = new HashMap<>();

    /** {@code net.ipv4.ip_forward}: whether the namespace routes packets between devices. */
    public boolean ipForward() {
        return ipForward;
    }

    /** Sets {@code net.ipv4.ip_forward} (which sets every device's {@code forwarding}, as in the kernel). */
    public void setIpForward(boolean on) {
        ipForward = on;
    }

    /** The kernel's {@code IN_DEV_RPFILTER}: max(all, device). */
    public int rpFilter(int ifindex) {
        return Math.max(all.get(Conf.RP_FILTER), device(ifindex).get(Conf.RP_FILTER));
    }

    public boolean routeLocalnet(int ifindex) {
        return either(Conf.ROUTE_LOCALNET, ifindex);
    }

    public boolean sendRedirects(int ifindex) {
        return either(Conf.SEND_REDIRECTS, ifindex);
    }

    public boolean acceptLocal(int ifindex) {
        return either(Conf.ACCEPT_LOCAL, ifindex);
    }

    /** The value stored for {@code all}, {@code default} or a device (by ifindex). */
    public int get(Conf conf, Optional<Integer> ifindex) {
        return ifindex.map(i -> device(i).get(conf)).orElse(all.get(conf));
    }

    /** Sets {@code net.ipv4.conf.all.KEY}. */
    public void setAll(Conf conf, int value) {
        all.put(conf, check(conf, value));
    }

    /** Sets {@code net.ipv4.conf.default.KEY}: what devices created later start with. */
    public void setDefault(Conf conf, int value) {
        defaultConf.put(conf, check(conf, value));
    }

    /** Sets {@code net.ipv4.conf.DEV.KEY}. */
    public void setDevice(int ifindex, Conf conf, int value) {
        device(ifindex).put(conf, check(conf, value));
    }

    /** A new device takes the {@code default} values. */
    void deviceCreated(int ifindex) {
        devices.put(ifindex, new HashMap<>(defaultConf));
    }

    private boolean either(Conf conf, int ifindex) {
        return all.get(conf) != 0 || device(ifindex).get(conf) != 0;
    }

    private Map<Conf, Integer> device(int ifindex) {
        return devices.computeIfAbsent(ifindex, i -> new HashMap<>(defaultConf));
    }

    private static int check(Conf conf, int value) {
        if (value < 0 || value > conf.max) {
            throw new IllegalArgumentException(conf.key + " must be 0.." + conf.max + ": " + value);
        }
        return value;
    }

    private static Map<Conf, Integer> defaults() {
        Map<Conf, Integer> values = new HashMap<>();
        for (Conf conf : Conf.values()) {
            values.put(conf, conf.initial());
        }
        return values;
    }
}
