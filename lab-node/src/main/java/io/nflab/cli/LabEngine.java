package io.nflab.cli;

import io.nflab.lab.LabSession;
import io.nflab.lab.LocalLab;
import io.nflab.topology.Topology;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** How a command runs a lab: in-process on one thread ({@code local}) or as Akka actors ({@code actors}). */
enum LabEngine {
    /** {@link LocalLab}: every node's stack in this thread, deterministic and fast. */
    LOCAL {
        @Override
        LabSession open(Topology topology) {
            return LocalLab.start(topology);
        }
    };

    /** Starts a lab of {@code topology}; the caller closes it. */
    abstract LabSession open(Topology topology);

    /** The word on the command line: {@code local}, {@code actors}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code --engine WORD}, naming the engines there are when the word is none of them. */
    static final class Converter implements CommandLine.ITypeConverter<LabEngine> {
        @Override
        public LabEngine convert(String word) {
            for (LabEngine engine : values()) {
                if (engine.toString().equals(word)) {
                    return engine;
                }
            }
            throw new CommandLine.TypeConversionException("no engine `" + word + "'; the engines are: "
                    + Arrays.stream(values()).map(LabEngine::toString).collect(Collectors.joining(", ")));
        }
    }
}
