package io.nflab.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SysctlTest {

    @Test
    void namesAndPerInterfaceNames() {
        assertEquals(Optional.of(Sysctl.IP_FORWARD), Sysctl.find("net.ipv4.ip_forward"));
        assertEquals(Optional.of(Sysctl.RP_FILTER), Sysctl.find("net.ipv4.conf.eth0.rp_filter"));
        assertEquals(Optional.of("all"), Sysctl.RP_FILTER.device("net.ipv4.conf.all.rp_filter"));
        assertEquals(Optional.empty(), Sysctl.find("net.ipv4.conf.*.rp_filter"));
        assertEquals(Optional.empty(), Sysctl.find("net.ipv4.conf.a.b.rp_filter"));
        assertEquals(Optional.of("eth0.100"), Sysctl.RP_FILTER.device("net.ipv4.conf.eth0/100.rp_filter"));
        assertEquals(Optional.empty(), Sysctl.find("net.ipv4.ip_foward"));
    }

    @Test
    void valuesAreCheckedAndWrittenAsTheKernelTakesThem() {
        assertEquals(Optional.of("1"), Sysctl.IP_FORWARD.normalize(" 1 "));
        assertEquals(Optional.empty(), Sysctl.IP_FORWARD.normalize("2"));
        assertEquals(Optional.empty(), Sysctl.IP_FORWARD.normalize("yes"));
        assertEquals(Optional.of("32768 60999"), Sysctl.IP_LOCAL_PORT_RANGE.normalize("32768\t 60999"));
        assertEquals(Optional.empty(), Sysctl.IP_LOCAL_PORT_RANGE.normalize("60999 32768"));
        assertEquals(Optional.empty(), Sysctl.IP_LOCAL_PORT_RANGE.normalize("1024"));
        assertEquals("two numbers LOW HIGH in 1..65535", Sysctl.IP_LOCAL_PORT_RANGE.expectedValue());
    }
}
