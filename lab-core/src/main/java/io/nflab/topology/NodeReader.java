package io.nflab.topology;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.MacAddress;
import io.nflab.diagnostics.Diagnostics;
import io.nflab.diagnostics.IoErrors;
import io.nflab.diagnostics.SourceLocation;
import io.nflab.diagnostics.TextSyntaxException;
import io.nflab.routing.RouteSpec;
import io.nflab.routing.RuleSpec;
import io.nflab.topology.RouteChecks.WrittenRoute;
import io.nflab.yaml.Located;
import io.nflab.yaml.MappingReader;
import io.nflab.yaml.YamlEntry;
import io.nflab.yaml.YamlNode;
import io.nflab.yaml.YamlScalar;
import io.nflab.yaml.YamlValue;
import io.nflab.yaml.YamlValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads one entry of a topology's {@code nodes:} into a {@link NodeSpec}, reporting every problem in it. */
final class NodeReader {
    static final List<String> KEYS =
            List.of("kind", "interfaces", "routes", "ip-rules", "firewall", "rules", "sysctls", "services", "placement");
    static final List<String> INTERFACE_KEYS = List.of("segment", "address", "mac", "up");
    static final List<String> SERVICE_KEYS = List.of("proto", "port", "app");

    private static final YamlValue<NodeKind> KIND = YamlValues.keyword(NodeKind.values(), NodeKind::keyword);
    static final YamlValue<TransportProtocol> TRANSPORT = YamlValues.keyword(TransportProtocol.values(), TransportProtocol::keyword);
    private static final YamlValue<Application> APPLICATION =
            YamlValues.keyword(Application.values(), Application::keyword);
    private static final YamlValue<InterfaceAddress> ADDRESS =
            YamlValues.parsed("an interface address A.B.C.D/LEN", InterfaceAddress::tryParse);
    private static final YamlValue<MacAddress> MAC = YamlValues.parsed("a MAC address like 02:00:00:00:00:01",
            text -> MacAddress.tryParse(text).filter(mac -> !mac.isMulticast()));

    private final Path topologyFile;
    private final Set<String> segments;
    private final SegmentClaims claims;
    private final Diagnostics problems;

    NodeReader(Path topologyFile, Set<String> segments, SegmentClaims claims, Diagnostics problems) {
        this.topologyFile = topologyFile;
        this.segments = segments;
        this.claims = claims;
        this.problems = problems;
    }

    Optional<NodeSpec> read(YamlEntry entry) {
        int before = problems.count();
        String name = entry.key();
        Optional<MappingReader> opened = MappingReader.open(entry.value(), "node `" + name + "'", problems, KEYS);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        MappingReader node = opened.get();
        Optional<NodeKind> kind = node.required("kind", KIND);
        List<InterfaceSpec> interfaces = node.required("interfaces", YamlValues.entries())
                .map(entries -> interfaces(name, entries, node.valueLocation("interfaces")))
                .orElse(List.of());
        boolean interfacesValid = problems.count() == before;
        List<WrittenRoute> routes = node.optional("routes", YamlValues.listOf(this::route), List.of());
        if (interfacesValid) {
            new RouteChecks(name, interfaces, problems).check(routes);
        }
        List<RuleSpec> ipRules = node.optional("ip-rules", YamlValues.listOf((YamlNode n, String what,
                Diagnostics p) -> ipRule(n, what, p, interfaces)), List.of());
        Optional<Ruleset> ruleset = ruleset(node);
        Map<String, String> sysctls = node.optional("sysctls", YamlValues.entries())
                .map(entries -> sysctls(entries, interfaces)).orElse(Map.of());
        List<Located<ServiceSpec>> services =
                node.optional("services", YamlValues.listOf(((YamlValue<ServiceSpec>) this::service).located()), List.of());
        checkServicesUnique(name, services);
        Optional<Placement> placement = node.optional("placement", YamlValues.string().map(Placement::new));
        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new NodeSpec(name, kind.orElseThrow(), interfaces,
                routes.stream().map(WrittenRoute::route).toList(), ruleset, sysctls,
                services.stream().map(Located::value).toList(), placement, ipRules));
    }

    private List<InterfaceSpec> interfaces(String node, List<YamlEntry> entries, SourceLocation at) {
        if (entries.isEmpty()) {
            problems.error(at, "node `" + node + "' needs at least one interface under `interfaces'");
        }
        List<InterfaceSpec> result = new ArrayList<>();
        for (YamlEntry entry : entries) {
            if (Names.checkInterfaceName(entry, problems)) {
                readInterface(node, entry).ifPresent(result::add);
            }
        }
        return result;
    }

    private Optional<InterfaceSpec> readInterface(String node, YamlEntry entry) {
        String owner = node + ":" + entry.key();
        Optional<MappingReader> opened = MappingReader.open(entry.value(),
                "interface `" + entry.key() + "' of node `" + node + "'", problems, INTERFACE_KEYS);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        MappingReader iface = opened.get();
        Optional<String> segment = iface.required("segment", YamlValues.string()).filter(s -> {
            if (segments.contains(s)) {
                return true;
            }
            problems.error(iface.valueLocation("segment"), "undefined segment `" + s + "'; the segments are: "
                    + String.join(", ", segments));
            return false;
        });
        Optional<InterfaceAddress> address = iface.required("address", ADDRESS);
        Optional<MacAddress> mac = iface.optional("mac", MAC);
        boolean up = iface.optional("up", YamlValues.bool(), true);
        if (segment.isEmpty() || address.isEmpty() || iface.has("mac") && mac.isEmpty()) {
            return Optional.empty();
        }
        claims.claim(segment.get(), "address " + address.get().address(), address.get().address(), owner,
                iface.valueLocation("address"));
        mac.ifPresent(m -> claims.claim(segment.get(), "MAC address " + m, m, owner, iface.valueLocation("mac")));
        return Optional.of(new InterfaceSpec(entry.key(), segment.get(), address.get(), mac, up));
    }

    private Optional<WrittenRoute> route(YamlNode node, String what, Diagnostics problems) {
        return YamlValues.scalar().read(node, what, problems).flatMap(scalar -> {
            try {
                return Optional.of(new WrittenRoute(RouteSpec.parse(scalar.text()), scalar));
            } catch (TextSyntaxException e) {
                problems.error(scalar.locationAt(e.column()), e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** One {@code ip-rules:} entry; {@code iif}/{@code oif} must name the node's interfaces or lo. */
    private Optional<RuleSpec> ipRule(YamlNode node, String what, Diagnostics problems, List<InterfaceSpec> interfaces) {
        return YamlValues.scalar().read(node, what, problems).flatMap(scalar -> {
            try {
                RuleSpec rule = RuleSpec.parse(scalar.text());
                for (Optional<String> device : List.of(rule.rule().iif(), rule.rule().oif())) {
                    if (device.isPresent() && !device.get().equals("lo")
                            && interfaces.stream().noneMatch(i -> i.name().equals(device.get()))) {
                        problems.error(scalar.locationAt(scalar.text().indexOf(device.get())), "invalid rule `"
                                + rule + "': `" + device.get() + "' is not an interface of this node");
                        return Optional.empty();
                    }
                }
                return Optional.of(rule);
            } catch (TextSyntaxException e) {
                problems.error(scalar.locationAt(e.column()), e.getMessage());
                return Optional.empty();
            }
        });
    }

    private Optional<Ruleset> ruleset(MappingReader node) {
        if (node.has("firewall") && node.has("rules")) {
            problems.error(node.keyLocation("rules"),
                    "give the ruleset either as `firewall: FILE' or as `rules: |', not both");
            return Optional.empty();
        }
        Optional<Ruleset> inline = node.optional("rules", YamlValues.scalar()).map(scalar ->
                new Ruleset(scalar.text(), Optional.empty(), firstLineOf(scalar)));
        return inline.or(() -> node.optional("firewall", YamlValues.string())
                .flatMap(name -> readRulesFile(name, node.valueLocation("firewall"))))
                .filter(this::restores);
    }

    /** Whether iptables-restore accepts the ruleset; if not, the problem is reported at its line. */
    private boolean restores(Ruleset ruleset) {
        try {
            RulesetLoader.load(ruleset);
            return true;
        } catch (RulesetLoader.RulesetException e) {
            problems.error(e.location(), e.detail());
            return false;
        }
    }

    private Optional<Ruleset> readRulesFile(String name, SourceLocation at) {
        Path file = topologyFile.resolveSibling(name);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return Optional.of(new Ruleset(text, Optional.of(name), SourceLocation.startOf(file.toString())));
        } catch (IOException e) {
            problems.error(at, "cannot read rules file `" + name + "' (" + file + "): " + IoErrors.describe(e));
            return Optional.empty();
        }
    }

    /** Inline rules in a block scalar ({@code rules: |}) start on the line after the bar. */
    private static SourceLocation firstLineOf(YamlScalar scalar) {
        SourceLocation start = scalar.locationAt(0);
        return start.equals(scalar.location()) && scalar.text().contains("\n")
                ? new SourceLocation(start.file(), start.line() + 1, 1)
                : start;
    }

    private Map<String, String> sysctls(List<YamlEntry> entries, List<InterfaceSpec> interfaces) {
        Map<String, String> result = new LinkedHashMap<>();
        for (YamlEntry entry : entries) {
            Optional<Sysctl> sysctl = Sysctl.find(entry.key());
            if (sysctl.isEmpty()) {
                problems.error(entry.keyLocation(), "unsupported sysctl `" + entry.key() + "'; nflab knows: "
                        + Arrays.stream(Sysctl.values()).map(Sysctl::pattern).collect(Collectors.joining(", ")));
                continue;
            }
            Optional<String> device = sysctl.get().device(entry.key());
            if (device.isPresent() && !device.get().equals("all") && !device.get().equals("default")
                    && interfaces.stream().noneMatch(i -> i.name().equals(device.get()))) {
                problems.error(entry.keyLocation(), "sysctl `" + entry.key() + "' names no interface of this node;"
                        + " expected all, default or one of: "
                        + interfaces.stream().map(InterfaceSpec::name).collect(Collectors.joining(", ")));
                continue;
            }
            YamlValues.parsed(sysctl.get().expectedValue(), sysctl.get()::normalize)
                    .read(entry.value(), "`" + entry.key() + "'", problems)
                    .ifPresent(value -> result.put(entry.key(), value));
        }
        return result;
    }

    private Optional<ServiceSpec> service(YamlNode node, String what, Diagnostics problems) {
        Optional<MappingReader> opened = MappingReader.open(node, what, problems, SERVICE_KEYS);
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        MappingReader service = opened.get();
        Optional<Application> app = service.required("app", APPLICATION);
        Optional<TransportProtocol> proto = service.optional("proto", TRANSPORT);
        Optional<Integer> port = service.optional("port", YamlValues.integer(1, 65535));
        if (app.isEmpty() || service.has("proto") && proto.isEmpty() || service.has("port") && port.isEmpty()) {
            return Optional.empty();
        }
        TransportProtocol transport = proto.orElse(app.get().defaultTransport());
        if (!app.get().transports().contains(transport)) {
            problems.error(service.valueLocation("proto"), app.get().keyword() + " runs over "
                    + app.get().transports().stream().map(TransportProtocol::keyword).collect(Collectors.joining(" or "))
                    + ", not " + transport.keyword());
            return Optional.empty();
        }
        return Optional.of(new ServiceSpec(transport, port.orElse(app.get().defaultPort()), app.get()));
    }

    private void checkServicesUnique(String node, List<Located<ServiceSpec>> services) {
        Map<String, Located<ServiceSpec>> seen = new HashMap<>();
        for (Located<ServiceSpec> service : services) {
            ServiceSpec s = service.value();
            Located<ServiceSpec> first = seen.putIfAbsent(s.proto().keyword() + "/" + s.port(), service);
            if (first != null) {
                problems.error(service.location(), "node `" + node + "' already has a service on "
                        + s.proto().keyword() + " port " + s.port() + " (" + first.value().app().keyword()
                        + " at line " + first.location().line() + ")");
            }
        }
    }
}
