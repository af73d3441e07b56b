package io.nflab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Has scapy (an independent implementation) decode nflab's bytes and build them again from the decoded
 * fields with its own lengths and checksums, and has nflab decode bytes scapy built from scratch.
 * Skipped where /usr/bin/python3 with scapy is missing; sends no traffic.
 */
class ScapyCompatibilityTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path directory;
    private static Path script;

    @BeforeAll
    static void findScapy() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "skipped: /usr/bin/python3 is missing");
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import scapy.all").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "skipped: scapy is not installed for /usr/bin/python3");
        script = directory.resolve("scapy_check.py");
        try (InputStream in = ScapyCompatibilityTest.class.getResourceAsStream("scapy_check.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void scapyReadsOurPacketsAndBuildsTheSameBytes() throws Exception {
        List<Ipv4Packet> packets = new ArrayList<>(
                PacketSamples.packets().stream().filter(ScapyCompatibilityTest::scapyReadsExactly).toList());
        Random random = new Random(99);
        while (packets.size() < 600) {
            Ipv4Packet packet = PacketSamples.random(random);
            if (scapyReadsExactly(packet)) {
                packets.add(packet);
            }
        }
        List<String> lines = new ArrayList<>();
        for (Ipv4Packet packet : packets) {
            lines.add("ip " + HEX.formatHex(WireFormat.encode(packet)));
        }
        List<EthernetFrame> frames = PacketSamples.frames().stream()
                .filter(frame -> !(frame.payload() instanceof Ipv4Packet ip) || scapyReadsExactly(ip)).toList();
        for (EthernetFrame frame : frames) {
            lines.add("ether " + HEX.formatHex(WireFormat.encode(frame)));
        }
        List<String> answers = run("decode", lines);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode answer = JSON.readTree(answers.get(i));
            String sent = lines.get(i).substring(lines.get(i).indexOf(' ') + 1);
            Object packet = i < packets.size() ? packets.get(i) : frames.get(i - packets.size());
            assertEquals(sent, answer.get("rebuilt").asText(), () -> "scapy builds other bytes for " + packet);
            ScapyFields.assertMatches(packet, answer.get("fields"));
        }
    }

    @Test
    void weReadWhatScapyBuilds() throws Exception {
        for (String line : run("build", List.of())) {
            String[] parts = line.split("\t");
            Ipv4Packet expected = PacketText.parse(parts[0]);
            byte[] bytes = HEX.parseHex(parts[1]);
            assertEquals(expected, WireFormat.decodeIpv4(bytes), parts[0]);
            assertEquals(parts[1], HEX.formatHex(WireFormat.encode(expected)), parts[0]);
        }
    }

    /**
     * Scapy reads the bodies of ICMP timestamp and address-mask messages as fixed fields (12 and 4
     * bytes) and writes them out in full; such messages with other body lengths are left out.
     */
    private static boolean scapyReadsExactly(Ipv4Packet packet) {
        if (packet.transport() instanceof IcmpQuery query) {
            int type = query.type().number();
            int length = query.payload().length();
            return (type != 13 && type != 14 || length == 12) && (type != 17 && type != 18 || length == 4);
        }
        return true;
    }

    private static List<String> run(String mode, List<String> input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Thread feeder = new Thread(() -> {
            try (Writer writer = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII)) {
                for (String line : input) {
                    writer.write(line);
                    writer.write('\n');
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        feeder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
            }
        }
        feeder.join();
        assertEquals(0, process.waitFor(), "scapy_check.py " + mode + " failed (its errors are above)");
        if (mode.equals("decode")) {
            assertEquals(input.size(), output.size(), "one answer per packet");
        }
        return output;
    }
}
