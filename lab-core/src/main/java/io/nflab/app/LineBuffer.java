package io.nflab.app;

import io.nflab.packet.Bytes;
import java.util.ArrayList;
import java.util.List;

/** Splits a byte stream into lines ending in CRLF (or a bare LF), without their ends; ISO-8859-1 text. */
final class LineBuffer {
    private final StringBuilder pending = new StringBuilder();

    /** Adds data and returns the lines it completed. */
    List<String> add(Bytes data) {
        for (int i = 0; i < data.length(); i++) {
            pending.append((char) data.get(i));
        }
        List<String> lines = new ArrayList<>();
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
            int end = newline > 0 && pending.charAt(newline - 1) == '\r' ? newline - 1 : newline;
            lines.add(pending.substring(0, end));
            pending.delete(0, newline + 1);
        }
        return lines;
    }
}
