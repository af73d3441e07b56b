package io.nflab.netfilter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A chain of one table: its rules in order and their counters. Built-in chains have a hook and a
 * policy with its own counters; user chains have neither.
 *
 * <p>Rules are immutable values; the counters live here, in two arrays indexed by rule position,
 * so that counting a packet ({@link #countRule}) is two array increments and never allocates. A
 * chain belongs to one {@link Table} of one {@link Netfilter}, which one actor owns: it is not
 * thread-safe.
 */
public final class Chain {
    private String name;
    private final Hook hook;
    private Policy policy;
    private long policyPackets;
    private long policyBytes;
    private final List<Rule> rules;
    private long[] packets;
    private long[] bytes;

    private Chain(String name, Hook hook, Policy policy, List<Rule> rules, long[] packets, long[] bytes) {
        this.name = name;
        this.hook = hook;
        this.policy = policy;
        this.rules = rules;
        this.packets = packets;
        this.bytes = bytes;
    }

    /** A built-in chain with policy ACCEPT, as the kernel creates it. */
    static Chain builtin(Hook hook) {
        return new Chain(hook.name(), hook, Policy.ACCEPT, new ArrayList<>(), new long[4], new long[4]);
    }

    static Chain user(String name) {
        return new Chain(Objects.requireNonNull(name, "name"), null, null, new ArrayList<>(), new long[4], new long[4]);
    }

    Chain copy() {
        Chain copy = new Chain(name, hook, policy, new ArrayList<>(rules), packets.clone(), bytes.clone());
        copy.policyPackets = policyPackets;
        copy.policyBytes = policyBytes;
        return copy;
    }

    public String name() {
        return name;
    }

    void rename(String newName) {
        if (isBuiltin()) {
            throw new IllegalStateException("built-in chain " + name + " cannot be renamed");
        }
        this.name = Objects.requireNonNull(newName, "newName");
    }

    /** The hook of a built-in chain; empty for a user-defined chain. */
    public Optional<Hook> hook() {
        return Optional.ofNullable(hook);
    }

    public boolean isBuiltin() {
        return hook != null;
    }

    /** The policy of a built-in chain; empty for a user-defined chain (they RETURN at their end). */
    public Optional<Policy> policy() {
        return Optional.ofNullable(policy);
    }

    public void setPolicy(Policy newPolicy) {
        if (!isBuiltin()) {
            throw new IllegalStateException("user chain " + name + " has no policy");
        }
        this.policy = Objects.requireNonNull(newPolicy, "policy");
    }

    public PacketCounters policyCounters() {
        return new PacketCounters(policyPackets, policyBytes);
    }

    public void setPolicyCounters(PacketCounters counters) {
        policyPackets = counters.packets();
        policyBytes = counters.bytes();
    }

    /** Counts a packet that met the policy. Does not allocate. */
    public void countPolicy(int packetBytes) {
        policyPackets++;
        policyBytes += packetBytes;
    }

    /** The rules in order, an unmodifiable view (index 0 is rule number 1). */
    public List<Rule> rules() {
        return Collections.unmodifiableList(rules);
    }

    public int size() {
        return rules.size();
    }

    public Rule rule(int index) {
        return rules.get(index);
    }

    /** Counts a packet that matched rule {@code index} (0-based). Does not allocate. */
    public void countRule(int index, int packetBytes) {
        Objects.checkIndex(index, rules.size());
        packets[index]++;
        bytes[index] += packetBytes;
    }

    public PacketCounters ruleCounters(int index) {
        Objects.checkIndex(index, rules.size());
        return new PacketCounters(packets[index], bytes[index]);
    }

    public void setRuleCounters(int index, PacketCounters counters) {
        Objects.checkIndex(index, rules.size());
        packets[index] = counters.packets();
        bytes[index] = counters.bytes();
    }

    /** Inserts {@code rule} so that it becomes rule {@code index} (0-based; {@code size()} appends). */
    public void insert(int index, Rule rule, PacketCounters counters) {
        Objects.checkIndex(index, rules.size() + 1);
        Objects.requireNonNull(rule, "rule");
        if (rules.size() == packets.length) {
            packets = Arrays.copyOf(packets, packets.length * 2);
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        int tail = rules.size() - index;
        System.arraycopy(packets, index, packets, index + 1, tail);
        System.arraycopy(bytes, index, bytes, index + 1, tail);
        rules.add(index, rule);
        packets[index] = counters.packets();
        bytes[index] = counters.bytes();
    }

    public void append(Rule rule, PacketCounters counters) {
        insert(rules.size(), rule, counters);
    }

    /** Replaces rule {@code index} and sets its counters. */
    public void replace(int index, Rule rule, PacketCounters counters) {
        Objects.checkIndex(index, rules.size());
        rules.set(index, Objects.requireNonNull(rule, "rule"));
        packets[index] = counters.packets();
        bytes[index] = counters.bytes();
    }

    public void delete(int index) {
        Objects.checkIndex(index, rules.size());
        int tail = rules.size() - index - 1;
        System.arraycopy(packets, index + 1, packets, index, tail);
        System.arraycopy(bytes, index + 1, bytes, index, tail);
        rules.remove(index);
        packets[rules.size()] = 0;
        bytes[rules.size()] = 0;
    }

    /** The index of the first rule equal to {@code rule}, or empty. */
    public Optional<Integer> indexOf(Rule rule) {
        int index = rules.indexOf(rule);
        return index < 0 ? Optional.empty() : Optional.of(index);
    }

    public void flush() {
        rules.clear();
        Arrays.fill(packets, 0);
        Arrays.fill(bytes, 0);
    }

    /** Zeroes every rule's counters and the policy's ({@code iptables -Z CHAIN}). */
    public void zero() {
        Arrays.fill(packets, 0);
        Arrays.fill(bytes, 0);
        policyPackets = 0;
        policyBytes = 0;
    }

    @Override
    public String toString() {
        return "Chain " + name + " (" + rules.size() + " rules)";
    }
}
