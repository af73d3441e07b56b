package io.nflab.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteSpecTest {

    @Test
    void defaultRoute() {
        RouteSpec route = RouteSpec.parse("default via 192.168.1.1");
        assertEquals(RouteSpec.via(Ipv4Prefix.ANY, Ipv4Address.parse("192.168.1.1")), route);
        assertEquals(true, route.isDefault());
    }

    @Test
    void everyPartInAnyOrder() {
        RouteSpec route = RouteSpec.parse("10.0.0.0/8  metric 100 dev eth1 via 10.1.1.1");
        assertEquals(new RouteSpec(RouteType.UNICAST, Ipv4Prefix.parse("10.0.0.0/8"),
                Optional.of(Ipv4Address.parse("10.1.1.1")), Optional.of("eth1"), 100), route);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "default via 192.168.1.1                 | default via 192.168.1.1",
        "0.0.0.0/0 via 192.168.1.1               | default via 192.168.1.1",
        "10.0.0.0/8 via 10.1.1.1 dev eth1 metric 5 | 10.0.0.0/8 via 10.1.1.1 dev eth1 metric 5",
        "10.0.0.0/8 metric 0 via 10.1.1.1        | 10.0.0.0/8 via 10.1.1.1",
        "192.168.7.0/24 dev eth0                 | 192.168.7.0/24 dev eth0",
        "10.9.9.9 via 10.1.1.1                   | 10.9.9.9 via 10.1.1.1",
        "10.9.9.9/32 via 10.1.1.1                | 10.9.9.9 via 10.1.1.1",
        "unicast 10.0.0.0/8 dev eth0             | 10.0.0.0/8 dev eth0",
        "blackhole 10.0.0.0/8                    | blackhole 10.0.0.0/8",
        "unreachable default metric 4294967295   | unreachable default metric 4294967295",
        "prohibit 172.16.0.0/12                  | prohibit 172.16.0.0/12",
        "default via 10.1.1.1 table 100          | default via 10.1.1.1 table 100",
        "default table main via 10.1.1.1         | default via 10.1.1.1",
        "blackhole 10.0.0.0/8 table local        | blackhole 10.0.0.0/8 table local",
    })
    void printsWhatIpRouteTakesBack(String text, String printed) {
        assertEquals(printed, RouteSpec.parse(text).toString());
        assertEquals(RouteSpec.parse(text), RouteSpec.parse(printed));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                               | ''        | 0  | empty route; expected e.g. `default via 192.168.1.1'",
        "blackhole                        | ''        | 9  | missing destination; expected `default' or a prefix A.B.C.D/LEN",
        "defualt via 10.0.0.1             | defualt   | 0  | invalid destination `defualt'; expected `default' or a prefix A.B.C.D/LEN",
        "10.0.0.0/8                       | ''        | 10 | a route needs `via ADDRESS' or `dev INTERFACE'",
        "10.0.0.0/8 via                   | ''        | 14 | `via' needs a gateway address",
        "default via 10.0.0.1 table 0     | 0         | 27 | invalid table `0'; expected 1..4294967295, main, local or default",
        "default via 10.0.0.1 table x1    | x1        | 27 | invalid table `x1'; expected 1..4294967295, main, local or default",
        "10.0.0.0/8 via 10.0.0.256        | 10.0.0.256 | 15 | invalid gateway address `10.0.0.256'; expected A.B.C.D",
        "10.0.0.0/8 dev eth0 dev eth1     | dev       | 20 | `dev' given twice",
        "10.0.0.0/8 dev eth0 metric -1    | -1        | 27 | invalid metric `-1'; expected 0..4294967295",
        "10.0.0.0/8 dev eth0 metric 4294967296 | 4294967296 | 27 | invalid metric `4294967296'; expected 0..4294967295",
        "10.0.0.0/8 dev eth0 proto static | proto     | 20 | unexpected word `proto'; expected via, dev, metric or table",
        "blackhole 10.0.0.0/8 via 10.0.0.1 | via      | 21 | a blackhole route takes no `via'",
        "prohibit 10.0.0.0/8 src 10.0.0.1 | src       | 20 | unexpected word `src'; expected metric or table",
        "10.0.0.1/8 dev eth0              | 10.0.0.1/8 | 0 | invalid prefix `10.0.0.1/8' for its length (host bits set); did you mean 10.0.0.0/8?",
    })
    void refusesNamingTheWordAndItsColumn(String text, String word, int column, String problem) {
        RouteSyntaxException e = assertThrows(RouteSyntaxException.class, () -> RouteSpec.parse(text));
        assertEquals("invalid route `" + text + "': " + problem, e.getMessage());
        assertEquals(word, e.offendingWord());
        assertEquals(column, e.column());
    }

    @Test
    void theModelRefusesImpossibleRoutes() {
        assertThrows(IllegalArgumentException.class, () -> new RouteSpec(RouteType.UNICAST, Ipv4Prefix.ANY,
                Optional.empty(), Optional.empty(), 0));
        assertThrows(IllegalArgumentException.class, () -> new RouteSpec(RouteType.BLACKHOLE, Ipv4Prefix.ANY,
                Optional.of(Ipv4Address.LOOPBACK), Optional.empty(), 0));
        assertThrows(IllegalArgumentException.class, () -> new RouteSpec(RouteType.UNICAST, Ipv4Prefix.ANY,
                Optional.empty(), Optional.of("eth0"), -1));
    }
}
