package io.nflab.iptables;

/** The iptables commands, with the bits and letters iptables' parser uses for them. */
enum Command {
    INSERT('I'), DELETE('D'), DELETE_NUM('D'), REPLACE('R'), APPEND('A'), LIST('L'), FLUSH('F'), ZERO('Z'),
    NEW_CHAIN('N'), DELETE_CHAIN('X'), SET_POLICY('P'), RENAME_CHAIN('E'), LIST_RULES('S'), ZERO_NUM('Z'),
    CHECK('C');

    private final char letter;

    Command(char letter) {
        this.letter = letter;
    }

    int bit() {
        return 1 << ordinal();
    }

    char letter() {
        return letter;
    }

    /** The letter of the lowest command in {@code bits} (iptables' cmd2char). */
    static char letterOf(int bits) {
        for (Command command : values()) {
            if ((bits & command.bit()) != 0) {
                return command.letter;
            }
        }
        throw new IllegalArgumentException("no command in " + bits);
    }
}
