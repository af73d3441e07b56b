package io.nflab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host program with a fixed, minimal environment ({@code PATH} of the system directories,
 * {@code LC_ALL=C}), feeds it stdin, and captures exit code, stdout and stderr, killing it when it
 * outlives its timeout. The environment is the one tools/iptables-corpus/generate uses, so that
 * programs print the same text in both. Every command is first checked by {@link HostGuard}: programs
 * that change network state run only inside a network namespace.
 */
public final class ProcessRunner {

    /** The PATH every program gets; also where {@link #resolve} looks. */
    public static final List<String> SYSTEM_PATH = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    private static final Map<String, String> ENVIRONMENT =
            Map.of("PATH", String.join(":", SYSTEM_PATH), "LC_ALL", "C");

    private ProcessRunner() {
    }

    /** Runs {@code argv} with empty stdin. */
    public static ProcessResult run(List<String> argv, Duration timeout) {
        return run(argv, "", timeout);
    }

    /**
     * Runs {@code argv} (argv[0] is looked up in {@link #SYSTEM_PATH} unless it is a path), writes
     * {@code stdin} to it, and waits at most {@code timeout}.
     *
     * @throws KernelCommandException when the program cannot be started, {@link HostGuard} refuses it,
     *                                or it does not finish in time
     */
    public static ProcessResult run(List<String> argv, String stdin, Duration timeout) {
        Process process = start(argv);
        CompletableFuture<byte[]> stdout = drain(process.getInputStream());
        CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
        feed(process.getOutputStream(), stdin);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
                throw new KernelCommandException("'" + String.join(" ", argv) + "' did not finish within "
                        + timeout.toMillis() + " ms and was killed");
            }
            return new ProcessResult(process.exitValue(), text(stdout), text(stderr));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new KernelCommandException("interrupted while running '" + String.join(" ", argv) + "'", e);
        }
    }

    /**
     * Starts {@code argv} (checked and resolved like {@link #run}) with the fixed environment and
     * leaves it running; the caller owns its streams and must end it.
     *
     * @throws KernelCommandException when the program cannot be started or {@link HostGuard} refuses it
     */
    public static Process start(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        HostGuard.check(argv);
        List<String> command = new ArrayList<>(argv);
        command.set(0, resolve(argv.get(0)));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(ENVIRONMENT);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new KernelCommandException("cannot start '" + String.join(" ", argv) + "': " + e.getMessage(), e);
        }
    }

    /** Runs {@code argv} and insists on exit code 0. */
    public static ProcessResult runChecked(List<String> argv, Duration timeout) {
        ProcessResult result = run(argv, timeout);
        if (!result.succeeded()) {
            throw new KernelCommandException("'" + String.join(" ", argv) + "' exited with " + result.exitCode()
                    + (result.stderr().isBlank() ? "" : ": " + result.stderr().strip()));
        }
        return result;
    }

    /** The absolute path of a program in {@link #SYSTEM_PATH}, or the name unchanged when not found. */
    public static String resolve(String program) {
        if (program.contains("/")) {
            return program;
        }
        for (String directory : SYSTEM_PATH) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return program;
    }

    /** Whether {@link #resolve} finds {@code program}. */
    public static boolean isInstalled(String program) {
        return resolve(program).contains("/");
    }

    private static void feed(OutputStream in, String stdin) {
        try (in) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // The program exited without reading all of its input; what it printed still counts.
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        CompletableFuture<byte[]> bytes = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                bytes.complete(stream.readAllBytes());
            } catch (IOException e) {
                bytes.completeExceptionally(e);
            }
        }, "process-output-reader");
        reader.setDaemon(true);
        reader.start();
        return bytes;
    }

    private static String text(CompletableFuture<byte[]> bytes) throws InterruptedException {
        try {
            return new String(bytes.get(), StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("cannot read process output", (IOException) e.getCause());
        }
    }
}
