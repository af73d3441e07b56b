package io.nflab.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nflab.address.InterfaceAddress;
import io.nflab.address.Ipv4Address;
import io.nflab.address.Ipv4Prefix;
import io.nflab.address.MacAddress;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The value types are immutable: final classes whose fields are private, final and immutable themselves (ONOS ImmutableClassChecker). */
class ImmutabilityTest {
    private static final Set<Class<?>> VALUE_TYPES = Set.of(
            Ipv4Address.class, Ipv4Prefix.class, InterfaceAddress.class, MacAddress.class,
            Bytes.class, Payload.class, IpProtocol.class, IcmpType.class, IcmpName.class, TcpFlags.class,
            TcpOptions.class, TcpOption.End.class, TcpOption.Nop.class, TcpOption.Mss.class,
            TcpOption.WindowScale.class, TcpOption.SackPermitted.class, TcpOption.SackBlock.class,
            TcpOption.Sack.class, TcpOption.Timestamps.class, TcpOption.Unknown.class,
            Ipv4Header.class, Ipv4Packet.class, TcpSegment.class, UdpDatagram.class, IcmpQuery.class,
            IcmpError.class, IcmpOther.class, RawTransport.class, QuotedDatagram.class,
            ArpPacket.class, EthernetFrame.class, PacketMeta.class);
    /** Immutable types besides the value types: String and an enum. ({@link Bytes} may keep its own array.) */
    private static final Set<Class<?>> TRUSTED = Set.of(String.class, ArpOperation.class);

    @Test
    void valueTypesAreFinalWithFinalImmutableFields() {
        for (Class<?> type : VALUE_TYPES) {
            assertTrue(Modifier.isFinal(type.getModifiers()), type + " is not final");
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                String name = type.getSimpleName() + "." + field.getName();
                assertTrue(Modifier.isPrivate(field.getModifiers()), name + " is not private");
                assertTrue(Modifier.isFinal(field.getModifiers()), name + " is not final");
                assertImmutable(name, field.getGenericType(), type == Bytes.class);
            }
        }
    }

    private static void assertImmutable(String name, Type type, boolean ownArray) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            assertImmutable(name, parameterized.getActualTypeArguments()[0], false);
            return;
        }
        Class<?> raw = (Class<?>) type;
        boolean ok = raw.isPrimitive() || TRUSTED.contains(raw) || VALUE_TYPES.contains(raw)
                || (ownArray && raw == byte[].class) || sealedOverValueTypes(raw);
        assertTrue(ok, name + " has type " + type + ", not known to be immutable");
    }

    private static boolean sealedOverValueTypes(Class<?> type) {
        if (!type.isSealed()) {
            return false;
        }
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            if (!VALUE_TYPES.contains(permitted) && !sealedOverValueTypes(permitted)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void sealedHierarchiesContainOnlyValueTypes() {
        assertTrue(sealedOverValueTypes(Transport.class));
        assertTrue(sealedOverValueTypes(EthernetPayload.class));
        assertTrue(sealedOverValueTypes(TcpOption.class));
    }

    @Test
    void bytesCopyWhatTheyAreGivenAndWhatTheyHandOut() {
        byte[] source = {1, 2, 3};
        Bytes bytes = Bytes.of(source);
        source[0] = 9;
        assertEquals(1, bytes.get(0));
        bytes.toArray()[1] = 9;
        assertEquals(2, bytes.get(1));
        byte[] payloadSource = {7};
        Payload payload = Payload.of(payloadSource);
        payloadSource[0] = 8;
        assertEquals(7, payload.bytes().get(0));
    }

    @Test
    void listsAreCopied() {
        List<TcpOption.SackBlock> blocks = new ArrayList<>(List.of(new TcpOption.SackBlock(1, 2)));
        TcpOption.Sack sack = new TcpOption.Sack(blocks);
        blocks.add(new TcpOption.SackBlock(3, 4));
        assertEquals(1, sack.blocks().size());
        assertThrows(UnsupportedOperationException.class, () -> sack.blocks().add(new TcpOption.SackBlock(5, 6)));
        assertThrows(UnsupportedOperationException.class,
                () -> TcpOptions.of(new TcpOption.Nop()).list().add(new TcpOption.Nop()));
    }

    @Test
    void rewritesReturnNewPacketsAndLeaveTheOriginalAlone() {
        Ipv4Packet packet = PacketText.parse("tcp 10.0.0.1:1000 > 10.0.0.2:80 flags S");
        Ipv4Packet rewritten = packet.withDestination(Ipv4Address.parse("192.168.1.2"))
                .withTransport(((TcpSegment) packet.transport()).withPorts(1000, 8080)).withTtl(63);
        assertEquals("tcp 10.0.0.1:1000 > 10.0.0.2:80 flags S", packet.toString());
        assertEquals("tcp 10.0.0.1:1000 > 192.168.1.2:8080 flags S ttl 63", rewritten.toString());
    }
}
