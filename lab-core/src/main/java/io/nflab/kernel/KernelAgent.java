package io.nflab.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nflab.address.Ipv4Address;
import io.nflab.topology.ServiceSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's side of the kernel agent ({@code kernel_agent.py} beside this class): one Python process
 * per lab, started inside the lab's switch namespace, that holds a capture socket, a raw IP socket
 * and the listening service sockets in every node namespace, and injects and captures on request.
 * One JSON object per line each way. The agent refuses to work in the JVM's own namespace, which is
 * passed to it as the inode of {@code /proc/self/ns/net}.
 */
final class KernelAgent implements AutoCloseable {

    /** The interpreter, looked up in {@link ProcessRunner#SYSTEM_PATH} (the system's, standard library only). */
    static final String PYTHON = "python3";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration REPLY_MARGIN = Duration.ofSeconds(10);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(2);
    private static final String END_OF_OUTPUT = "";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** A node's namespace and the services whose sockets the agent opens there. */
    record NodeSockets(String node, String netns, List<ServiceSpec> services) {
    }

    /** A frame as the agent reported it. */
    record Capture(String node, String iface, int packetType, long afterNanos, byte[] bytes) {
    }

    /** What an injection gave: the system call's failure, if any, and the frames captured. */
    record Outcome(Optional<SendFailure> failure, List<Capture> captures) {
    }

    private final Process process;
    private final Writer requests;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final StringBuffer errors = new StringBuffer();
    /** Set when the agent stopped answering in step with its requests; later requests fail at once. */
    private String broken;

    private KernelAgent(Process process) {
        this.process = process;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon("kernel-agent-replies", () -> readLines(process.getInputStream()));
        daemon("kernel-agent-errors", () -> collectErrors(process.getErrorStream()));
    }

    /** Starts the agent in {@code switchNamespace} and opens its sockets in every node's namespace. */
    static KernelAgent start(Netns switchNamespace, List<NodeSockets> nodes) {
        KernelAgent agent = new KernelAgent(switchNamespace.start(List.of(PYTHON, "-I", "-S", "-c", script(),
                Long.toString(hostNamespaceInode()))));
        try {
            List<Map<String, Object>> specs = new ArrayList<>();
            for (NodeSockets node : nodes) {
                List<Map<String, Object>> services = node.services().stream()
                        .map(s -> Map.<String, Object>of("proto", s.proto().keyword(), "port", s.port())).toList();
                specs.add(Map.of("node", node.node(), "netns", node.netns(), "services", services));
            }
            agent.request(Map.of("op", "open", "nodes", specs), START_TIMEOUT);
            return agent;
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
    }

    /** Sends {@code packet} (its exact bytes) from {@code node}'s raw socket towards {@code destination}. */
    Outcome send(String node, Ipv4Address destination, byte[] packet, Settle settle) {
        Map<String, Object> request = injection("send", settle);
        request.put("node", node);
        request.put("destination", destination.toString());
        request.put("bytes", HEX.formatHex(packet));
        return outcome(request(request, settle.limit().plus(REPLY_MARGIN)));
    }

    /** Writes {@code frame} (its exact bytes) to the switch namespace's interface {@code port}. */
    Outcome deliver(String port, byte[] frame, Settle settle) {
        Map<String, Object> request = injection("deliver", settle);
        request.put("port", port);
        request.put("bytes", HEX.formatHex(frame));
        return outcome(request(request, settle.limit().plus(REPLY_MARGIN)));
    }

    /** Asks the agent to quit, and kills it when it does not within a moment. */
    @Override
    public void close() {
        try {
            requests.write("{\"op\":\"quit\"}\n");
            requests.close();
        } catch (IOException e) {
            // The agent is gone already.
        }
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> injection(String op, Settle settle) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", op);
        request.put("quietMillis", settle.quiet().toMillis());
        request.put("limitMillis", settle.limit().toMillis());
        return request;
    }

    private static Outcome outcome(JsonNode result) {
        JsonNode failure = result.get("failure");
        List<Capture> captures = new ArrayList<>();
        for (JsonNode frame : result.get("frames")) {
            captures.add(new Capture(frame.get("node").asText(), frame.get("interface").asText(),
                    frame.get("pkttype").asInt(), frame.get("time").asLong(), HEX.parseHex(frame.get("bytes").asText())));
        }
        return new Outcome(failure.isNull() ? Optional.empty()
                : Optional.of(new SendFailure(failure.get("errno").asText(), failure.get("message").asText())), captures);
    }

    private synchronized JsonNode request(Map<String, Object> request, Duration timeout) {
        if (broken != null) {
            throw failed("unusable since: " + broken);
        }
        String line = exchange(request, timeout);
        try {
            JsonNode reply = JSON.readTree(line);
            if (!reply.get("ok").asBoolean()) {
                throw failed(reply.get("error").asText());
            }
            return reply.get("result");
        } catch (JsonProcessingException e) {
            broken = "unreadable answer '" + line + "'";
            throw failed(broken);
        }
    }

    /** Writes a request and waits for its reply line; any failure here leaves the agent broken. */
    private String exchange(Map<String, Object> request, Duration timeout) {
        String line;
        try {
            requests.write(JSON.writeValueAsString(request) + "\n");
            requests.flush();
            line = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            broken = "cannot talk to it: " + e.getMessage();
            throw failed(broken);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broken = "interrupted while waiting for it";
            throw failed(broken);
        }
        if (line == null) {
            broken = "no answer to '" + request.get("op") + "' within " + timeout.toMillis() + " ms";
            throw failed(broken);
        }
        if (line.equals(END_OF_OUTPUT)) {
            replies.add(END_OF_OUTPUT);
            broken = "it exited";
            throw failed(broken);
        }
        return line;
    }

    private KernelCommandException failed(String problem) {
        String stderr = errors.toString().strip();
        return new KernelCommandException("kernel agent: " + problem + (stderr.isEmpty() ? "" : "; it printed: " + stderr));
    }

    private void readLines(InputStream stdout) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                replies.add(line);
            }
        } catch (IOException e) {
            // The process ended; END_OF_OUTPUT tells the waiting request.
        }
        replies.add(END_OF_OUTPUT);
    }

    private void collectErrors(InputStream stderr) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                errors.append(line).append('\n');
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static String script() {
        try (InputStream in = KernelAgent.class.getResourceAsStream("kernel_agent.py")) {
            if (in == null) {
                throw new IllegalStateException("kernel_agent.py is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kernel_agent.py", e);
        }
    }

    /** The inode of the JVM's network namespace: the one the agent must never work in. */
    private static long hostNamespaceInode() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self/ns/net"), "unix:ino")).longValue();
        } catch (IOException e) {
            throw new KernelCommandException("cannot identify this process's network namespace: " + e.getMessage(), e);
        }
    }
}
