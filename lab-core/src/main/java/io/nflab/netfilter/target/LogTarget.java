package io.nflab.netfilter.target;

import java.util.Objects;

/**
 * {@code -j LOG}: a kernel log line at syslog {@code level} (0..7, default 4), with {@code prefix} and
 * the {@code --log-tcp-sequence}, {@code --log-tcp-options}, {@code --log-ip-options}, {@code --log-uid},
 * {@code --log-macdecode} flags (bits as in the kernel's {@code XT_LOG_*}).
 */
public record LogTarget(int level, String prefix, int flags) implements Target {
    public static final int TCP_SEQUENCE = 0x01;
    public static final int TCP_OPTIONS = 0x02;
    public static final int IP_OPTIONS = 0x04;
    public static final int UID = 0x08;
    public static final int MAC_DECODE = 0x20;

    public LogTarget {
        Objects.requireNonNull(prefix, "prefix");
        if (level < 0 || level > 7) {
            throw new IllegalArgumentException("log level " + level);
        }
    }

    @Override
    public boolean isTerminal() {
        return false;
    }
}
