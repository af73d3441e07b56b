package io.nflab.iptables;

/**
 * A failed iptables command, carrying what the real tool would print on stderr and its exit code.
 * The kinds follow iptables 1.8.9 (nf_tables): {@link Kind#PARAMETER} (exit 2, followed by the
 * "Try `iptables -h'" hint), {@link Kind#OTHER} (exit 1, prefixed with the version banner),
 * {@link Kind#VERSION} (exit 3), {@link Kind#KERNEL} (exit 1, the nft_strerror form
 * {@code iptables: Chain already exists.}), {@link Kind#COMMIT} (exit 4, what the kernel refused
 * when the batch was committed) and {@link Kind#PLAIN} (exit 2, a bare line before the hint, as for
 * {@code Bad argument `x'}).
 */
public final class IptablesException extends RuntimeException {

    /** How the message is rendered and which exit code it has. */
    public enum Kind {
        PARAMETER(2), OTHER(1), VERSION(3), KERNEL(1), KERNEL_EINVAL(1), COMMIT(4), PLAIN(2), HINT_ONLY(2);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    static final String VERSION_TEXT = "v1.8.9 (nf_tables)";

    private final Kind kind;
    private final String detail;

    private IptablesException(Kind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.detail = detail;
    }

    public static IptablesException parameter(String detail) {
        return new IptablesException(Kind.PARAMETER, detail);
    }

    public static IptablesException other(String detail) {
        return new IptablesException(Kind.OTHER, detail);
    }

    public static IptablesException version(String detail) {
        return new IptablesException(Kind.VERSION, detail);
    }

    /** The nft_strerror message, e.g. {@code Chain already exists}. */
    public static IptablesException kernel(String detail) {
        return new IptablesException(Kind.KERNEL, detail);
    }

    /** An nft_strerror message for EINVAL, to which iptables adds "Run `dmesg' for more information." */
    public static IptablesException kernelInvalid(String detail) {
        return new IptablesException(Kind.KERNEL_EINVAL, detail);
    }

    /** What the kernel refused at commit, e.g. {@code RULE_APPEND failed (Invalid argument): rule in chain INPUT}. */
    public static IptablesException commit(String detail) {
        return new IptablesException(Kind.COMMIT, detail);
    }

    /** A line printed as is before the hint, e.g. {@code Bad argument `foo'}. */
    public static IptablesException plain(String detail) {
        return new IptablesException(Kind.PLAIN, detail);
    }

    /** Only the "Try `iptables -h'" hint, as for {@code iptables -6}. */
    public static IptablesException hintOnly() {
        return new IptablesException(Kind.HINT_ONLY, "");
    }

    public Kind kind() {
        return kind;
    }

    public int exitCode() {
        return kind.exitCode();
    }

    public String detail() {
        return detail;
    }

    /**
     * The text the program called {@code program} prints on stderr; {@code line} is the
     * iptables-restore input line (or -1 for none).
     */
    public String render(String program, int line) {
        String banner = program + " " + VERSION_TEXT + ": ";
        String lineText = line >= 0 ? "Error occurred at line: " + line + "\n" : "";
        String hint = "Try `" + program + " -h' or '" + program + " --help' for more information.\n";
        return switch (kind) {
            case PARAMETER -> banner + detail + "\n" + lineText + hint;
            case OTHER -> banner + detail + "\n";
            case VERSION -> banner + detail + "\nPerhaps " + program + " or your kernel needs to be upgraded.\n";
            case KERNEL -> program + ": " + detail + ".\n";
            case KERNEL_EINVAL -> program + ": " + detail + ". Run `dmesg' for more information.\n";
            case COMMIT -> banner + " " + detail + "\n";
            case PLAIN -> detail + "\n" + lineText + hint;
            case HINT_ONLY -> lineText + hint;
        };
    }
}
