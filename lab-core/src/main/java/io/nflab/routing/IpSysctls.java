package io.nflab.routing;

import java.util.Arrays;

/**
 * The IPv4 sysctls of a namespace that routing depends on: {@code net.ipv4.ip_forward} and the
 * per-device {@code net.ipv4.conf.{all,default,DEV}.*} values {@code rp_filter}, {@code route_localnet},
 * {@code send_redirects} and {@code accept_local}, combined the way the kernel combines them: rp_filter
 * takes the larger of {@code all} and the device, the others are on when either says so. A device takes
 * the {@code default} values when it is created. Kernel defaults: forwarding off, rp_filter 0 (a fresh
 * namespace; distributions set 2 on the host), send_redirects 1, the others 0. Reads do not allocate.
 */
public final class IpSysctls {

    /** The per-device settings nflab knows. */
    public enum Conf {
        RP_FILTER("rp_filter", 2, 0),
        ROUTE_LOCALNET("route_localnet", 1, 0),
        SEND_REDIRECTS("send_redirects", 1, 1),
        ACCEPT_LOCAL("accept_local", 1, 0);

        private final String key;
        private final int max;
        private final int initial;

        Conf(String key, int max, int initial) {
            this.key = key;
            this.max = max;
            this.initial = initial;
        }

        /** The last part of the sysctl's name, e.g. {@code rp_filter}. */
        public String key() {
            return key;
        }
    }

    private static final int CONFS = Conf.values().length;

    private boolean ipForward;
    private final int[] all = initial();
    private final int[] defaults = initial();
    /** [ifindex * CONFS + conf]; devices never configured read as the defaults they were created with. */
    private int[] devices = new int[0];
    private long version;

    /** {@code net.ipv4.ip_forward}: whether the namespace routes packets between devices. */
    public boolean ipForward() {
        return ipForward;
    }

    /** Sets {@code net.ipv4.ip_forward} (which sets every device's {@code forwarding}, as in the kernel). */
    public void setIpForward(boolean on) {
        ipForward = on;
        version++;
    }

    /** The kernel's {@code IN_DEV_RPFILTER}: max(all, device). */
    public int rpFilter(int ifindex) {
        return Math.max(all[Conf.RP_FILTER.ordinal()], device(ifindex, Conf.RP_FILTER));
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

    /** The value stored for {@code all}. */
    public int all(Conf conf) {
        return all[conf.ordinal()];
    }

    /** The value stored for one device. */
    public int device(int ifindex, Conf conf) {
        int at = ifindex * CONFS + conf.ordinal();
        return at < devices.length ? devices[at] : defaults[conf.ordinal()];
    }

    /** Sets {@code net.ipv4.conf.all.KEY}. */
    public void setAll(Conf conf, int value) {
        all[conf.ordinal()] = check(conf, value);
        version++;
    }

    /** Sets {@code net.ipv4.conf.default.KEY}: what devices created later start with. */
    public void setDefault(Conf conf, int value) {
        defaults[conf.ordinal()] = check(conf, value);
        version++;
    }

    /** Sets {@code net.ipv4.conf.DEV.KEY}. */
    public void setDevice(int ifindex, Conf conf, int value) {
        int at = ensure(ifindex) + conf.ordinal();
        int checked = check(conf, value);
        devices[at] = checked;
        version++;
    }

    /** A counter that changes with every setting, for caches of lookups. */
    long version() {
        return version;
    }

    /** A new device takes the {@code default} values. */
    void deviceCreated(int ifindex) {
        int at = ensure(ifindex);
        System.arraycopy(defaults, 0, devices, at, CONFS);
        version++;
    }

    private int ensure(int ifindex) {
        int at = ifindex * CONFS;
        if (at + CONFS > devices.length) {
            int old = devices.length / CONFS;
            devices = Arrays.copyOf(devices, (ifindex + 1) * 2 * CONFS);
            for (int i = old; i < devices.length / CONFS; i++) {
                System.arraycopy(defaults, 0, devices, i * CONFS, CONFS);
            }
        }
        return at;
    }

    private boolean either(Conf conf, int ifindex) {
        return all[conf.ordinal()] != 0 || device(ifindex, conf) != 0;
    }

    private static int check(Conf conf, int value) {
        if (value < 0 || value > conf.max) {
            throw new IllegalArgumentException(conf.key + " must be 0.." + conf.max + ": " + value);
        }
        return value;
    }

    private static int[] initial() {
        int[] values = new int[CONFS];
        for (Conf conf : Conf.values()) {
            values[conf.ordinal()] = conf.initial;
        }
        return values;
    }
}
