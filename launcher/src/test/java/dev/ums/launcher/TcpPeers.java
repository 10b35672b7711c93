package dev.ums.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets of one process, read from Linux's {@code /proc} (the process's socket inodes in
 * {@code /proc/PID/fd}, the sockets in {@code /proc/net/tcp} and {@code tcp6}), so no tool such as {@code ss}
 * needs to be installed: its established connections to other processes, and where it listens.
 */
final class TcpPeers {
    private static final String ESTABLISHED = "01";
    private static final String LISTEN = "0A";
    private static final String V4_MAPPED = "0000000000000000FFFF0000";

    private TcpPeers() {
    }

    /**
     * The ports of the remote ends of {@code pid}'s established connections to other processes; connections
     * between two sockets of the process itself (loopback pairs) are left out, since they reach nobody else.
     */
    static Set<Integer> of(long pid) throws IOException {
        Set<String> locals = new HashSet<>();
        Set<String> peers = new HashSet<>();
        for (String[] f : sockets(pid, ESTABLISHED)) {
            locals.add(normalize(f[1]));
            peers.add(normalize(f[2]));
        }
        Set<Integer> ports = new HashSet<>();
        for (String peer : peers) {
            if (!locals.contains(peer)) {
                ports.add(Integer.parseInt(peer.substring(peer.indexOf(':') + 1), 16));
            }
        }
        return ports;
    }

    /** The addresses {@code pid} listens on. */
    static List<InetSocketAddress> listening(long pid) throws IOException {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String[] f : sockets(pid, LISTEN)) {
            String[] hostPort = f[1].split(":");
            addresses.add(new InetSocketAddress(address(hostPort[0]), Integer.parseInt(hostPort[1], 16)));
        }
        return addresses;
    }

    /** The rows of {@code /proc/net/tcp} and {@code tcp6} for {@code pid}'s sockets in {@code state}. */
    private static List<String[]> sockets(long pid, String state) throws IOException {
        Set<String> inodes = socketInodes(pid);
        List<String[]> rows = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path file = Path.of("/proc", String.valueOf(pid), "net", table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals(state) && inodes.contains(f[9])) {
                    rows.add(f);
                }
            }
        }
        return rows;
    }

    /** An address as {@code /proc} prints it: 32-bit words in hexadecimal, each in the machine's byte order. */
    private static InetAddress address(String hex) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(hex.length() / 2);
        for (int i = 0; i < hex.length(); i += 8) {
            int word = Integer.parseUnsignedInt(hex.substring(i, i + 8), 16);
            bytes.putInt(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? Integer.reverseBytes(word) : word);
        }
        return InetAddress.getByAddress(bytes.array());
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (NoSuchFileException closedMeanwhile) {
                    // the descriptor was closed while we listed them
                }
            }
        }
        return inodes;
    }

    /** {@code HEXADDR:HEXPORT}, with an IPv4-mapped IPv6 address reduced to its IPv4 part. */
    private static String normalize(String address) {
        return address.startsWith(V4_MAPPED) ? address.substring(V4_MAPPED.length()) : address;
    }
}
