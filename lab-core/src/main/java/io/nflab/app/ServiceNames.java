package io.nflab.app;

import io.nflab.iptables.NameTables;

/** {@code getservbyport} on Debian 12's {@code /etc/services}, as {@code nc -v} prints it ({@code *} when unknown). */
final class ServiceNames {
    private ServiceNames() {
    }

    static String of(int port, String protocol) {
        return NameTables.get().serviceName(port, protocol).orElse("*");
    }
}
