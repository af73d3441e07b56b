package io.nflab.cli;

import io.nflab.diagnostics.IoErrors;
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
import java.io.IOException;
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
 * difference per packet, counter and conntrack entry. Exits 0 when they agree, 1 when they differ, 2 without
 * root or {@code ip netns}, or on bad input. See docs/fidelity.md.
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
        List<Scenario> scenarios = scenarios(LabLocator.fromSystem().locate(path));
        Optional<String> unavailable = KernelSupport.labUnavailable();
        if (unavailable.isPresent()) {
            err.println("nflab verify-kernel: cannot build kernel labs on this machine: " + unavailable.get());
            return ExitCodes.BAD_INPUT;
        }
        List<VerifyReport> reports = new ArrayList<>();
        try {
            for (Scenario scenario : scenarios) {
                SideRun kernel = KernelScenarioRunner.run(scenario, StepPlan.DEFAULT, KernelLabOptions.DEFAULT);
                SideRun nflab;
                try (LocalLab lab = LocalLab.start(scenario.topology())) {
                    nflab = LabScenarioRunner.run(scenario, StepPlan.DEFAULT, lab);
                }
                VerifyReport report = VerifyReport.of(scenario.name(), kernel, nflab);
                reports.add(report);
                out.print(report.text());
                out.flush();
            }
        } catch (KernelLabException e) {
            err.println("nflab verify-kernel: " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        if (reportJson != null) {
            writeJson(reports);
        }
        return reports.stream().allMatch(VerifyReport::agrees) ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
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

    private void writeJson(List<VerifyReport> reports) {
        String json = reports.size() == 1 ? reports.get(0).json()
                : reports.stream().map(VerifyReport::json).map(String::strip)
                        .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
        try {
            Files.writeString(reportJson, json);
        } catch (IOException e) {
            throw new UserInputException("cannot write " + reportJson + ": " + IoErrors.describe(e));
        }
    }
}
