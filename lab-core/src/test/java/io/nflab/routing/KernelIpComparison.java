package io.nflab.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nflab.address.MacAddress;
import io.nflab.kernel.Netns;
import io.nflab.kernel.ProcessResult;
import io.nflab.link.LinkPeer;
import io.nflab.link.NeighbourConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the same {@code ip} commands on a real namespace and on an emulated {@link IpNamespace} built alike —
 * veths {@code devices} (ifindex 2, 3, …) whose far ends are ports of a segment namespace — and asserts that
 * every answer (stderr, stdout, exit code) is identical. Both namespaces are deleted afterwards.
 */
final class KernelIpComparison {

    private KernelIpComparison() {
    }

    /**
     * @param carrierless the index of the device whose far end stays down (no carrier), or -1
     */
    static void compare(String label, List<String> devices, boolean forwarding, int rpFilter, int carrierless,
            List<List<String>> commands) {
        try (Netns node = Netns.create("route-node"); Netns segment = Netns.create("route-seg")) {
            IpNamespace<Object> model = IpNamespace.fresh(NeighbourConfig.LINUX_DEFAULTS);
            node.execChecked("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1",
                    "net.ipv6.conf.default.disable_ipv6=1");
            for (int i = 0; i < devices.size(); i++) {
                MacAddress mac = MacAddress.of(0x020000000001L + i);
                segment.execChecked("ip", "link", "add", devices.get(i), "index", String.valueOf(2 + i), "address",
                        mac.toString(), "netns", node.name(), "type", "veth", "peer", "name", "port" + i, "index",
                        String.valueOf(5 + i));
                model.addEthernet(devices.get(i), 2 + i, mac, Optional.of(new LinkPeer(5 + i, segment.name())));
                if (i != carrierless) {
                    segment.execChecked("ip", "link", "set", "port" + i, "up");
                } else {
                    model.setCarrier(2 + i, false, 0, action -> { });
                }
            }
            node.execChecked("sysctl", "-q", "-w", "net.ipv4.ip_forward=" + (forwarding ? 1 : 0),
                    "net.ipv4.conf.all.rp_filter=" + rpFilter);
            model.sysctls().setIpForward(forwarding);
            model.sysctls().setAll(IpSysctls.Conf.RP_FILTER, rpFilter);
            List<String> real = runAll(node, commands);
            for (int i = 0; i < commands.size(); i++) {
                IpResult emulated = IpCommand.execute(model, commands.get(i), 0, action -> { });
                String expected = real.get(i);
                String actual = emulated.stderr() + emulated.stdout() + "exit " + emulated.exitCode() + "\n";
                assertEquals(expected, actual, label + ": " + String.join(" ", commands.get(i)));
            }
        }
    }

    /** Runs the commands in the namespace with one shell; each result is stderr+stdout then "exit N". */
    private static List<String> runAll(Netns node, List<List<String>> commands) {
        StringBuilder script = new StringBuilder();
        for (List<String> command : commands) {
            script.append("echo '@@@'; ").append(String.join(" ", command)).append(" 2>&1; echo \"exit $?\"\n");
            if (command.size() > 2 && command.get(1).equals("link")) {
                script.append("sleep 0.3\n");
            }
        }
        ProcessResult result = node.exec(List.of("sh", "-s"), script.toString(), Duration.ofSeconds(120));
        List<String> outputs = new ArrayList<>(List.of(result.stdout().split("@@@\n", -1)));
        outputs.remove(0);
        assertEquals(commands.size(), outputs.size(), "one result per command: " + result.stderr());
        return outputs;
    }
}
