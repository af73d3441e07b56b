package io.nflab.lab;

import io.nflab.address.Ipv4Address;
import io.nflab.app.ConnectClient;
import io.nflab.app.PingClient;
import io.nflab.app.Program;
import io.nflab.app.TracerouteClient;
import io.nflab.app.UdpClient;
import io.nflab.packet.Bytes;
import io.nflab.socket.SocketTable;
import io.nflab.stack.ConsoleResult;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The client programs a node's console runs on the lab clock: {@code ping [-n] [-c COUNT] [-i INTERVAL]
 * [-t TTL] [-s SIZE] HOST}, {@code traceroute [-n] [-m MAX_HOPS] [-q NQUERIES] HOST}, {@code connect HOST
 * PORT} and {@code nc [-u] [-v] [-n] [-z] [-w SECONDS] HOST PORT} (standard input is what connect/nc
 * send). Bad arguments are answered as the real tools answer them (message on stderr, their exit code).
 * Hosts are IPv4 addresses: a lab has no DNS. Without {@code -c}, ping sends {@value #DEFAULT_PINGS}
 * requests, since a lab command must end.
 */
public final class ClientCommands {
    /** How many echo requests {@code ping} sends without {@code -c}. */
    public static final int DEFAULT_PINGS = 4;
    private static final long SECOND = 1_000_000_000L;

    private ClientCommands() {
    }

    /** A parsed client command: refused with the tool's message, or ready to start. */
    public sealed interface Parsed permits Refused, Launch {
    }

    /** Bad arguments: what the tool prints and its exit code. */
    public record Refused(ConsoleResult result) implements Parsed {
    }

    /** A client ready to start on a node's sockets. */
    public record Launch(Starter starter) implements Parsed {
    }

    /** Starts the client on {@code sockets} at lab time {@code now}. */
    @FunctionalInterface
    public interface Starter {
        RunningClient start(SocketTable sockets, long now);
    }

    /** The launch of the program {@code starter} starts. */
    private static Launch launch(BiFunction<SocketTable, Long, Program> starter) {
        return new Launch((sockets, now) -> RunningClient.of(starter.apply(sockets, now)));
    }

    /** Whether {@code command} is one of the clients this class runs. */
    public static boolean isClient(String command) {
        return switch (command) {
            case "ping", "traceroute", "connect", "nc" -> true;
            default -> false;
        };
    }

    /** Parses a client's command line; {@code argv[0]} must be a client ({@link #isClient}). */
    public static Parsed parse(List<String> argv, String stdin) {
        List<String> args = argv.subList(1, argv.size());
        try {
            return switch (argv.get(0)) {
                case "ping" -> ping(args);
                case "traceroute" -> traceroute(args);
                case "connect" -> connect(args, stdin);
                case "nc" -> nc(args, stdin);
                default -> throw new IllegalArgumentException("not a client: " + argv.get(0));
            };
        } catch (Bad bad) {
            return new Refused(new ConsoleResult(bad.exit, "", bad.getMessage()));
        }
    }

    /** A refusal in the making: the message (with its newline) and the exit code. */
    private static final class Bad extends Exception {
        final int exit;

        Bad(int exit, String message) {
            super(message, null, false, false);
            this.exit = exit;
        }
    }

    /** Walks short options the getopt way: {@code -c3}, {@code -c 3}, {@code -nc 3}. */
    private static final class Options {
        private final List<String> args;
        private final String flags;
        private final String valued;
        private int index;
        private String cluster = "";

        Options(List<String> args, String flags, String valued) {
            this.args = args;
            this.flags = flags;
            this.valued = valued;
        }

        /** The next option letter, or 0 at the first operand; {@code '?'} for an unknown letter in {@link #bad}. */
        char next() {
            if (cluster.isEmpty()) {
                if (index >= args.size() || !args.get(index).startsWith("-") || args.get(index).length() < 2) {
                    return 0;
                }
                if (args.get(index).equals("--")) {
                    index++;
                    return 0;
                }
                cluster = args.get(index++).substring(1);
            }
            char letter = cluster.charAt(0);
            cluster = cluster.substring(1);
            return letter;
        }

        boolean isFlag(char letter) {
            return flags.indexOf(letter) >= 0;
        }

        boolean isValued(char letter) {
            return valued.indexOf(letter) >= 0;
        }

        /** The option's argument: the rest of the cluster or the next word; null when missing. */
        String value() {
            if (!cluster.isEmpty()) {
                String value = cluster;
                cluster = "";
                return value;
            }
            return index < args.size() ? args.get(index++) : null;
        }

        List<String> operands() {
            return args.subList(index, args.size());
        }
    }

    private static Parsed ping(List<String> args) throws Bad {
        Options options = new Options(args, "n", "citsW");
        int count = DEFAULT_PINGS;
        long interval = SECOND;
        int ttl = 0;
        int size = 56;
        for (char letter = options.next(); letter != 0; letter = options.next()) {
            if (options.isFlag(letter)) {
                continue;
            }
            if (!options.isValued(letter)) {
                throw new Bad(2, "ping: invalid option -- '" + letter + "'\n" + PING_USAGE);
            }
            String value = options.value();
            if (value == null) {
                throw new Bad(2, "ping: option requires an argument -- '" + letter + "'\n" + PING_USAGE);
            }
            switch (letter) {
                case 'c' -> count = (int) Math.min(Integer.MAX_VALUE, number("ping", value, 1, Long.MAX_VALUE));
                case 'i' -> interval = seconds(value);
                case 't' -> ttl = (int) number("ping", value, 0, 255);
                case 's' -> {
                    size = (int) number("ping", value, 0, Integer.MAX_VALUE);
                    if (size > 65507) {
                        throw new Bad(2, "ping: packet size " + size + " is too large. Maximum is 65507\n");
                    }
                }
                default -> throw new Bad(2, "ping: option -W is not supported by nflab's ping\n");
            }
        }
        List<String> operands = options.operands();
        if (operands.isEmpty()) {
            throw new Bad(2, "ping: usage error: Destination address required\n");
        }
        String host = operands.get(operands.size() - 1);
        Ipv4Address destination = Ipv4Address.tryParse(host)
                .orElseThrow(() -> new Bad(2, "ping: " + host + ": Name or service not known\n"));
        PingClient.Options ping = new PingClient.Options(count, interval, ttl, size);
        return launch((sockets, now) -> PingClient.start(sockets, destination, host, ping, now));
    }

    private static final String PING_USAGE = """

            Usage
              ping [options] <destination>

            Options:
              <destination>      dns name or ip address
              -c <count>         stop after <count> replies
              -i <interval>      seconds between sending each packet
              -n                 no dns name resolution
              -s <size>          use <size> as number of data bytes to be sent
              -t <ttl>           define time to live

            For more details see ping(8).
            """;

    private static long number(String tool, String value, long min, long max) throws Bad {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Bad(2, tool + ": invalid argument: '" + value + "'\n");
        }
        if (parsed < min || parsed > max) {
            throw new Bad(2, tool + ": invalid argument: '" + value + "': out of range: " + min + " <= value <= "
                    + max + "\n");
        }
        return parsed;
    }

    private static long seconds(String value) throws Bad {
        try {
            BigDecimal seconds = new BigDecimal(value);
            if (seconds.signum() < 0) {
                throw new NumberFormatException();
            }
            long nanos = seconds.movePointRight(9).longValue();
            if (nanos <= 0) {
                throw new NumberFormatException();
            }
            return nanos;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Bad(2, "ping: bad timing interval: " + value + "\n");
        }
    }

    private static Parsed traceroute(List<String> args) throws Bad {
        Options options = new Options(args, "n", "mq");
        TracerouteClient.Options trace = TracerouteClient.Options.DEFAULT;
        for (char letter = options.next(); letter != 0; letter = options.next()) {
            if (letter == 'n') {
                trace = trace.withNumeric(true);
                continue;
            }
            if (!options.isValued(letter)) {
                throw new Bad(2, "Bad option `-" + letter + "' (argc " + (options.index) + ")\n");
            }
            String value = options.value();
            if (value == null) {
                throw new Bad(2, "Option `-" + letter + "' (argc " + options.index + ") requires an argument: `-"
                        + letter + (letter == 'm' ? " max_ttl" : " nqueries") + "'\n");
            }
            int parsed = integer(value, letter, options.index);
            if (letter == 'm') {
                if (parsed > 255) {
                    throw new Bad(2, "max hops cannot be more than 255\n");
                }
                if (parsed < 1) {
                    throw new Bad(2, "first hop out of range\n");
                }
                trace = trace.withMaxHops(parsed);
            } else {
                if (parsed < 1 || parsed > 10) {
                    throw new Bad(2, "no more than 10 probes per hop\n");
                }
                trace = new TracerouteClient.Options(trace.maxHops(), parsed, trace.numeric());
            }
        }
        List<String> operands = options.operands();
        if (operands.isEmpty()) {
            throw new Bad(2, "Specify \"host\" missing argument.\n");
        }
        String host = operands.get(0);
        int position = args.size() - operands.size() + 1;
        Ipv4Address destination = Ipv4Address.tryParse(host).orElseThrow(() -> new Bad(2, host
                + ": Name or service not known\nCannot handle \"host\" cmdline arg `" + host + "' on position 1 (argc "
                + position + ")\n"));
        TracerouteClient.Options chosen = trace;
        return launch((sockets, now) -> TracerouteClient.start(sockets, destination, host,
                chosen, now));
    }

    private static int integer(String value, char letter, int argc) throws Bad {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new Bad(2, "Cannot handle `-" + letter + "' option with arg `" + value + "' (argc " + argc + ")\n");
        }
    }

    private static Parsed connect(List<String> args, String stdin) throws Bad {
        if (args.size() != 2) {
            throw new Bad(2, "usage: connect HOST PORT\n");
        }
        String host = args.get(0);
        Ipv4Address destination = Ipv4Address.tryParse(host)
                .orElseThrow(() -> new Bad(2, "connect: " + host + ": not an IPv4 address (a lab has no DNS)\n"));
        int port = port("connect", args.get(1), 2);
        Bytes request = Bytes.ofLatin1(stdin);
        return launch((sockets, now) -> ConnectClient.start(sockets, destination, host, port,
                request, ConnectClient.DEFAULT_IDLE, now));
    }

    private static final String NC_USAGE = "usage: nc [-nuvz] [-w timeout] [destination] [port]\n";

    private static Parsed nc(List<String> args, String stdin) throws Bad {
        Options options = new Options(args, "nuvz", "w");
        boolean udp = false;
        boolean zero = false;
        long wait = ConnectClient.DEFAULT_IDLE;
        for (char letter = options.next(); letter != 0; letter = options.next()) {
            switch (letter) {
                case 'u' -> udp = true;
                case 'z' -> zero = true;
                case 'n', 'v' -> {
                    // names are never resolved; the verdict line is always printed, as with -v
                }
                case 'w' -> {
                    String value = options.value();
                    if (value == null) {
                        throw new Bad(1, "nc: option requires an argument -- 'w'\n" + NC_USAGE);
                    }
                    long seconds;
                    try {
                        seconds = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        seconds = -1;
                    }
                    if (seconds < 1 || seconds > Integer.MAX_VALUE) {
                        throw new Bad(1, "nc: timeout " + ("0".equals(value) || seconds == 0 ? "too small"
                                : "invalid") + ": " + value + "\n");
                    }
                    wait = seconds * SECOND;
                }
                default -> throw new Bad(1, "nc: invalid option -- '" + letter + "'\n" + NC_USAGE);
            }
        }
        List<String> operands = options.operands();
        if (operands.size() != 2) {
            throw new Bad(1, NC_USAGE);
        }
        String host = operands.get(0);
        Ipv4Address destination = Ipv4Address.tryParse(host).orElseThrow(() -> new Bad(1,
                "nc: getaddrinfo for host \"" + host + "\" port " + operands.get(1) + ": Name or service not known\n"));
        int port = port("nc", operands.get(1), 1);
        Bytes input = zero ? Bytes.EMPTY : Bytes.ofLatin1(stdin);
        long idle = wait;
        if (udp) {
            return launch((sockets, now) -> UdpClient.start(sockets, destination, port, input,
                    idle, now));
        }
        return launch((sockets, now) -> ConnectClient.start(sockets, destination, host, port,
                input, idle, now));
    }

    private static int port(String tool, String text, int exit) throws Bad {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new Bad(exit, tool + ": port number invalid: " + text + "\n");
    }
}
