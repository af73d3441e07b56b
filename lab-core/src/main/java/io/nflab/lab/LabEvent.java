package io.nflab.lab;

import java.util.Objects;

/** Something that happened to the lab itself at lab time {@code nanos}: a fault, a node restarted, a member lost. */
public record LabEvent(long nanos, String text) {
    public LabEvent {
        Objects.requireNonNull(text, "text");
    }
}
