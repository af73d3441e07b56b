package io.nflab.cli;

import io.nflab.diagnostics.IoErrors;
import io.nflab.diagnostics.UserInputException;
import io.nflab.scenario.Lab;
import io.nflab.scenario.LabLoader;
import io.nflab.scenario.Scenario;
import io.nflab.scenario.ScenarioLoader;
import io.nflab.topology.TopologyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nflab validate PATH}: checks a lab folder (its topology and every scenario), a topology file or
 * a scenario file (with its topology). A valid one is summarized and exits 0; every problem is printed
 * as {@code FILE:LINE:COLUMN: message} on stderr and exits 2.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a lab, topology or scenario file and summarize it.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", description = "a lab folder, a topology or scenario file, or a lab name"
            + " like port-forward")
    private String path;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        Path target = LabLocator.fromSystem().locate(path);
        String summary;
        if (Files.isDirectory(target)) {
            Lab lab = LabLoader.load(target);
            summary = LabSummary.of(lab.topology(), lab.scenarios());
        } else if (isScenario(target)) {
            Scenario scenario = ScenarioLoader.load(target);
            summary = LabSummary.of(scenario.topology(), List.of(scenario));
        } else {
            summary = LabSummary.of(TopologyLoader.load(target), List.of());
        }
        spec.commandLine().getOut().print(summary);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private static boolean isScenario(Path file) {
        try {
            return ScenarioLoader.isScenario(file);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + IoErrors.describe(e));
        }
    }
}
