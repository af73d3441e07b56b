package io.nflab.socket;

import io.nflab.packet.IcmpCode;
import io.nflab.packet.IcmpError;
import io.nflab.packet.IcmpType;

/**
 * Linux's {@code icmp_err_convert} table: the errno an ICMP error means for a socket, and whether it
 * is "hard" (fatal), which is what a connected UDP socket without {@code IP_RECVERR} reports.
 */
final class IcmpErrors {
    private static final Errno[] UNREACH_ERRNO = {
        Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.ENOPROTOOPT, Errno.ECONNREFUSED, Errno.EMSGSIZE,
        Errno.EOPNOTSUPP, Errno.ENETUNREACH, Errno.EHOSTDOWN, Errno.ENONET, Errno.ENETUNREACH,
        Errno.EHOSTUNREACH, Errno.ENETUNREACH, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH, Errno.EHOSTUNREACH,
        Errno.EHOSTUNREACH};
    private static final boolean[] UNREACH_FATAL = {
        false, false, true, true, false, false, true, true, true, true, true, false, false, true, true, true};

    private IcmpErrors() {
    }

    /** The errno, or null for messages sockets do not report (source quench, redirect, unknown codes). */
    static Errno errno(IcmpError error) {
        IcmpType type = error.type();
        if (type.equals(IcmpType.DESTINATION_UNREACHABLE)) {
            return error.code() < UNREACH_ERRNO.length ? UNREACH_ERRNO[error.code()] : null;
        }
        if (type.equals(IcmpType.TIME_EXCEEDED)) {
            return Errno.EHOSTUNREACH;
        }
        if (type.equals(IcmpType.PARAMETER_PROBLEM)) {
            return Errno.EPROTO;
        }
        return null;
    }

    static boolean fatal(IcmpError error) {
        if (error.type().equals(IcmpType.DESTINATION_UNREACHABLE)) {
            return error.code() < UNREACH_FATAL.length && UNREACH_FATAL[error.code()];
        }
        return error.type().equals(IcmpType.PARAMETER_PROBLEM);
    }

    static boolean isFragmentationNeeded(IcmpError error) {
        return error.type().equals(IcmpType.DESTINATION_UNREACHABLE) && error.code() == IcmpCode.FRAGMENTATION_NEEDED;
    }
}
