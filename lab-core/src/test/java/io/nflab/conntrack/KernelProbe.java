package io.nflab.conntrack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link ProbeScenario} against the real kernel with ct_probe.py (three throwaway network
 * namespaces it creates and deletes). Tests using it skip, with the reason, where that is impossible:
 * not root, or ip/iptables/conntrack/python3 missing.
 */
final class KernelProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TOOLS = {"/usr/bin/python3", "ip", "iptables", "conntrack", "sysctl"};

    private KernelProbe() {
    }

    /** Skips the calling test unless the kernel can be probed. */
    static void assumeAvailable() {
        assumeTrue(isRoot(), "kernel comparison needs root (network namespaces)");
        for (String tool : TOOLS) {
            assumeTrue(onPath(tool), "kernel comparison needs " + tool);
        }
        assumeTrue(Files.isDirectory(Path.of("/proc/sys/net/netfilter")) || run("modprobe", "nf_conntrack") == 0,
                "kernel comparison needs nf_conntrack");
    }

    /** The kernel's result for every step, in order (see ct_probe.py for the fields). */
    static List<JsonNode> run(ProbeScenario scenario) {
        try {
            Path script = Path.of(KernelProbe.class.getResource("kernel/ct_probe.py").toURI());
            Path output = Files.createTempFile("ct_probe", ".json");
            Process process = new ProcessBuilder("/usr/bin/python3", script.toString())
                    .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            process.getOutputStream().write(JSON.writeValueAsBytes(scenario.json()));
            process.getOutputStream().close();
            boolean finished = process.waitFor(120, TimeUnit.SECONDS);
            if (!finished) {
                process.destroy(); // SIGTERM: ct_probe.py still deletes its namespaces
                process.waitFor(10, TimeUnit.SECONDS);
            }
            byte[] out = Files.readAllBytes(output);
            Files.delete(output);
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException("ct_probe.py failed: " + new String(out, StandardCharsets.UTF_8));
            }
            List<JsonNode> steps = new ArrayList<>();
            JSON.readTree(out).get("steps").forEach(steps::add);
            return steps;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").start();
            String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            return p.waitFor() == 0 && uid.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean onPath(String tool) {
        if (tool.startsWith("/")) {
            return Files.isExecutable(Path.of(tool));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    private static int run(String... command) {
        try {
            return new ProcessBuilder(command).start().waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
