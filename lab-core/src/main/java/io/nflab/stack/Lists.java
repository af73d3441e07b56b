package io.nflab.stack;

import java.util.List;

/** Immutable copies of the short lists the packet path hands on (a frame or two, a fate or two). */
public final class Lists {
    private Lists() {
    }

    /**
     * An immutable copy of {@code list}, as {@link List#copyOf} makes it but without its intermediate array
     * for lists of up to two elements, the usual case per packet.
     */
    public static <T> List<T> copyOf(List<T> list) {
        return switch (list.size()) {
            case 0 -> List.of();
            case 1 -> List.of(list.get(0));
            case 2 -> List.of(list.get(0), list.get(1));
            default -> List.copyOf(list);
        };
    }
}
