package io.nflab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessRunnerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void capturesExitCodeStdoutAndStderrSeparately() {
        ProcessResult result = ProcessRunner.run(List.of("sh", "-c", "printf 'out\\n'; printf 'err' >&2; exit 3"),
                TIMEOUT);

        assertEquals(new ProcessResult(3, "out\n", "err"), result);
        assertFalse(result.succeeded());
    }

    @Test
    void feedsStdinAndUsesTheFixedEnvironment() {
        assertEquals("rules\nmore\n", ProcessRunner.run(List.of("cat"), "rules\nmore\n", TIMEOUT).stdout());
        assertEquals("C /usr/sbin:/usr/bin:/sbin:/bin\n",
                ProcessRunner.run(List.of("sh", "-c", "echo $LC_ALL $PATH"), TIMEOUT).stdout());
    }

    @Test
    void killsAProgramThatOutlivesItsTimeout() {
        long start = System.nanoTime();
        KernelCommandException e = assertThrows(KernelCommandException.class,
                () -> ProcessRunner.run(List.of("sleep", "10"), Duration.ofMillis(200)));

        assertEquals("'sleep 10' did not finish within 200 ms and was killed", e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void reportsProgramsThatCannotStartOrFail() {
        assertTrue(assertThrows(KernelCommandException.class,
                () -> ProcessRunner.run(List.of("nflab-no-such-program"), TIMEOUT)).getMessage()
                .startsWith("cannot start 'nflab-no-such-program': "));
        assertEquals("'sh -c echo oops >&2; exit 1' exited with 1: oops", assertThrows(KernelCommandException.class,
                () -> ProcessRunner.runChecked(List.of("sh", "-c", "echo oops >&2; exit 1"), TIMEOUT)).getMessage());
    }

    @Test
    void resolvesProgramsInTheSystemPath() {
        assertTrue(ProcessRunner.resolve("sh").startsWith("/"));
        assertEquals("./local", ProcessRunner.resolve("./local"));
        assertFalse(ProcessRunner.isInstalled("nflab-no-such-program"));
    }
}
