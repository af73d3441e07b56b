package io.nflab.netfilter.eval;

import io.nflab.netfilter.Hook;
import io.nflab.netfilter.target.LogTarget;

/**
 * Walks one base chain for one packet the way the kernel's nft_do_chain (and ipt_do_table before it)
 * does: the first matching rule's target decides; a jump pushes the calling position (at most
 * {@link #MAX_DEPTH} deep), a goto does not; RETURN and the end of a user chain pop back to after the
 * last jump, and with nothing to pop reach the base chain's policy. A rule's counter counts once its
 * matches matched, before its target runs; the policy's counter when the policy decides. The cursors and
 * frames are reused, so a walk allocates nothing unless the packet is traced.
 */
final class Traversal {
    /** nf_tables' NFT_JUMP_STACK_SIZE: the deepest jump nesting (and chain level) a ruleset may have. */
    static final int MAX_DEPTH = 16;
    /** TRACE lines carry every LOG option (the kernel's NF_LOG_DEFAULT_MASK). */
    private static final int TRACE_LOG_FLAGS = LogTarget.TCP_SEQUENCE | LogTarget.TCP_OPTIONS
            | LogTarget.IP_OPTIONS | LogTarget.UID;

    private final CandidateCursor[] cursors = new CandidateCursor[MAX_DEPTH + 1];
    private final CompiledChain[] chains = new CompiledChain[MAX_DEPTH + 1];
    private final int[] levels = new int[MAX_DEPTH + 1];
    private final PacketLog log;

    Traversal(PacketLog log) {
        this.log = log;
        for (int i = 0; i < cursors.length; i++) {
            cursors[i] = new CandidateCursor();
        }
    }

    Decision run(CompiledChain base, Hook hook, PacketContext packet) {
        int depth = 0;
        chains[0] = base;
        levels[0] = 0;
        cursors[0].start(base, packet);
        while (true) {
            CompiledChain chain = chains[depth];
            int index = cursors[depth].next();
            if (index < 0) {
                if (chain.builtin) {
                    return policy(base, hook, packet);
                }
                if (packet.traced) {
                    trace(hook, chain, Place.Step.RETURN, chain.rules.length + 1, packet);
                }
                if (depth == 0) {
                    return policy(base, hook, packet);
                }
                depth--;
                continue;
            }
            CompiledRule rule = chain.rules[index];
            if (!rule.matches(packet)) {
                continue;
            }
            chain.model.countRule(index, packet.totalLength);
            if (packet.traced) {
                trace(hook, chain, rule.traceStep, index + 1, packet);
            }
            switch (rule.control) {
                case CONTINUE -> {
                    // counted, on to the next rule
                }
                case EFFECT -> rule.effect.apply(packet);
                case ACCEPT, DROP, REJECT, NAT, QUEUE -> {
                    return chain.ruleDecision(hook, index);
                }
                case RETURN -> {
                    if (depth == 0) {
                        return policy(base, hook, packet);
                    }
                    depth--;
                }
                case JUMP -> {
                    if (depth == MAX_DEPTH || levels[depth] == MAX_DEPTH) {
                        return tooDeep(chain, hook, index);
                    }
                    depth++;
                    enter(depth, rule.target, levels[depth - 1] + 1, packet);
                }
                case GOTO -> {
                    if (levels[depth] == MAX_DEPTH) {
                        return tooDeep(chain, hook, index);
                    }
                    enter(depth, rule.target, levels[depth] + 1, packet);
                }
            }
        }
    }

    private void enter(int depth, CompiledChain chain, int level, PacketContext packet) {
        chains[depth] = chain;
        levels[depth] = level;
        cursors[depth].start(chain, packet);
    }

    private Decision policy(CompiledChain base, Hook hook, PacketContext packet) {
        base.model.countPolicy(packet.totalLength);
        if (packet.traced) {
            trace(hook, base, Place.Step.POLICY, base.rules.length + 1, packet);
        }
        return base.policyDecision(hook);
    }

    /** Deeper than nf_tables allows (it refuses such rulesets when they are loaded): the kernel drops. */
    private static Decision tooDeep(CompiledChain chain, Hook hook, int index) {
        return new Decision(Decision.Kind.DROP, chain.place(hook, Place.Step.RULE, index + 1),
                chain.rules[index].rule.target());
    }

    private void trace(Hook hook, CompiledChain chain, Place.Step step, int number, PacketContext packet) {
        Place place = chain.place(hook, step, number);
        String prefix = "TRACE: " + chain.table.label() + ":" + chain.name + ":" + step.text() + ":" + number + " ";
        log.trace(new TraceEntry(place, KernelLogLine.format(prefix, TRACE_LOG_FLAGS, packet)));
    }
}
