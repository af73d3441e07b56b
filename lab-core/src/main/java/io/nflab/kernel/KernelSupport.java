package io.nflab.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whether this machine can run kernel labs: Linux, root, {@code ip} (iproute2) able to create and
 * delete a network namespace (many containers cannot), and for {@link KernelLab} also the programs it
 * drives. Each answer is computed once per JVM; an empty answer means "yes", otherwise it is the
 * reason as a sentence, for a command's error message or a skipped test.
 */
public final class KernelSupport {

    /** What {@link KernelLab} runs besides {@code ip}: rulesets, conntrack listings, sysctls, the agent. */
    public static final List<String> LAB_PROGRAMS = List.of("iptables-restore", "iptables-save", "conntrack",
            "sysctl", KernelAgent.PYTHON);

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static volatile Optional<String> namespaces;

    private KernelSupport() {
    }

    /** Empty when network namespaces can be created here; otherwise why not. */
    public static Optional<String> namespacesUnavailable() {
        Optional<String> known = namespaces;
        if (known == null) {
            synchronized (KernelSupport.class) {
                known = namespaces;
                if (known == null) {
                    known = probe();
                    namespaces = known;
                }
            }
        }
        return known;
    }

    /** Empty when {@link KernelLab#start} can work here; otherwise why not (namespaces or a missing program). */
    public static Optional<String> labUnavailable() {
        return namespacesUnavailable().or(() -> LAB_PROGRAMS.stream()
                .filter(program -> !ProcessRunner.isInstalled(program))
                .findFirst()
                .map(program -> "'" + program + "' is not installed (looked in "
                        + String.join(":", ProcessRunner.SYSTEM_PATH) + ")"));
    }

    private static Optional<String> probe() {
        if (!System.getProperty("os.name", "").equals("Linux")) {
            return Optional.of("not Linux (" + System.getProperty("os.name") + ")");
        }
        if (!ProcessRunner.isInstalled("ip")) {
            return Optional.of("'ip' (iproute2) is not installed");
        }
        try {
            String uid = ProcessRunner.runChecked(List.of("id", "-u"), PROBE_TIMEOUT).stdout().strip();
            if (!uid.equals("0")) {
                return Optional.of("not running as root (uid " + uid + ")");
            }
            try (Netns probe = Netns.create("probe")) {
                probe.exec(List.of("ip", "link", "show", "lo"));
            }
            return Optional.empty();
        } catch (KernelCommandException e) {
            return Optional.of("cannot create a network namespace: " + e.getMessage());
        }
    }
}
