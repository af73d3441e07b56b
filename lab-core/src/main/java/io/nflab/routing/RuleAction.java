package io.nflab.routing;

import io.nflab.link.Errno;
import java.util.Optional;

/**
 * What a matching rule does (the kernel's {@code FR_ACT_*}, which {@code ip rule add type T} sets to the number
 * of the route type {@code T}): look a table up, jump to another rule, do nothing, or end the lookup with an
 * error. The numbers 4, 5 and 9 (anycast, multicast, throw) are reserved in the kernel and fail a lookup
 * with EINVAL, as blackhole does.
 */
public enum RuleAction {
    /** {@code lookup TABLE} ({@code type unicast}). */
    TO_TABLE(1, "unicast"),
    /** {@code goto PRIORITY} ({@code type local}). */
    GOTO(2, "local"),
    /** {@code nop} ({@code type broadcast}): the rule only matches. */
    NOP(3, "broadcast"),
    /** {@code type anycast}: reserved, fails with EINVAL. */
    ANYCAST(4, "anycast"),
    /** {@code type multicast}: reserved, fails with EINVAL. */
    MULTICAST(5, "multicast"),
    /** {@code blackhole}: EINVAL, nothing answers. */
    BLACKHOLE(6, "blackhole"),
    /** {@code unreachable}: ENETUNREACH (ICMP network unreachable for forwarded packets). */
    UNREACHABLE(7, "unreachable"),
    /** {@code prohibit}: EACCES (ICMP administratively prohibited for forwarded packets). */
    PROHIBIT(8, "prohibit"),
    /** {@code type throw}: reserved, fails with EINVAL. */
    THROW(9, "throw");

    private final int number;
    private final String typeName;

    RuleAction(int number, String typeName) {
        this.number = number;
        this.typeName = typeName;
    }

    /** The {@code FR_ACT_*} number, which is the route type number {@code ip rule} sends for {@code type T}. */
    public int number() {
        return number;
    }

    /** The route type name iproute2 prints (and reads) for this number. */
    public String typeName() {
        return typeName;
    }

    /** Whether the lookup ends here with an error ({@code fib4_rule_action}'s non-table cases). */
    public boolean isError() {
        return number > NOP.number;
    }

    /** The error a lookup ending at this rule fails with. */
    public Errno error() {
        return this == UNREACHABLE ? Errno.ENETUNREACH : this == PROHIBIT ? Errno.EACCES : Errno.EINVAL;
    }

    /** The action of a route type name or number as {@code rtnl_rtntype_a2n} reads it ({@code brd} too). */
    public static Optional<RuleAction> ofType(String word) {
        for (RuleAction action : values()) {
            if (action.typeName.equals(word) || action == NOP && word.equals("brd")
                    || word.equals(Integer.toString(action.number))) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }
}
