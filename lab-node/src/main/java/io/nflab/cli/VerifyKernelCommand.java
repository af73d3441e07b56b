package io.nflab.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nflab.diagnostics.UserInputException;
import io.nflab.kernel.KernelLabException;
import io.nflab.kernel.KernelLabOptions;
import io.nflab.kernel.KernelSupport;
import io.nflab.lab.LocalLab;
import io.nflab.scenario.LabLoader;
import io.nflab.scenario.Scenario;
import io.nflab.scenario.ScenarioLoader;
import io.nflab.verify.KernelScenarioRunner;
import io.nflab.verify.LabScenarioRunner;
import io.nflab.verify.SideRun;
import io.nflab.verify.StepPlan;
import io.nflab.verify.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nflab verify-kernel SCENARIO [--report-json FILE]}: replays a scenario (or every scenario of a lab) in
 * the real kernel — throwaway network namespaces, always deleted — and on the emulator, and prints every
 * difference per packet, counter and conntrack entry. A scenario whose kernel lab cannot be built on this kernel
 * (a sysctl it lacks, say) is reported {@code not comparable} with the reason, and the others still run. Exits 0
 * when every scenario was compared and agrees, 1 when one differs, otherwise 2: some scenario was not comparable,
 * no root or {@code ip netns}, or bad input. See docs/fidelity.md.
 */
@Command(name = "verify-kernel", mixinStandardHelpOptions = true,
        description = "Replay a scenario in the Linux kernel (network namespaces, needs root) and on the emulator,"
                + " and show where they differ.")
final class VerifyKernelCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", description = "a scenario file, a lab folder (every scenario of it) or a"
            + " lab name like port-forward")
    private String path;

    @Option(names = "--report-json", paramLabel = "FILE", description = "write both runs and the differences as JSON")
    private Path reportJson;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (reportJson != null) {
            ReportFile.checkWritable(reportJson);
        }
        List<Scenario> scenarios = scenarios(LabLocator.fromSystem().locate(path));
        Optional<String> unavailable = KernelSupport.labUnavailable();
        if (unavailable.isPresent()) {
            err.println("nflab verify-kernel: cannot build kernel labs on this machine: " + unavailable.get());
            return ExitCodes.BAD_INPUT;
        }
        List<VerifyReport> reports = new ArrayList<>();
        List<String> notComparable = new ArrayList<>();
        List<String> json = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            SideRun kernel;
            try {
                kernel = KernelScenarioRunner.run(scenario, StepPlan.DEFAULT, KernelLabOptions.DEFAULT);
            } catch (KernelLabException e) {
                out.println("scenario " + scenario.name() + ": not comparable: " + e.getMessage());
                out.flush();
                notComparable.add(scenario.name());
                json.add(notComparableJson(scenario.name(), e.getMessage()));
                continue;
            }
            SideRun nflab;
            try (LocalLab lab = LocalLab.start(scenario.topology())) {
                nflab = LabScenarioRunner.run(scenario, StepPlan.DEFAULT, lab);
            }
            VerifyReport report = VerifyReport.of(scenario.name(), kernel, nflab);
            reports.add(report);
            json.add(report.json());
            out.print(report.text());
            out.flush();
        }
        if (reportJson != null) {
            writeJson(json);
        }
        if (!reports.stream().allMatch(VerifyReport::agrees)) {
            return ExitCodes.CHECK_FAILED;
        }
        if (!notComparable.isEmpty()) {
            err.println("nflab verify-kernel: not verified: " + String.join(", ", notComparable)
                    + " (not comparable on this machine, see above)");
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.OK;
    }

    private static String notComparableJson(String scenario, String reason) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("scenario", scenario).put("comparable", false)
                .put("reason", reason);
        return node.toPrettyString() + "\n";
    }

    private static List<Scenario> scenarios(Path target) {
        if (Files.isDirectory(target)) {
            List<Scenario> all = LabLoader.load(target).scenarios();
            if (all.isEmpty()) {
                throw new UserInputException(target + ": the lab has no scenarios to verify");
            }
            return all;
        }
        return List.of(ScenarioLoader.load(target));
    }

    private void writeJson(List<String> reports) {
        String json = reports.size() == 1 ? reports.get(0)
                : reports.stream().map(String::strip)
                        .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
        ReportFile.write(reportJson, json);
    }
}
