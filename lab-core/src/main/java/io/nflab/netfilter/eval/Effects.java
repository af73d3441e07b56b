package io.nflab.netfilter.eval;

import io.nflab.netfilter.target.ClassifyTarget;
import io.nflab.netfilter.target.ConnmarkTarget;
import io.nflab.netfilter.target.CtTarget;
import io.nflab.netfilter.target.DscpTarget;
import io.nflab.netfilter.target.LogTarget;
import io.nflab.netfilter.target.MarkTarget;
import io.nflab.netfilter.target.TosTarget;
import io.nflab.netfilter.target.TtlTarget;

/** The non-terminating targets: LOG, MARK, CONNMARK, TOS, TTL, DSCP, NOTRACK, CT, TRACE, CLASSIFY, AUDIT. */
final class Effects {
    private static final long U32 = 0xffff_ffffL;

    private Effects() {
    }

    /** {@code -j LOG}: the kernel log line, at the rule's level, to the namespace's log. */
    record Log(LogTarget target, PacketLog log) implements Effect {
        @Override
        public void apply(PacketContext packet) {
            log.log(target.level(), KernelLogLine.format(target.prefix(), target.flags(), packet));
        }
    }

    /** {@code -j MARK}: {@code mark = (mark & ~mask) ^ value} (xt_MARK). */
    record Mark(MarkTarget target) implements Effect {
        @Override
        public void apply(PacketContext packet) {
            packet.mark = target.apply(packet.mark);
        }
    }

    /** {@code -j CONNMARK} (xt_connmark's {@code connmark_tg_shift} without shift): nothing without an entry. */
    record Connmark(ConnmarkTarget target) implements Effect {
        @Override
        public void apply(PacketContext packet) {
            if (!packet.hasConntrackEntry()) {
                return;
            }
            ConntrackView ct = packet.conntrack;
            switch (target.mode()) {
                case SET -> setIfChanged(ct, ((ct.mark() & ~target.ctMask()) ^ target.value()) & U32);
                case SAVE -> setIfChanged(ct, ((ct.mark() & ~target.ctMask()) ^ (packet.mark & target.nfMask())) & U32);
                case RESTORE -> packet.mark = ((packet.mark & ~target.nfMask()) ^ (ct.mark() & target.ctMask())) & U32;
            }
        }

        private static void setIfChanged(ConntrackView ct, long mark) {
            if (ct.mark() != mark) {
                ct.setMark(mark);
            }
        }
    }

    /** {@code -j TOS}: {@code tos = (tos & ~mask) ^ value} (xt_DSCP's tos_tg). */
    record Tos(TosTarget target) implements Effect {
        @Override
        public void apply(PacketContext packet) {
            int tos = ((packet.tos & ~target.mask()) ^ target.value()) & 0xff;
            if (tos != packet.tos) {
                packet.packet(packet.packet().withTos(tos));
            }
        }
    }

    /** {@code -j DSCP}: the upper six TOS bits, ECN kept (xt_DSCP's dscp_tg). */
    record Dscp(DscpTarget target) implements Effect {
        @Override
        public void apply(PacketContext packet) {
            if (packet.tos >>> 2 != target.dscp()) {
                packet.packet(packet.packet().withTos((packet.tos & 0x03) | target.dscp() << 2));
            }
        }
    }

    /** {@code -j TTL --ttl-set/--ttl-inc/--ttl-dec}, saturating at 255 and 0 (ipt_TTL). */
    record Ttl(TtlTarget target) implements Effect {
        @Override
        public void apply(PacketContext packet) {
            int ttl = switch (target.mode()) {
                case SET -> target.value();
                case INC -> Math.min(255, packet.ttl + target.value());
                case DEC -> Math.max(0, packet.ttl - target.value());
            };
            if (ttl != packet.ttl) {
                packet.packet(packet.packet().withTtl(ttl));
            }
        }
    }

    /** {@code -j NOTRACK}: untracked, unless the packet already has a conntrack attached (loopback). */
    enum Notrack implements Effect {
        INSTANCE;

        @Override
        public void apply(PacketContext packet) {
            if (!packet.hasConntrackAttached()) {
                packet.notrack = true;
            }
        }
    }

    /** {@code -j CT}: {@code --notrack}, or the template ({@code --helper}, {@code --zone}) for conntrack to use. */
    record Ct(CtTarget target) implements Effect {
        @Override
        public void apply(PacketContext packet) {
            if (packet.hasConntrackAttached()) {
                return;
            }
            if (target.notrack()) {
                packet.notrack = true;
            } else {
                packet.conntrackTemplate = target;
            }
        }
    }

    /** {@code -j TRACE}: every rule the packet meets from now on is traced. */
    enum Trace implements Effect {
        INSTANCE;

        @Override
        public void apply(PacketContext packet) {
            packet.traced = true;
        }
    }

    /** {@code -j CLASSIFY}: the packet's priority (tc class) becomes {@code major:minor} (xt_CLASSIFY). */
    record Classify(ClassifyTarget target) implements Effect {
        @Override
        public void apply(PacketContext packet) {
            packet.priority = (long) target.major() << 16 | target.minor();
        }
    }

    /** {@code -j AUDIT}: xt_AUDIT's NETFILTER_PKT record, {@code mark=%#x saddr=%pI4 daddr=%pI4 proto=%hhu}. */
    record Audit(PacketLog log) implements Effect {
        @Override
        public void apply(PacketContext packet) {
            log.audit("mark=0x" + Long.toHexString(packet.mark) + " saddr=" + packet.packet().source()
                    + " daddr=" + packet.packet().destination() + " proto=" + packet.protocol);
        }
    }

    /** A rule without a target: it only counts. */
    enum Nothing implements Effect {
        INSTANCE;

        @Override
        public void apply(PacketContext packet) {
            // counts only
        }
    }
}
