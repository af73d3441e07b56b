package io.nflab.iptables;

import io.nflab.netfilter.Chain;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Rule;
import io.nflab.netfilter.Table;
import io.nflab.netfilter.match.Match;
import io.nflab.netfilter.target.Target;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the kernel checks when an nf_tables batch is committed: each target and match is allowed in
 * the table ({@code xt_check_target}) and at every hook from which its chain can be reached through
 * jumps and gotos; chains must not loop. A failure is the commit's "Invalid argument" (or
 * "Too many links" for a loop).
 */
final class KernelValidation {
    private KernelValidation() {
    }

    /** The errno text of the first problem in {@code table}, or empty when the kernel accepts it. */
    static Optional<String> check(Table table) {
        Map<String, Set<Hook>> reach = new HashMap<>();
        for (Chain chain : table.builtinChains()) {
            Hook hook = chain.hook().orElseThrow();
            Deque<Chain> path = new ArrayDeque<>();
            if (walk(table, chain, hook, reach, path, new HashSet<>())) {
                return Optional.of("Too many links");
            }
        }
        for (Chain chain : table.chains()) {
            Set<Hook> hooks = reach.getOrDefault(chain.name(), Set.of());
            for (Rule rule : chain.rules()) {
                Optional<String> refusal = refusal(rule.target());
                if (refusal.isPresent()) {
                    return refusal;
                }
                if (!accepts(rule, table, hooks)) {
                    return Optional.of("Invalid argument");
                }
            }
        }
        return Optional.empty();
    }

    /** Marks every chain reachable from {@code chain} as reached from {@code hook}; true on a loop. */
    private static boolean walk(Table table, Chain chain, Hook hook, Map<String, Set<Hook>> reach,
                                Deque<Chain> path, Set<String> done) {
        if (path.contains(chain)) {
            return true;
        }
        reach.computeIfAbsent(chain.name(), name -> EnumSet.noneOf(Hook.class)).add(hook);
        if (!done.add(chain.name())) {
            return false;
        }
        path.push(chain);
        for (Rule rule : chain.rules()) {
            Optional<String> next = rule.target().jumpsTo();
            if (next.isPresent()) {
                Optional<Chain> target = table.userChain(next.get());
                if (target.isPresent() && walk(table, target.get(), hook, reach, path, done)) {
                    return true;
                }
            }
        }
        path.pop();
        return false;
    }

    /** The table and hook checks for one rule reachable from {@code hooks}. */
    static boolean accepts(Rule rule, Table table, Set<Hook> hooks) {
        for (Match match : rule.matches()) {
            if (!matchAccepts(match, table, hooks)) {
                return false;
            }
        }
        return targetAccepts(rule.target(), rule, table, hooks);
    }

    private static <M extends Match> boolean matchAccepts(M match, Table table, Set<Hook> hooks) {
        return Extensions.get().forMatch(match).kernelAccepts(match, table.kind(), hooks);
    }

    private static <T extends Target> Optional<String> refusal(T target) {
        return Extensions.get().forTarget(target).flatMap(extension -> extension.kernelRefusal(target));
    }

    private static <T extends Target> boolean targetAccepts(T target, Rule rule, Table table, Set<Hook> hooks) {
        return Extensions.get().forTarget(target)
                .map(extension -> extension.kernelAccepts(target, rule.ip(), table.kind(), hooks))
                .orElse(true);
    }
}
