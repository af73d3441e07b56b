package io.nflab.app;

/**
 * What every client program shares: it writes to a {@link ProgramOutput}, is finished once it has exited,
 * and is started by building it and then beginning it at a lab time ({@link #started}).
 */
public abstract sealed class ClientProgram implements Program
        permits ConnectClient, FtpClient, PingClient, TracerouteClient, UdpClient {
    /** Where the program prints and exits. */
    final ProgramOutput output = new ProgramOutput();

    ClientProgram() {
    }

    /** Starts the program at {@code now}: opens its sockets, sends its first packets or fails at once. */
    abstract void begin(long now);

    /** {@code program}, begun at {@code now}: the last step of every client's {@code start} factory. */
    static <P extends ClientProgram> P started(P program, long now) {
        program.begin(now);
        return program;
    }

    @Override
    public final boolean isFinished() {
        return output.exited();
    }

    @Override
    public final ToolOutput output() {
        return output.snapshot();
    }
}
