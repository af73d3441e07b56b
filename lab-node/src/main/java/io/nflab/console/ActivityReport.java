package io.nflab.console;

import io.nflab.lab.Activity;
import io.nflab.lab.ClockText;
import io.nflab.lab.LabEvent;
import java.io.PrintWriter;

/**
 * Prints what one lab call did, as a terminal would show it: the command's stdout and stderr as the
 * tool wrote them, the lab's events ({@code [1.000s] …}), then the packets it caused, one line each
 * ({@link PacketSummary}), under a line saying how to trace them.
 */
public final class ActivityReport {
    /** Packet lines shown after a command; {@code packets} shows the rest. */
    public static final int SUMMARY_LIMIT = 20;

    private ActivityReport() {
    }

    public static void print(Activity activity, PrintWriter out) {
        printText(activity.stdout(), out);
        printText(activity.stderr(), out);
        for (LabEvent event : activity.events()) {
            out.println("[" + ClockText.millis(event.nanos()) + "] " + event.text());
        }
        if (!activity.packets().isEmpty()) {
            out.println(header(activity.packets().size()));
            PacketSummary.lines(activity.packets(), SUMMARY_LIMIT).forEach(out::println);
        }
        out.flush();
    }

    /** {@code 1 packet (trace ID tells its story):} and the like. */
    public static String header(int count) {
        return count == 1 ? "1 packet (trace ID tells its story):" : count + " packets (trace ID tells one's story):";
    }

    /** Text as written, with a final newline added when the tool left it out, so the next prompt starts a line. */
    private static void printText(String text, PrintWriter out) {
        if (text.isEmpty()) {
            return;
        }
        out.print(text);
        if (!text.endsWith("\n")) {
            out.println();
        }
    }
}
