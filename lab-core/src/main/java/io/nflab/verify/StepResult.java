package io.nflab.verify;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one scenario step did on one side (kernel or emulator).
 *
 * @param number      the step's number, from 1
 * @param action      the step's action, as text
 * @param notRun      why the step was not run on this side (then nothing else is set)
 * @param sendFailure for a {@code send}: the error of the sending system call ({@code EPERM} when the sender's
 *                    OUTPUT or POSTROUTING dropped it)
 * @param receptions  every packet any interface received meanwhile, per interface in the order they came
 * @param output      for a command: its output
 */
public record StepResult(int number, String action, Optional<String> notRun, Optional<String> sendFailure,
                         List<Reception> receptions, Optional<CommandOutput> output) {
    public StepResult {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(notRun, "notRun");
        Objects.requireNonNull(sendFailure, "sendFailure");
        receptions = List.copyOf(receptions);
        Objects.requireNonNull(output, "output");
    }

    static StepResult skipped(int number, String action, String reason) {
        return new StepResult(number, action, Optional.of(reason), Optional.empty(), List.of(), Optional.empty());
    }
}
