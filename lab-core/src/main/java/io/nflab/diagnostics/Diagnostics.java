package io.nflab.diagnostics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the problems found while reading user files, so that one run reports all of them
 * rather than stopping at the first. Not thread-safe; one per validation run.
 */
public final class Diagnostics {
    private final List<Diagnostic> found = new ArrayList<>();
    private final Map<String, Integer> fileOrder = new LinkedHashMap<>();

    /** Records a problem at a place. */
    public void error(SourceLocation location, String message) {
        fileOrder.putIfAbsent(location.file(), fileOrder.size());
        found.add(new Diagnostic(location, message));
    }

    public boolean hasErrors() {
        return !found.isEmpty();
    }

    /** The number of problems recorded so far; compare before and after a step to learn whether it failed. */
    public int count() {
        return found.size();
    }

    /** Every problem, grouped by file in the order files were first named, then by line and column. */
    public List<Diagnostic> all() {
        List<Diagnostic> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.<Diagnostic>comparingInt(d -> fileOrder.get(d.location().file()))
                .thenComparingInt(d -> d.location().line())
                .thenComparingInt(d -> d.location().column()));
        return List.copyOf(sorted);
    }

    /** Throws a {@link ValidationException} listing every problem, if there is any. */
    public void throwIfAny() {
        if (hasErrors()) {
            throw new ValidationException(all());
        }
    }
}
