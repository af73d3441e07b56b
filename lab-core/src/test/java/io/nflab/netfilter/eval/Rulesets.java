package io.nflab.netfilter.eval;

import io.nflab.iptables.CommandResult;
import io.nflab.iptables.Iptables;
import io.nflab.netfilter.Netfilter;
import java.util.ArrayList;
import java.util.List;

/** Builds rulesets for tests with the emulated iptables command language. */
final class Rulesets {
    private Rulesets() {
    }

    /** A netfilter after running each line (iptables arguments, e.g. {@code -t nat -A PREROUTING …}). */
    static Netfilter of(String... commands) {
        Netfilter netfilter = Netfilter.empty();
        apply(netfilter, commands);
        return netfilter;
    }

    static void apply(Netfilter netfilter, String... commands) {
        for (String command : commands) {
            List<String> argv = new ArrayList<>();
            argv.add("iptables");
            argv.addAll(words(command));
            CommandResult result = Iptables.execute(netfilter, argv, "");
            if (result.exitCode() != 0) {
                throw new IllegalArgumentException("iptables " + command + " failed: " + result.stderr());
            }
        }
    }

    /** Blank-separated words; double quotes group. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (c == ' ' && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
