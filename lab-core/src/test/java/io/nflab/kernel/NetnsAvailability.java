package io.nflab.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether this machine lets tests create network namespaces: we must be root, {@code ip} must be
 * installed, and creating and deleting a namespace must work (it does not in many containers).
 * The answer is computed once per JVM. Tests call {@link #assumeAvailable()} so that they are
 * skipped, with the reason, where namespaces are missing.
 */
public final class NetnsAvailability {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static volatile Optional<String> reason;

    private NetnsAvailability() {
    }

    /** Empty when namespaces can be used; otherwise why not, as a sentence for a skipped test. */
    public static Optional<String> unavailableReason() {
        Optional<String> known = reason;
        if (known == null) {
            synchronized (NetnsAvailability.class) {
                known = reason;
                if (known == null) {
                    known = probe();
                    reason = known;
                }
            }
        }
        return known;
    }

    public static boolean isAvailable() {
        return unavailableReason().isEmpty();
    }

    /** Skips the calling test (JUnit assumption) when namespaces are unavailable, saying why. */
    public static void assumeAvailable() {
        Optional<String> why = unavailableReason();
        Assumptions.assumeTrue(why.isEmpty(), () -> "network namespaces unavailable: " + why.orElse(""));
    }

    /** Skips the calling test when {@code program} is not installed. */
    public static void assumeInstalled(String program) {
        Assumptions.assumeTrue(ProcessRunner.isInstalled(program),
                () -> "'" + program + "' is not installed (looked in " + ProcessRunner.SYSTEM_PATH + ")");
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
