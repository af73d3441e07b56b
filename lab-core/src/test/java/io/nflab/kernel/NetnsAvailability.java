package io.nflab.kernel;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * JUnit assumptions over {@link KernelSupport}: tests that need network namespaces (or a kernel lab,
 * or one program) call these first and are skipped, with the reason, where the machine lacks them.
 */
public final class NetnsAvailability {

    private NetnsAvailability() {
    }

    /** Empty when namespaces can be used; otherwise why not, as a sentence for a skipped test. */
    public static Optional<String> unavailableReason() {
        return KernelSupport.namespacesUnavailable();
    }

    public static boolean isAvailable() {
        return unavailableReason().isEmpty();
    }

    /** Skips the calling test (JUnit assumption) when namespaces are unavailable, saying why. */
    public static void assumeAvailable() {
        Optional<String> why = unavailableReason();
        Assumptions.assumeTrue(why.isEmpty(), () -> "network namespaces unavailable: " + why.orElse(""));
    }

    /** Skips the calling test when a {@link KernelLab} cannot run here (namespaces or programs missing). */
    public static void assumeKernelLab() {
        Optional<String> why = KernelSupport.labUnavailable();
        Assumptions.assumeTrue(why.isEmpty(), () -> "kernel labs unavailable: " + why.orElse(""));
    }

    /** Skips the calling test when {@code program} is not installed. */
    public static void assumeInstalled(String program) {
        Assumptions.assumeTrue(ProcessRunner.isInstalled(program),
                () -> "'" + program + "' is not installed (looked in " + ProcessRunner.SYSTEM_PATH + ")");
    }
}
