package io.nflab.iptables;

import io.nflab.netfilter.Chain;
import io.nflab.netfilter.Hook;
import io.nflab.netfilter.Netfilter;
import io.nflab.netfilter.PacketCounters;
import io.nflab.netfilter.Policy;
import io.nflab.netfilter.Rule;
import io.nflab.netfilter.Table;
import io.nflab.netfilter.TableKind;
import java.util.List;
import java.util.Optional;

/**
 * Applies a parsed iptables command to a {@link Netfilter} the way iptables-nft 1.8.9 and the kernel
 * do: tables come into existence with the first change, listing works on absent tables (their
 * built-in chains, empty), a failed command changes nothing. Returns what iptables prints on stdout.
 */
final class CommandExecutor {
    private final Netfilter netfilter;
    private final ParsedCommand command;
    private final TableKind kind;
    private final StringBuilder echoes = new StringBuilder();

    private CommandExecutor(Netfilter netfilter, ParsedCommand command, TableKind kind) {
        this.netfilter = netfilter;
        this.command = command;
        this.kind = kind;
    }

    static String execute(Netfilter netfilter, ParsedCommand command) {
        TableKind kind = TableKind.byLabel(command.table()).orElseThrow(() ->
                IptablesException.version("table '" + command.table() + "' does not exist"));
        Netfilter work = netfilter.copy();
        String output = new CommandExecutor(work, command, kind).run();
        netfilter.replaceWith(work);
        return output;
    }

    private String run() {
        String output = dispatch();
        return echoes + output;
    }

    /** With {@code -v}, a rule command prints each rule in iptables' one-line form first. */
    private void echo(Rule rule) {
        if (command.verbose()) {
            echoes.append(ListFormat.oneLine(rule)).append('\n');
        }
    }

    private String dispatch() {
        if (command.is(Command.LIST) || command.is(Command.LIST_RULES)) {
            return listAndZero();
        }
        if (command.is(Command.APPEND)) {
            addRules(true);
        } else if (command.is(Command.INSERT)) {
            addRules(false);
        } else if (command.is(Command.DELETE)) {
            deleteRules();
        } else if (command.is(Command.DELETE_NUM)) {
            deleteNumber();
        } else if (command.is(Command.CHECK)) {
            checkRules();
        } else if (command.is(Command.REPLACE)) {
            replaceRule();
        } else if (command.is(Command.FLUSH)) {
            return flush();
        } else if (command.is(Command.ZERO) || command.is(Command.ZERO_NUM)) {
            return zero();
        } else if (command.is(Command.NEW_CHAIN)) {
            newChain();
        } else if (command.is(Command.DELETE_CHAIN)) {
            deleteChain();
        } else if (command.is(Command.RENAME_CHAIN)) {
            renameChain();
        } else if (command.is(Command.SET_POLICY)) {
            setPolicy();
        }
        return "";
    }

    private Optional<Table> table() {
        return netfilter.table(kind);
    }

    /** A chain as iptables-nft sees it: existing ones, and built-in chains of a table not created yet. */
    private boolean chainExists(String name) {
        Optional<Table> table = table();
        if (table.isPresent()) {
            return table.get().chain(name).isPresent();
        }
        return builtinHook(name).isPresent();
    }

    private Optional<Hook> builtinHook(String name) {
        for (Hook hook : kind.builtinChains()) {
            if (hook.name().equals(name)) {
                return Optional.of(hook);
            }
        }
        return Optional.empty();
    }

    /** The chain to change, creating the table when the chain is one of its built-ins; ENOENT otherwise. */
    private Chain chainForChange(String name) {
        if (table().isEmpty() && builtinHook(name).isPresent()) {
            netfilter.createTable(kind);
        }
        Chain chain = table().flatMap(t -> t.chain(name)).orElseThrow(CommandExecutor::noSuchChain);
        chain.hook().ifPresent(hook -> table().orElseThrow().register(hook));
        return chain;
    }

    private static IptablesException noSuchChain() {
        return IptablesException.kernel("No chain/target/match by that name");
    }

    private static IptablesException badRule() {
        return IptablesException.kernel("Bad rule (does a matching rule exist in that chain?)");
    }

    private void addRules(boolean append) {
        for (Rule rule : command.rules()) {
            rule.target().jumpsTo().ifPresent(target -> {
                if (!chainExists(target)) {
                    throw IptablesException.parameter("Chain '" + target + "' does not exist");
                }
            });
        }
        Chain chain = chainForChange(command.chain());
        int index = command.ruleNumber() - 1;
        for (Rule rule : command.rules()) {
            echo(rule);
            if (append) {
                chain.append(rule, command.counters());
            } else if (index == 0 || index < chain.size()) {
                chain.insert(index, rule, command.counters());
            } else if (index == chain.size() && index > 0) {
                chain.append(rule, command.counters());
            } else {
                throw IptablesException.kernel("Index of insertion too big");
            }
        }
        commitCheck(append ? "RULE_APPEND" : "RULE_INSERT", command.chain());
    }

    private void deleteRules() {
        Optional<Chain> chain = table().flatMap(t -> t.chain(command.chain()));
        if (chain.isEmpty()) {
            throw badRule();
        }
        for (Rule rule : command.rules()) {
            echo(rule);
            int index = chain.get().indexOf(rule).orElseThrow(CommandExecutor::badRule);
            chain.get().delete(index);
        }
    }

    private void checkRules() {
        Optional<Chain> chain = table().flatMap(t -> t.chain(command.chain()));
        if (chain.isEmpty()) {
            throw badRule();
        }
        for (Rule rule : command.rules()) {
            echo(rule);
            if (chain.get().indexOf(rule).isEmpty()) {
                throw badRule();
            }
        }
    }

    private void deleteNumber() {
        Chain chain = realChain(command.chain());
        int index = command.ruleNumber() - 1;
        if (index >= chain.size()) {
            throw IptablesException.kernel("Index of deletion too big");
        }
        chain.delete(index);
    }

    /** A chain that exists in the kernel: a user chain or a registered built-in one; ENOENT otherwise. */
    private Chain realChain(String name) {
        Chain chain = table().flatMap(t -> t.chain(name)).orElseThrow(CommandExecutor::noSuchChain);
        if (chain.hook().filter(hook -> !table().orElseThrow().isRegistered(hook)).isPresent()) {
            throw noSuchChain();
        }
        return chain;
    }

    private void replaceRule() {
        Rule rule = command.rules().get(0);
        rule.target().jumpsTo().ifPresent(target -> {
            if (!chainExists(target)) {
                throw IptablesException.parameter("Chain '" + target + "' does not exist");
            }
        });
        Chain chain = realChain(command.chain());
        int index = command.ruleNumber() - 1;
        if (index >= chain.size()) {
            throw IptablesException.kernel("Index of replacement too big");
        }
        echo(rule);
        chain.replace(index, rule, command.counters());
        commitCheck("RULE_REPLACE", command.chain());
    }

    /** The kernel's validation of the changed table; a failure aborts the whole command (exit 4). */
    private void commitCheck(String operation, String chainName) {
        KernelValidation.check(table().orElseThrow()).ifPresent(error -> {
            throw IptablesException.commit(operation + " failed (" + error + "): rule in chain " + chainName);
        });
    }

    private String flush() {
        if (command.chain() == null) {
            List<Chain> chains = new Listing(netfilter, kind).sortedChains();
            chains.forEach(Chain::flush);
            return flushMessages(chains);
        }
        Chain chain = chainForChange(command.chain());
        chain.flush();
        return flushMessages(List.of(chain));
    }

    private String flushMessages(List<Chain> chains) {
        StringBuilder out = new StringBuilder();
        if (command.verbose()) {
            chains.forEach(chain -> out.append("Flushing chain `").append(chain.name()).append("'\n"));
        }
        return out.toString();
    }

    private String zero() {
        if (command.chain() == null) {
            List<Chain> chains = table().map(CommandExecutor::realChains).orElse(List.of());
            chains.forEach(Chain::zero);
            return zeroMessages(chains);
        }
        if (command.is(Command.ZERO_NUM) && !chainExists(command.chain())) {
            throw IptablesException.kernel("Incompatible with this kernel");
        }
        Chain chain = chainForChange(command.chain());
        if (command.is(Command.ZERO_NUM)) {
            if (chain.size() == 0) {
                throw badRule();
            }
            if (command.ruleNumber() <= chain.size()) {
                chain.setRuleCounters(command.ruleNumber() - 1, PacketCounters.ZERO);
            }
            return "";
        }
        chain.zero();
        return zeroMessages(List.of(chain));
    }

    /** The chains that exist in the kernel: registered built-ins in hook order, then user chains sorted by name. */
    private static List<Chain> realChains(Table table) {
        List<Chain> chains = new java.util.ArrayList<>();
        for (Chain chain : new Listing(table).sortedChains()) {
            if (chain.hook().map(table::isRegistered).orElse(true)) {
                chains.add(chain);
            }
        }
        return chains;
    }

    private String zeroMessages(List<Chain> chains) {
        if (!command.verbose()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Chain chain : chains) {
            out.append("Zeroing chain `").append(chain.name()).append("'\n");
        }
        return out.toString();
    }

    private void newChain() {
        if (chainExists(command.chain())) {
            throw IptablesException.kernel("Chain already exists");
        }
        netfilter.createTable(kind).addUserChain(command.chain());
    }

    private void deleteChain() {
        if (command.chain() != null) {
            Chain chain = table().flatMap(t -> t.chain(command.chain())).orElseThrow(CommandExecutor::noSuchChain);
            if (chain.isBuiltin()) {
                throw IptablesException.commit("CHAIN_DEL failed (Device or resource busy): chain " + chain.name());
            }
            deleteUserChain(table().orElseThrow(), chain);
            return;
        }
        if (table().isEmpty()) {
            return;
        }
        Table table = table().get();
        for (Chain chain : List.copyOf(table.userChains())) {
            deleteUserChain(table, chain);
        }
    }

    private void deleteUserChain(Table table, Chain chain) {
        if (chain.size() > 0 || table.references(chain.name()) > 0) {
            throw IptablesException.commit("CHAIN_DEL failed (Device or resource busy): chain " + chain.name());
        }
        table.removeUserChain(chain);
    }

    private void renameChain() {
        Chain chain = table().flatMap(t -> t.userChain(command.chain())).orElseThrow(CommandExecutor::noSuchChain);
        if (chainExists(command.newName())) {
            throw IptablesException.kernel("File exists");
        }
        table().orElseThrow().renameUserChain(chain, command.newName());
    }

    private void setPolicy() {
        Optional<Hook> hook = builtinHook(command.chain());
        if (hook.isEmpty()) {
            throw IptablesException.kernel("Bad built-in chain name");
        }
        Policy policy = Policy.byName(command.policy()).orElseThrow(() ->
                IptablesException.kernelInvalid("Bad policy name"));
        Table table = netfilter.createTable(kind);
        table.register(hook.get());
        Chain chain = table.builtin(hook.get()).orElseThrow();
        chain.setPolicy(policy);
        chain.setPolicyCounters(PacketCounters.ZERO); // the nf_tables backend sends the chain without its counters
    }

    private String listAndZero() {
        Listing listing = new Listing(netfilter, kind);
        String output = command.is(Command.LIST)
                ? listing.list(command.chain(), command.ruleNumber(),
                        new ListFormat(command.verbose(), command.numeric(), command.exact(), command.lineNumbers()))
                : listing.rules(command.chain(), command.ruleNumber(), command.verbose());
        if (command.is(Command.ZERO) || command.is(Command.ZERO_NUM)) {
            output += zero();
        }
        return output;
    }
}
