package io.nflab.scenario;

import java.util.Objects;

/** What a command's output must be: exactly a text, or containing it. */
public sealed interface TextMatch permits TextMatch.Equals, TextMatch.Contains {

    boolean test(String output);

    /** The whole output, byte for byte (YAML's {@code |} keeps the final newline commands print). */
    record Equals(String text) implements TextMatch {
        public Equals {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean test(String output) {
            return output.equals(text);
        }
    }

    /** The text appears somewhere in the output. */
    record Contains(String text) implements TextMatch {
        public Contains {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public boolean test(String output) {
            return output.contains(text);
        }
    }
}
