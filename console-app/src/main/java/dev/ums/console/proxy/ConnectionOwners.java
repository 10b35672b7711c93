package dev.ums.console.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;

/**
 * Which local user opened a TCP connection to this machine, read from Linux's socket tables ({@code /proc/net/tcp}
 * and {@code tcp6}, one line a socket with its addresses and its owner's uid): the connecting side is the socket whose
 * own address is the connection's far end and whose remote address is our end. Reads text it is given, no file; any
 * thread.
 */
final class ConnectionOwners {
    private static final int LOCAL = 1;
    private static final int REMOTE = 2;
    private static final int STATE = 3;
    /** The kernel's code for a connection that is open; a closed one's leftover (TIME_WAIT) has no owner. */
    private static final String ESTABLISHED = "01";
    private static final int UID = 7;

    private ConnectionOwners() {
    }

    /**
     * The uid of the open socket in {@code table} (lines of {@code /proc/net/tcp} or {@code tcp6}, header included)
     * that connected from {@code from} to {@code to}; empty when no line describes it.
     */
    static OptionalInt ownerOf(List<String> table, InetSocketAddress from, InetSocketAddress to) {
        for (String line : table) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length <= UID || !fields[0].endsWith(":") || !ESTABLISHED.equals(fields[STATE])) {
                continue;
            }
            InetSocketAddress local = address(fields[LOCAL]);
            InetSocketAddress remote = address(fields[REMOTE]);
            if (from.equals(local) && to.equals(remote)) {
                try {
                    return OptionalInt.of(Integer.parseInt(fields[UID]));
                } catch (NumberFormatException e) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }

    /**
     * {@code 0100007F:1F90} or the 32 digits of IPv6: the address as 32-bit words each in the kernel's byte order, the
     * port in plain hex. An IPv4-mapped IPv6 address comes back as the IPv4 address, as Java's sockets report it.
     */
    private static InetSocketAddress address(String field) {
        int colon = field.indexOf(':');
        if (colon != 8 && colon != 32) {
            return null;
        }
        try {
            byte[] words = HexFormat.of().parseHex(field, 0, colon);
            if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
                for (int i = 0; i < words.length; i += 4) {
                    swap(words, i, i + 3);
                    swap(words, i + 1, i + 2);
                }
            }
            return new InetSocketAddress(InetAddress.getByAddress(words), Integer.parseInt(field.substring(colon + 1),
                    16));
        } catch (IllegalArgumentException | UnknownHostException e) {
            return null;
        }
    }

    private static void swap(byte[] bytes, int i, int j) {
        byte kept = bytes[i];
        bytes[i] = bytes[j];
        bytes[j] = kept;
    }
}
