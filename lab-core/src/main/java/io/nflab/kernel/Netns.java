package io.nflab.kernel;

import io.nflab.address.InterfaceAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A throwaway Linux network namespace: create it, run programs in it, wire it to other namespaces
 * with veth pairs and bridges, give it addresses and routes, and delete it with {@link #close()}
 * (try-with-resources). A JVM shutdown hook deletes any namespace still open when the JVM ends
 * (also on Ctrl-C). Names are unique per JVM ({@code nflab-<purpose>-<pid>-<n>}), so concurrent runs
 * on one machine do not collide.
 *
 * <p>Everything here needs root ({@link KernelSupport} tells whether namespaces work). Programs run
 * with {@link ProcessRunner}'s fixed environment, always inside the namespace. Failures of setup
 * commands throw {@link KernelCommandException} naming the command and what it printed.
 */
public final class Netns implements AutoCloseable {

    /** How long a program run with {@link #exec(List)} may take. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Path NETNS_ETC = Path.of("/etc/netns");
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
    private static final Pattern BATCH_FAILURE = Pattern.compile("Command failed -:(\\d+)");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9._-]{1,15}");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<Netns> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> List.copyOf(OPEN).forEach(Netns::close), "netns-cleanup"));
    }

    private final String name;
    private final Path etcDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Netns(String name) {
        this.name = name;
        this.etcDirectory = NETNS_ETC.resolve(name);
    }

    /** Creates a namespace whose programs see the machine's {@code /etc}. */
    public static Netns create(String purpose) {
        return create(purpose, EtcOverlay.NONE);
    }

    /**
     * Creates a namespace named {@code nflab-<purpose>-<pid>-<n>}; programs run in it see the
     * files of {@code etc} in place of the machine's.
     *
     * @param purpose lower-case words joined by dashes, e.g. {@code corpus} or {@code gw}
     */
    public static Netns create(String purpose, EtcOverlay etc) {
        if (!PURPOSE.matcher(purpose).matches()) {
            throw new IllegalArgumentException("namespace purpose must be lower-case words joined by '-': '"
                    + purpose + "'");
        }
        return createNamed("nflab-" + purpose + "-" + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet(), etc);
    }

    /**
     * Creates a namespace with exactly this name (the caller makes it unique); programs run in it see
     * the files of {@code etc} in place of the machine's.
     */
    static Netns createNamed(String name, EtcOverlay etc) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a namespace name: '" + name + "'");
        }
        Netns netns = new Netns(name);
        OPEN.add(netns);
        try {
            netns.writeEtc(etc);
            ProcessRunner.runChecked(List.of("ip", "netns", "add", netns.name), DEFAULT_TIMEOUT);
            return netns;
        } catch (RuntimeException e) {
            netns.close();
            throw e;
        }
    }

    /** Deletes a namespace this JVM does not hold (a leftover of another run) and its {@code /etc} overlay. */
    static void deleteLeftover(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a namespace name: '" + name + "'");
        }
        new Netns(name).close();
    }

    /** The names of the machine's named network namespaces ({@code ip netns list}). */
    public static List<String> list() {
        return ProcessRunner.runChecked(List.of("ip", "netns", "list"), DEFAULT_TIMEOUT).stdout().lines()
                .map(line -> line.split(" ", 2)[0]).toList();
    }

    /** The namespace's name as {@code ip netns list} shows it. */
    public String name() {
        return name;
    }

    /** Runs a program inside the namespace with empty stdin and {@link #DEFAULT_TIMEOUT}. */
    public ProcessResult exec(List<String> argv) {
        return exec(argv, "", DEFAULT_TIMEOUT);
    }

    /**
     * Runs {@code argv} inside the namespace ({@code ip netns exec}), so argv[0] is found in
     * {@link ProcessRunner#SYSTEM_PATH} and reaches the program as typed.
     */
    public ProcessResult exec(List<String> argv, String stdin, Duration timeout) {
        ensureOpen();
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.addAll(argv);
        return ProcessRunner.run(command, stdin, timeout);
    }

    /**
     * Starts {@code argv} inside the namespace and leaves it running ({@link ProcessRunner#start}); the
     * caller owns the process and must end it before closing the namespace.
     */
    public Process start(List<String> argv) {
        ensureOpen();
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name));
        command.addAll(argv);
        return ProcessRunner.start(command);
    }

    /** Runs a program inside the namespace and insists on exit code 0. */
    public ProcessResult execChecked(String... argv) {
        ProcessResult result = exec(List.of(argv));
        if (!result.succeeded()) {
            throw new KernelCommandException("in " + name + ": '" + String.join(" ", argv) + "' exited with "
                    + result.exitCode() + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip()));
        }
        return result;
    }

    /** Sets an interface up ({@code lo} included). */
    public void linkUp(String iface) {
        ip("link", "set", checkInterface(iface), "up");
    }

    /**
     * Creates a veth pair with {@code iface} here and {@code peerIface} in {@code peer} (which may be
     * this namespace), and sets both ends up.
     */
    public void addVeth(String iface, Netns peer, String peerIface) {
        ensureOpen();
        peer.ensureOpen();
        ip("link", "add", checkInterface(iface), "type", "veth", "peer", "name", checkInterface(peerIface),
                "netns", peer.name);
        linkUp(iface);
        peer.linkUp(peerIface);
    }

    /** Creates a bridge (a LAN segment) in this namespace and sets it up. */
    public void addBridge(String bridge) {
        ip("link", "add", "name", checkInterface(bridge), "type", "bridge");
        linkUp(bridge);
    }

    /** Makes {@code iface} a port of {@code bridge}; both live in this namespace. */
    public void attachToBridge(String iface, String bridge) {
        ip("link", "set", checkInterface(iface), "master", checkInterface(bridge));
    }

    /** Adds an address such as {@code 192.168.1.1/24} to an interface. */
    public void addAddress(String iface, InterfaceAddress address) {
        ip("address", "add", address.toString(), "dev", checkInterface(iface));
    }

    /** Adds a route in {@code ip route} syntax, e.g. {@code default via 192.168.1.1}. */
    public void addRoute(String route) {
        List<String> words = new ArrayList<>(List.of("route", "add"));
        words.addAll(Arrays.asList(route.strip().split("\\s+")));
        ip(words.toArray(String[]::new));
    }

    /**
     * Runs {@code ip} commands (one per element, without the leading {@code ip}, e.g.
     * {@code link set eth0 up}) in this namespace with one {@code ip -n NS -batch -}; stops at the
     * first failing one.
     *
     * @throws KernelCommandException naming the failing command and what ip printed
     */
    public void ipBatch(List<String> commands) {
        ensureOpen();
        if (commands.isEmpty()) {
            return;
        }
        List<String> argv = List.of("ip", "-n", name, "-batch", "-");
        ProcessResult result = ProcessRunner.run(argv, String.join("\n", commands) + "\n", DEFAULT_TIMEOUT);
        if (!result.succeeded()) {
            Matcher failed = BATCH_FAILURE.matcher(result.stderr());
            String command = failed.find() && Integer.parseInt(failed.group(1)) <= commands.size()
                    ? "ip -n " + name + " " + commands.get(Integer.parseInt(failed.group(1)) - 1)
                    : String.join(" ", argv);
            throw new KernelCommandException("'" + command + "' exited with " + result.exitCode() + ": "
                    + result.stderr().lines().filter(line -> !BATCH_FAILURE.matcher(line).find())
                            .collect(Collectors.joining(" ")).strip());
        }
    }

    /** Sets a sysctl of this namespace, e.g. {@code net.ipv4.ip_forward} to {@code 1}. */
    public void setSysctl(String key, String value) {
        execChecked("sysctl", "-q", "-w", key + "=" + value);
    }

    /** Deletes the namespace (its interfaces go with it) and its {@code /etc} overlay; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            ProcessRunner.run(List.of("ip", "netns", "delete", name), DEFAULT_TIMEOUT);
        } catch (KernelCommandException e) {
            // Nothing more to do: the namespace never existed or is already gone.
        } finally {
            deleteEtc();
            OPEN.remove(this);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private void ip(String... arguments) {
        ensureOpen();
        List<String> command = new ArrayList<>(List.of("ip", "-n", name));
        command.addAll(List.of(arguments));
        ProcessRunner.runChecked(command, DEFAULT_TIMEOUT);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("namespace " + name + " is closed");
        }
    }

    private static String checkInterface(String iface) {
        if (!INTERFACE.matcher(iface).matches()) {
            throw new IllegalArgumentException("not an interface name (1 to 15 of A-Z a-z 0-9 . _ -): '"
                    + iface + "'");
        }
        return iface;
    }

    private void writeEtc(EtcOverlay etc) {
        if (etc.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(NETNS_ETC);
            Files.createDirectory(etcDirectory);
            for (Map.Entry<String, String> file : etc.files().entrySet()) {
                Files.writeString(etcDirectory.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new KernelCommandException("cannot write " + etcDirectory + ": " + e.getMessage(), e);
        }
    }

    private void deleteEtc() {
        if (!Files.exists(etcDirectory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(etcDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
            Files.delete(NETNS_ETC);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // Another namespace still uses /etc/netns, or someone else removed it first.
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + etcDirectory, e);
        }
    }
}
