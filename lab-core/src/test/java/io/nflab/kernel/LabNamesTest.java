package io.nflab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.MacAddress;
import io.nflab.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabNamesTest {

    @Test
    void namespacesCarryPrefixPidAndSerial() {
        LabNames names = new LabNames("nfk", 4711, 2);

        assertEquals("nfk4711-2", names.switchNamespace());
        assertEquals("nfk4711-2-gw", names.nodeNamespace("gw"));
        assertEquals(Optional.of(names), LabNames.ofNamespace("nfk", "nfk4711-2"));
        assertEquals(Optional.of(names), LabNames.ofNamespace("nfk", "nfk4711-2-web_1"));
        for (String other : List.of("nfk4711", "nfkx4711-2", "nfk4711-2-", "nflab-corpus-4711-2", "nfk0-1", "xnfk4711-2")) {
            assertEquals(Optional.empty(), LabNames.ofNamespace("nfk", other), other);
        }
    }

    @Test
    void everyLabOfAProcessGetsItsOwnNames() {
        LabNames first = LabNames.next("nfk");
        LabNames second = LabNames.next("nfk");

        assertEquals(ProcessHandle.current().pid(), first.pid());
        assertNotEquals(first.switchNamespace(), second.switchNamespace());
    }

    @Test
    void interfaceNamesFitLinuxsFifteenCharacters() {
        assertEquals("br0", LabNames.bridge(0));
        assertEquals("n2p1", LabNames.port(2, 1));
        assertTrue(LabNames.port(65535, 255).length() <= 15);
        assertThrows(IllegalArgumentException.class, () -> LabNames.port(65536, 0));
        assertThrows(IllegalArgumentException.class, () -> new LabNames("NFK", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LabNames("toolongxx", 1, 1));
    }

    @Test
    void macsAreDerivedFromTopologyPositionsUnlessFixed() {
        var macs = LabMacs.of(TopologyLoader.load(Path.of("../topologies/port-forward/topology.yaml")));

        assertEquals(List.of("client:eth0", "gw:eth0", "gw:eth1", "web:eth0"),
                macs.keySet().stream().map(NodeInterface::toString).toList());
        assertEquals(MacAddress.parse("02:6e:66:00:01:01"), macs.get(new NodeInterface("gw", "eth1")));
        assertEquals(MacAddress.parse("02:6e:66:01:02:03"), LabMacs.derived(0x102, 3));
        assertEquals(MacAddress.parse("02:6e:67:00:02:00"), LabMacs.bridgeSide(2, 0));
        assertThrows(IllegalArgumentException.class, () -> LabMacs.derived(0, 256));
    }
}
