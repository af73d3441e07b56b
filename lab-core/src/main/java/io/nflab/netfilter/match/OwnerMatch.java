package io.nflab.netfilter.match;

import io.nflab.netfilter.Negatable;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code -m owner} (OUTPUT and POSTROUTING only): the sending socket's owner: {@code --uid-owner},
 * {@code --gid-owner} (ranges of ids), {@code --socket-exists}, {@code --suppl-groups}; each test with its own {@code !}.
 */
public record OwnerMatch(Optional<Negatable<IdRange>> uid, Optional<Negatable<IdRange>> gid,
                         Optional<Negatable<Boolean>> socketExists, boolean supplementaryGroups) implements Match {

    /** An inclusive range of user or group ids. */
    public record IdRange(long first, long last) {
    }

    public OwnerMatch {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(gid, "gid");
        Objects.requireNonNull(socketExists, "socketExists");
    }
}
