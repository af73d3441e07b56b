package io.nflab.app;

import io.nflab.address.Ipv4Address;
import io.nflab.packet.Bytes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the services of one host know: the node's name (the HTTP body and FTP files name it), the A
 * records a DNS service answers from, and the files an FTP service offers.
 *
 * @param records DNS names (without the trailing dot, any case) and their addresses
 * @param files   FTP file names and contents, in listing order
 */
public record ServiceContext(String nodeName, Map<String, Ipv4Address> records, Map<String, Bytes> files) {

    public ServiceContext {
        Objects.requireNonNull(nodeName, "nodeName");
        records = Map.copyOf(records);
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** A host with no DNS records and the default FTP files: {@code readme.txt} naming the node, {@code data.bin} (4 KiB). */
    public static ServiceContext of(String nodeName) {
        return new ServiceContext(nodeName, Map.of(), defaultFiles(nodeName));
    }

    public ServiceContext withRecords(Map<String, Ipv4Address> newRecords) {
        return new ServiceContext(nodeName, newRecords, files);
    }

    public ServiceContext withFiles(Map<String, Bytes> newFiles) {
        return new ServiceContext(nodeName, records, newFiles);
    }

    private static Map<String, Bytes> defaultFiles(String nodeName) {
        Map<String, Bytes> files = new LinkedHashMap<>();
        files.put("readme.txt", Bytes.ofLatin1("This is the FTP server of " + nodeName + ".\n"));
        byte[] data = new byte[4096];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        files.put("data.bin", Bytes.of(data));
        return files;
    }
}
