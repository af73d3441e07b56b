package io.nflab.iptables;

import io.nflab.diagnostics.UserInputException;

/** A corpus file is malformed, or an expected file no longer fits its case file; the message names file:line. */
public final class CorpusFormatException extends UserInputException {

    public CorpusFormatException(String message) {
        super(message);
    }
}
