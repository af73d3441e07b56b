package io.nflab.lab;

import io.nflab.app.ConnectClient;
import io.nflab.app.Program;
import io.nflab.app.UdpClient;
import io.nflab.socket.Outcome;
import java.util.Objects;
import java.util.Optional;

/** A client program running on a node, with the connection outcome it reports (connect, nc) if any. */
public final class RunningClient {
    private final Program program;

    private RunningClient(Program program) {
        this.program = Objects.requireNonNull(program, "program");
    }

    public static RunningClient of(Program program) {
        return new RunningClient(program);
    }

    public boolean isFinished() {
        return program.isFinished();
    }

    /** What a {@code connect}/{@code nc} client made of its connection; empty for other programs. */
    public Optional<Outcome> outcome() {
        if (program instanceof ConnectClient connect) {
            return Optional.of(connect.outcome());
        }
        if (program instanceof UdpClient udp) {
            return Optional.of(udp.outcome());
        }
        return Optional.empty();
    }

    /** The finished program's output and outcome. */
    public ClientResult result() {
        var output = program.output();
        return new ClientResult(output.stdout(), output.stderr(), output.exitCode(), outcome());
    }
}
