package io.nflab.cli;

import io.nflab.diagnostics.IoErrors;
import io.nflab.diagnostics.UserInputException;
import io.nflab.replay.HumanReport;
import io.nflab.replay.JsonReport;
import io.nflab.replay.JunitReport;
import io.nflab.replay.ReplayResult;
import io.nflab.replay.Replayer;
import io.nflab.scenario.Lab;
import io.nflab.scenario.LabLoader;
import io.nflab.scenario.Scenario;
import io.nflab.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nflab replay SCENARIO… [--report-json FILE] [--junit FILE] [--engine actors|local] [--seed HOST:PORT …]}:
 * replays each
 * scenario (a scenario file, or every scenario of a lab folder or lab name) on a fresh lab, prints the
 * summary and writes the reports. Exit 0 when every expectation held, 1 when one failed, 2 for bad input
 * (problems as {@code FILE:LINE:COLUMN: message}, nothing replayed) or a step the lab refused. See
 * docs/replay.md.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay scenarios on their labs and check every expectation.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every expectation held",
            "1:an expectation failed",
            "2:bad input (usage, topology, scenario), or a step the lab could not run"
        })
final class ReplayCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "SCENARIO",
            description = "a scenario file, or a lab folder or lab name (all its scenarios/*.yaml)")
    private List<String> scenarios;

    @Option(names = "--report-json", paramLabel = "FILE", description = "write the JSON replay report to FILE")
    private Path json;

    @Option(names = "--junit", paramLabel = "FILE", description = "write a JUnit XML report to FILE")
    private Path junit;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "actors", converter = LabEngine.Converter.class,
            description = "how the labs run: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    private LabEngine engine;

    @Mixin
    private MemberOptions member;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (json != null) {
            ReportFile.checkWritable(json);
        }
        if (junit != null) {
            ReportFile.checkWritable(junit);
        }
        List<Scenario> all = new ArrayList<>();
        LabLocator locator = LabLocator.fromSystem();
        for (String argument : scenarios) {
            all.addAll(load(argument, locator.locate(argument)));
        }
        ReplayResult result;
        try (LabEngine.Labs labs = engine.start(member.settings())) {
            result = new Replayer(labs, Clock.systemUTC()).replay(all);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(HumanReport.of(result));
        out.flush();
        if (json != null) {
            ReportFile.write(json, JsonReport.text(result));
        }
        if (junit != null) {
            ReportFile.write(junit, JunitReport.text(result));
        }
        return switch (result.status()) {
            case PASSED -> ExitCodes.OK;
            case FAILED -> ExitCodes.CHECK_FAILED;
            case ERROR -> ExitCodes.BAD_INPUT;
        };
    }

    /** The scenarios {@code argument} names: one file, or every scenario of a lab folder. */
    private static List<Scenario> load(String argument, Path path) {
        if (Files.isDirectory(path)) {
            Lab lab = LabLoader.load(path);
            if (lab.scenarios().isEmpty()) {
                throw new UserInputException("lab `" + argument + "' has no scenarios (no "
                        + path.resolve(LabLoader.SCENARIOS_FOLDER).resolve("*.yaml") + ")");
            }
            return lab.scenarios();
        }
        try {
            if (!ScenarioLoader.isScenario(path)) {
                throw new UserInputException(path + " is not a scenario (it has no `steps'); give a scenario file,"
                        + " a lab folder or a lab name");
            }
        } catch (IOException e) {
            throw new UserInputException("cannot read " + path + ": " + IoErrors.describe(e));
        }
        return List.of(ScenarioLoader.load(path));
    }
}
