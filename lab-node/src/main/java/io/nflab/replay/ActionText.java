package io.nflab.replay;

import io.nflab.scenario.Action;
import io.nflab.scenario.DurationText;
import io.nflab.scenario.Fault;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One line of text for a step's action, the way a user would type it on the node's console:
 * {@code client: send tcp 203.0.113.10:40000 > 203.0.113.1:80 flags S}, {@code gw: iptables -t nat -S},
 * {@code fault: link-down gw eth1}, {@code clock: advance 5m}.
 */
public final class ActionText {
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=,+@%-]+");

    private ActionText() {
    }

    public static String of(Action action) {
        if (action instanceof Action.Send send) {
            return send.from() + ": send " + send.packet();
        }
        if (action instanceof Action.AdvanceClock clock) {
            return "clock: advance " + DurationText.format(clock.advance());
        }
        if (action instanceof Fault fault) {
            return "fault: " + fault.type() + " " + faultTarget(fault);
        }
        ActionCalls.NodeCommand command = ActionCalls.commandOf(action).orElseThrow();
        return command.node() + ": " + shellLine(command.argv());
    }

    private static String faultTarget(Fault fault) {
        if (fault instanceof Fault.Link link) {
            return link.node() + " " + link.iface();
        }
        if (fault instanceof Fault.Crash crash) {
            return crash.node();
        }
        if (fault instanceof Fault.Restart restart) {
            return restart.node();
        }
        Fault.Loss loss = (Fault.Loss) fault;
        return loss.segment() + " " + new java.math.BigDecimal(Double.toString(loss.percent()))
                .stripTrailingZeros().toPlainString() + "%";
    }

    /** The words joined by spaces, quoted with {@code '…'} where a shell would need it. */
    static String shellLine(List<String> argv) {
        return argv.stream()
                .map(w -> PLAIN_WORD.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }
}
