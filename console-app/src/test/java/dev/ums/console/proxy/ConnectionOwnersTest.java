package dev.ums.console.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Reading the owner of a loopback connection from Linux's socket tables, from their text and from the live kernel. */
class ConnectionOwnersTest {
    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode";
    private static final List<String> TABLE = List.of(HEADER,
            // an earlier connection between the same ports, closed and in TIME_WAIT (06): the kernel shows uid 0
            "   9: 0100007F:A1BA 0100007F:1F90 06 00000000:00000000 03:00001770 00000000     0        0 0 3",
            // listening on 127.0.0.1:8080 (0x1F90), uid 1000
            "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1208 1",
            // 127.0.0.1:41402 (0xA1BA) connected to it, uid 65534
            "   1: 0100007F:A1BA 0100007F:1F90 01 00000000:00000000 00:00000000 00000000 65534        0 7 1",
            // the accepted end, uid 1000
            "   2: 0100007F:1F90 0100007F:A1BA 01 00000000:00000000 00:00000000 00000000  1000        0 8 1",
            // tcp6: ::ffff:127.0.0.1:40035 (0x9C63) to ::ffff:127.0.0.1:8080, uid 1001
            "   0: 0000000000000000FFFF00000100007F:9C63 0000000000000000FFFF00000100007F:1F90 01 00000000:00000000"
                    + " 00:00000000 00000000  1001        0 9 1",
            // tcp6: [::1]:49152 (0xC000) to [::1]:8080, uid 1002
            "   1: 00000000000000000000000001000000:C000 00000000000000000000000001000000:1F90 01 00000000:00000000"
                    + " 00:00000000 00000000  1002        0 10 1");

    /**
     * A sample line as this machine's kernel writes it: the sample's addresses are a little-endian kernel's, each
     * 32-bit word in that order; a big-endian kernel writes each word's bytes the other way round.
     */
    private static String inNativeOrder(String line) {
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            return line;
        }
        return Pattern.compile("\\b([0-9A-F]{8}|[0-9A-F]{32}):").matcher(line).replaceAll(address -> {
            String words = address.group(1);
            StringBuilder swapped = new StringBuilder();
            for (int w = 0; w < words.length(); w += 8) {
                for (int b = w + 6; b >= w; b -= 2) {
                    swapped.append(words, b, b + 2);
                }
            }
            return swapped + ":";
        });
    }

    private static InetSocketAddress at(String host, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    @Test
    void theConnectingSocketsLineNamesItsOwner() throws Exception {
        List<String> table = TABLE.stream().map(ConnectionOwnersTest::inNativeOrder).toList();

        assertThat(ConnectionOwners.ownerOf(table, at("127.0.0.1", 41402), at("127.0.0.1", 8080))).hasValue(65534);
        assertThat(ConnectionOwners.ownerOf(table, at("127.0.0.1", 8080), at("127.0.0.1", 41402))).hasValue(1000);
        assertThat(ConnectionOwners.ownerOf(table, at("127.0.0.1", 40035), at("127.0.0.1", 8080)))
                .as("IPv4-mapped in tcp6").hasValue(1001);
        assertThat(ConnectionOwners.ownerOf(table, at("::1", 49152), at("::1", 8080))).hasValue(1002);
        assertThat(ConnectionOwners.ownerOf(table, at("127.0.0.1", 41403), at("127.0.0.1", 8080))).isEmpty();
    }

    @Test
    void damagedLinesAreSkipped() throws Exception {
        List<String> damaged = List.of("garbage", "   0: ZZZZZZZZ:1F90 0100007F:1F90 01 a b c x", "   1: 0100007F:A1BA");

        assertThat(ConnectionOwners.ownerOf(damaged, at("127.0.0.1", 41402), at("127.0.0.1", 8080))).isEmpty();
    }

    @Test
    void aLoopbackConnectionOfThisProcessIsFoundInTheKernelsTableWithOurUid() throws Exception {
        Path tcp = Path.of("/proc/net/tcp");
        assertThat(tcp).as("the kernel's socket table (Linux)").isReadable();
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             Socket client = new Socket(listener.getInetAddress(), listener.getLocalPort());
             Socket accepted = listener.accept()) {
            List<String> table = new ArrayList<>(Files.readAllLines(tcp));
            table.addAll(Files.readAllLines(Path.of("/proc/net/tcp6")));

            assertThat(ConnectionOwners.ownerOf(table, (InetSocketAddress) accepted.getRemoteSocketAddress(),
                    (InetSocketAddress) accepted.getLocalSocketAddress())).hasValue(self);
            assertThat(ViewerAdmission.admits(accepted)).isTrue();
        }
    }
}
