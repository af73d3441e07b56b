package io.nflab.kernel;

import io.nflab.diagnostics.UserInputException;

/**
 * A lab cannot be built or driven in the kernel: the machine lacks what kernel labs need, the kernel
 * refuses part of the topology (a ruleset line, a sysctl a namespace cannot set), or a request names
 * a node or interface the lab does not have. The message is complete and names the offending part.
 */
public final class KernelLabException extends UserInputException {

    public KernelLabException(String message) {
        super(message);
    }
}
