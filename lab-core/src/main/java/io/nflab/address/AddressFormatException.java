package io.nflab.address;

/** Text that is not a valid address, prefix or MAC; {@link #offendingText()} names the word. */
public final class AddressFormatException extends IllegalArgumentException {
    private final String offendingText;

    public AddressFormatException(String offendingText, String what) {
        super("invalid " + what + " `" + offendingText + "'");
        this.offendingText = offendingText;
    }

    public String offendingText() {
        return offendingText;
    }
}
