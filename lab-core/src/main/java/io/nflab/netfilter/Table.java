package io.nflab.netfilter;

import io.nflab.netfilter.target.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One table of a {@link Netfilter}: its built-in chains (one per hook the table registers) and its
 * user-defined chains in creation order. Mutable; owned with its netfilter by one actor.
 */
public final class Table {
    private final TableKind kind;
    private final Map<Hook, Chain> builtins;
    private final List<Chain> userChains;
    private final EnumSet<Hook> registered;

    private Table(TableKind kind, Map<Hook, Chain> builtins, List<Chain> userChains, EnumSet<Hook> registered) {
        this.kind = kind;
        this.builtins = builtins;
        this.userChains = userChains;
        this.registered = registered;
    }

    /** A table as the kernel creates it: its built-in chains, empty, policy ACCEPT. */
    static Table create(TableKind kind) {
        Map<Hook, Chain> builtins = new EnumMap<>(Hook.class);
        for (Hook hook : kind.builtinChains()) {
            builtins.put(hook, Chain.builtin(hook));
        }
        return new Table(kind, builtins, new ArrayList<>(), EnumSet.noneOf(Hook.class));
    }

    Table copy() {
        Map<Hook, Chain> builtinCopies = new EnumMap<>(Hook.class);
        builtins.forEach((hook, chain) -> builtinCopies.put(hook, chain.copy()));
        List<Chain> userCopies = new ArrayList<>();
        userChains.forEach(chain -> userCopies.add(chain.copy()));
        return new Table(kind, builtinCopies, userCopies, EnumSet.copyOf(registered));
    }

    public TableKind kind() {
        return kind;
    }

    /** The built-in chain at {@code hook}; empty when this table does not register that hook. */
    public Optional<Chain> builtin(Hook hook) {
        return Optional.ofNullable(builtins.get(hook));
    }

    /**
     * Whether the built-in chain at {@code hook} has been created in the kernel. nf_tables creates a
     * base chain only when a command first touches it; until then iptables lists it as an empty
     * ACCEPT chain and the hook sees no rules. Only the commands that walk real chains (such as
     * {@code -Z -v}) can tell the difference.
     */
    public boolean isRegistered(Hook hook) {
        return registered.contains(hook);
    }

    /** Records that the built-in chain at {@code hook} now exists in the kernel. */
    public void register(Hook hook) {
        if (!builtins.containsKey(hook)) {
            throw new IllegalArgumentException(kind.label() + " has no " + hook + " chain");
        }
        registered.add(hook);
    }

    /** Built-in chains in hook order. */
    public List<Chain> builtinChains() {
        return List.copyOf(builtins.values());
    }

    /** User-defined chains in creation order (a renamed chain keeps its place). */
    public List<Chain> userChains() {
        return Collections.unmodifiableList(userChains);
    }

    /** Built-in chains in hook order, then user chains in creation order. */
    public List<Chain> chains() {
        List<Chain> all = new ArrayList<>(builtins.values());
        all.addAll(userChains);
        return all;
    }

    /** The chain called {@code name} (exact, case-sensitive), built-in or user-defined. */
    public Optional<Chain> chain(String name) {
        for (Chain chain : builtins.values()) {
            if (chain.name().equals(name)) {
                return Optional.of(chain);
            }
        }
        return userChain(name);
    }

    public Optional<Chain> userChain(String name) {
        for (Chain chain : userChains) {
            if (chain.name().equals(name)) {
                return Optional.of(chain);
            }
        }
        return Optional.empty();
    }

    /** Adds an empty user chain; the caller has checked that the name is free. */
    public Chain addUserChain(String name) {
        if (chain(name).isPresent()) {
            throw new IllegalArgumentException("chain " + name + " already exists in " + kind.label());
        }
        Chain chain = Chain.user(name);
        userChains.add(chain);
        return chain;
    }

    public void removeUserChain(Chain chain) {
        if (!userChains.remove(Objects.requireNonNull(chain, "chain"))) {
            throw new IllegalArgumentException(chain.name() + " is not a user chain of " + kind.label());
        }
    }

    /** Renames a user chain and every jump and goto to it, as the kernel's chain handles do. */
    public void renameUserChain(Chain chain, String newName) {
        String oldName = chain.name();
        chain.rename(newName);
        for (Chain each : chains()) {
            for (int i = 0; i < each.size(); i++) {
                Rule rule = each.rule(i);
                Target target = rule.target();
                if (target.jumpsTo().filter(oldName::equals).isPresent()) {
                    each.replace(i, new Rule(rule.ip(), rule.matches(), target.withChain(newName)),
                            each.ruleCounters(i));
                }
            }
        }
    }

    /** How many rules of this table jump or go to the chain called {@code name}. */
    public int references(String name) {
        int count = 0;
        for (Chain chain : chains()) {
            for (Rule rule : chain.rules()) {
                if (rule.target().jumpsTo().filter(name::equals).isPresent()) {
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return "Table " + kind.label();
    }
}
