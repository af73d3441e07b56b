package io.nflab.diagnostics;

/**
 * Input a user gave us is wrong (a file, a command, a packet text). The message is complete and
 * meant for the user as it is: it names the file:line:column or the offending word.
 */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message, null, false, false);
    }
}
