package io.nflab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.kernel.KernelSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nflab verify-kernel}: the port-forward lab agrees with the kernel (root only); bad input exits 2. */
class VerifyKernelCommandTest {
    @TempDir
    Path dir;

    @Test
    void thePortForwardLabAgreesWithTheKernel() throws IOException {
        KernelSupport.labUnavailable().ifPresent(reason -> Assumptions.abort("no kernel labs here: " + reason));
        Path json = dir.resolve("report.json");
        CliRunner result = CliRunner.run("verify-kernel", "topologies/port-forward", "--report-json", json.toString());
        assertEquals(ExitCodes.OK, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("scenario port-forward: agrees with the kernel (5 of 7 steps compared"),
                result.out());
        assertFalse(result.out().contains("from the kernel ("), result.out());
        assertTrue(result.out().contains("step 3 (connect from client to 203.0.113.1:80/tcp) not compared"),
                result.out());
        String report = Files.readString(json);
        assertTrue(report.contains("\"agrees\" : true"), report);
        assertTrue(report.contains("\"interface\" : \"eth0\""), report);
    }

    @Test
    void aScenarioThisKernelCannotBuildIsNotComparableAndExitsTwo() {
        KernelSupport.labUnavailable().ifPresent(reason -> Assumptions.abort("no kernel labs here: " + reason));
        Assumptions.assumeTrue(Integer.parseInt(System.getProperty("os.version").split("\\.")[0]) >= 6,
                "Linux before 6.0 still has net.netfilter.nf_conntrack_helper");
        CliRunner result = CliRunner.run("verify-kernel", "topologies/ftp-passive/scenarios/auto-helper.yaml");
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode(), result.out() + result.err());
        assertTrue(result.out().contains("scenario auto-helper: not comparable: node gw: cannot set sysctl "
                + "net.netfilter.nf_conntrack_helper=1"), result.out());
        assertTrue(result.err().contains("not verified: auto-helper"), result.err());
    }

    @Test
    void aMissingScenarioIsBadInput() {
        CliRunner result = CliRunner.run("verify-kernel", dir.resolve("nothing.yaml").toString());
        assertEquals(ExitCodes.BAD_INPUT, result.exitCode());
        assertTrue(result.err().contains("nothing.yaml"), result.err());
    }
}
