package io.nflab.kernel;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Files that replace their namesakes in {@code /etc} for programs run inside one namespace:
 * {@code ip netns exec NS} bind-mounts {@code /etc/netns/NS/<file>} over {@code /etc/<file>}.
 * This is how a namespace gets its own {@code hosts}, {@code resolv.conf} or {@code services}
 * without touching the machine's. A file that does not exist in the real {@code /etc} cannot be
 * replaced (a bind mount needs a target; {@code ip} warns about it on stderr).
 *
 * @param files file name (no directory) to content
 */
public record EtcOverlay(Map<String, String> files) {

    /** No replaced files: programs see the machine's {@code /etc}. */
    public static final EtcOverlay NONE = new EtcOverlay(Map.of());

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public EtcOverlay {
        files = Map.copyOf(files);
        for (String name : files.keySet()) {
            if (!FILE_NAME.matcher(name).matches() || name.startsWith(".")) {
                throw new IllegalArgumentException("not a plain /etc file name: '" + name + "'");
            }
        }
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }
}
