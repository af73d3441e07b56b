package io.nflab.app;

import io.nflab.address.Ipv4Address;
import java.util.Optional;

/**
 * The address and port arguments of FTP's PORT and EPRT (RFC 959, RFC 2428) and the replies to PASV and
 * EPSV, in exactly the text conntrack's FTP helper parses: {@code h1,h2,h3,h4,p1,p2} in decimal,
 * {@code |1|a.b.c.d|port|}, {@code 227 Entering Passive Mode (h1,h2,h3,h4,p1,p2).} and
 * {@code 229 Entering Extended Passive Mode (|||port|)}.
 */
public final class FtpAddresses {
    private FtpAddresses() {
    }

    /** An address and port, e.g. the target of PORT. */
    public record HostPort(Ipv4Address address, int port) {
    }

    /** {@code h1,h2,h3,h4,p1,p2}. */
    public static String hostPort(Ipv4Address address, int port) {
        return address.octet(0) + "," + address.octet(1) + "," + address.octet(2) + "," + address.octet(3) + ","
                + (port >>> 8) + "," + (port & 0xff);
    }

    /** Reads {@code h1,h2,h3,h4,p1,p2}; empty when it is not six numbers 0-255 or the port is 0. */
    public static Optional<HostPort> parseHostPort(String text) {
        String[] parts = text.trim().split(",", -1);
        if (parts.length != 6) {
            return Optional.empty();
        }
        int[] numbers = new int[6];
        for (int i = 0; i < 6; i++) {
            if (!parts[i].matches("[0-9]{1,3}")) {
                return Optional.empty();
            }
            numbers[i] = Integer.parseInt(parts[i]);
            if (numbers[i] > 255) {
                return Optional.empty();
            }
        }
        int port = numbers[4] << 8 | numbers[5];
        return port == 0 ? Optional.empty()
                : Optional.of(new HostPort(Ipv4Address.of(numbers[0], numbers[1], numbers[2], numbers[3]), port));
    }

    /** {@code |1|a.b.c.d|port|}. */
    public static String extended(Ipv4Address address, int port) {
        return "|1|" + address + "|" + port + "|";
    }

    /** Reads EPRT's argument (IPv4 only); empty when malformed. */
    public static Optional<HostPort> parseExtended(String text) {
        String trimmed = text.trim();
        if (trimmed.length() < 2) {
            return Optional.empty();
        }
        char delimiter = trimmed.charAt(0);
        String[] parts = trimmed.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
        if (parts.length != 5 || !parts[0].isEmpty() || !parts[4].isEmpty() || !parts[1].equals("1")
                || !parts[3].matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        int port = Integer.parseInt(parts[3]);
        Optional<Ipv4Address> address = Ipv4Address.tryParse(parts[2]);
        return address.isEmpty() || port < 1 || port > 65535 ? Optional.empty()
                : Optional.of(new HostPort(address.get(), port));
    }

    /** The 227 reply to PASV. */
    public static String passiveReply(Ipv4Address address, int port) {
        return "227 Entering Passive Mode (" + hostPort(address, port) + ").";
    }

    /** The 229 reply to EPSV. */
    public static String extendedPassiveReply(int port) {
        return "229 Entering Extended Passive Mode (|||" + port + "|)";
    }

    /** The address and port of a 227 reply. */
    public static Optional<HostPort> parsePassiveReply(String reply) {
        int open = reply.indexOf('(');
        int close = reply.indexOf(')', open + 1);
        return open < 0 || close < 0 ? Optional.empty() : parseHostPort(reply.substring(open + 1, close));
    }

    /** The port of a 229 reply. */
    public static Optional<Integer> parseExtendedPassiveReply(String reply) {
        int open = reply.indexOf("(|||");
        int close = reply.indexOf("|)", open + 4);
        if (open < 0 || close < 0) {
            return Optional.empty();
        }
        String port = reply.substring(open + 4, close);
        return port.matches("[0-9]{1,5}") && Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535
                ? Optional.of(Integer.parseInt(port)) : Optional.empty();
    }
}
