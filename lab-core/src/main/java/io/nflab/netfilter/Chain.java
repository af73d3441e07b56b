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
 *
 * <p>Policy counters, as with iptables' nf_tables backend: a built-in chain counts the packets that meet its
 * policy only once it has counters in the kernel (nft base-chain stats), i.e. once iptables-restore declared it
 * ({@code :INPUT ACCEPT [0:0]}) or {@code -P} or {@code -Z} set them; a chain the kernel created implicitly
 * (an {@code iptables -A} on a table that did not exist yet, a restore that does not declare it) keeps
 * showing {@code [0:0]}, as Linux does.
 */
public final class Chain {
    private String name;
    private final Hook hook;
    private Policy policy;
    private long policyPackets;
    private long policyBytes;
    private boolean policyCounting;
    private final List<Rule> rules;
    private long[] packets;
    private long[] bytes;
    private final Revision revision;

    private Chain(String name, Hook hook, Policy policy, List<Rule> rules, long[] packets, long[] bytes,
                  Revision revision) {
        this.revision = revision;
        this.name = name;
        this.hook = hook;
        this.policy = policy;
        this.rules = rules;
        this.packets = packets;
        this.bytes = bytes;
    }

    /** A built-in chain with policy ACCEPT, as the kernel creates it, outside any table. */
    static Chain builtin(Hook hook) {
        return builtin(hook, new Revision(null));
    }

    /** A built-in chain with policy ACCEPT whose changes bump {@code revision}. */
    static Chain builtin(Hook hook, Revision revision) {
        return new Chain(hook.name(), hook, Policy.ACCEPT, new ArrayList<>(), new long[4], new long[4], revision);
    }

    /** A user chain outside any table. */
    static Chain user(String name) {
        return user(name, new Revision(null));
    }

    static Chain user(String name, Revision revision) {
        return new Chain(Objects.requireNonNull(name, "name"), null, null, new ArrayList<>(), new long[4], new long[4],
                revision);
    }

    /** A copy whose changes bump {@code newRevision}. */
    Chain copy(Revision newRevision) {
        Chain copy = new Chain(name, hook, policy, new ArrayList<>(rules), packets.clone(), bytes.clone(), newRevision);
        copy.policyPackets = policyPackets;
        copy.policyBytes = policyBytes;
        copy.policyCounting = policyCounting;
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
        revision.bump();
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
        revision.bump();
    }

    public PacketCounters policyCounters() {
        return new PacketCounters(policyPackets, policyBytes);
    }

    /** Sets the policy counters (iptables-restore's declaration, {@code -P}); from now on the policy counts. */
    public void setPolicyCounters(PacketCounters counters) {
        policyPackets = counters.packets();
        policyBytes = counters.bytes();
        policyCounting = isBuiltin();
    }

    /** Whether the policy counts the packets that meet it (see the class comment). */
    public boolean policyCounting() {
        return policyCounting;
    }

    /** Counts a packet that met the policy, if the chain's policy counts. Does not allocate. */
    public void countPolicy(int packetBytes) {
        if (policyCounting) {
            policyPackets++;
            policyBytes += packetBytes;
        }
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
        revision.bump();
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
        revision.bump();
    }

    public void delete(int index) {
        Objects.checkIndex(index, rules.size());
        int tail = rules.size() - index - 1;
        System.arraycopy(packets, index + 1, packets, index, tail);
        System.arraycopy(bytes, index + 1, bytes, index, tail);
        rules.remove(index);
        packets[rules.size()] = 0;
        bytes[rules.size()] = 0;
        revision.bump();
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
        revision.bump();
    }

    /** Zeroes every rule's counters and the policy's ({@code iptables -Z CHAIN}). */
    public void zero() {
        Arrays.fill(packets, 0);
        Arrays.fill(bytes, 0);
        policyPackets = 0;
        policyBytes = 0;
        policyCounting = isBuiltin();
    }

    @Override
    public String toString() {
        return "Chain " + name + " (" + rules.size() + " rules)";
    }
}
