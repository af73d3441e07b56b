package io.nflab.iptables;

import java.util.List;

/**
 * One case file of the corpus: a sequence of commands run in order in one fresh namespace
 * (each case starts from an empty ruleset), with their recorded outcomes.
 *
 * @param name file name without {@code .cmds}, e.g. {@code 13-chains}
 * @param description the comment lines at the top of the case file, without their {@code #}
 * @param steps the commands in file order
 */
public record CorpusCase(String name, String description, List<CorpusStep> steps) {

    public CorpusCase {
        steps = List.copyOf(steps);
    }

    @Override
    public String toString() {
        return name;
    }
}
