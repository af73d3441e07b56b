package io.nflab.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds and deletes what crashed runs left behind: namespaces named like a kernel lab's
 * ({@link LabNames}) whose creating process is gone and which are older than a given age. A
 * namespace whose creator is still running is never touched, whatever its age: it belongs to a live
 * lab, perhaps of another program on the same machine.
 */
final class StaleLabs {

    private static final Path RUN_NETNS = Path.of("/run/netns");

    private StaleLabs() {
    }

    static List<String> cleanup(String prefix, Duration olderThan) {
        Instant cutoff = Instant.now().minus(olderThan);
        List<String> deleted = new ArrayList<>();
        for (String namespace : Netns.list()) {
            Optional<LabNames> lab = LabNames.ofNamespace(prefix, namespace);
            if (lab.isPresent() && !isAlive(lab.get().pid()) && createdBefore(namespace, cutoff)) {
                Netns.deleteLeftover(namespace);
                deleted.add(namespace);
            }
        }
        return List.copyOf(deleted);
    }

    private static boolean isAlive(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The time {@code ip netns add} made the namespace's mount point; unknown counts as new. */
    private static boolean createdBefore(String namespace, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(RUN_NETNS.resolve(namespace)).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }
}
