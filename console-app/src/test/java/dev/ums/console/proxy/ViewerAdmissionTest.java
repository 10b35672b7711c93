package dev.ums.console.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Who may be the proxy's viewer, decided from a socket table given as text: the same user's program, never another
 * user's, and anyone where the table cannot tell.
 */
class ViewerAdmissionTest {
    private static final InetSocketAddress PROXY = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080);
    private static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 41402);
    /** 127.0.0.1:41402 connected to 127.0.0.1:8080 by uid 65534, as a little- or big-endian kernel writes it. */
    private static final List<String> NOBODYS_CONNECTION = List.of(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
            "   1: " + address(41402) + " " + address(8080)
                    + " 01 00000000:00000000 00:00000000 00000000 65534        0 7 1");

    private static String address(int port) {
        String ip = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "0100007F" : "7F000001";
        return ip + ":" + String.format("%04X", port);
    }

    @Test
    void anotherUsersConnectionIsRefused() {
        assertThat(ViewerAdmission.admits(CLIENT, PROXY, OptionalInt.of(1000), NOBODYS_CONNECTION)).isFalse();
    }

    @Test
    void theProxysOwnUsersConnectionIsAdmitted() {
        assertThat(ViewerAdmission.admits(CLIENT, PROXY, OptionalInt.of(65534), NOBODYS_CONNECTION)).isTrue();
    }

    @Test
    void aLoopbackConnectionTheTableDoesNotShowIsRefused() {
        InetSocketAddress unknown = new InetSocketAddress(InetAddress.getLoopbackAddress(), 41403);

        assertThat(ViewerAdmission.admits(unknown, PROXY, OptionalInt.of(1000), NOBODYS_CONNECTION)).isFalse();
    }

    @Test
    void withoutTablesOrFromAnotherMachineTheConnectionIsAdmitted() throws Exception {
        assertThat(ViewerAdmission.admits(CLIENT, PROXY, OptionalInt.of(1000), List.of())).isTrue();
        assertThat(ViewerAdmission.admits(CLIENT, PROXY, OptionalInt.empty(), NOBODYS_CONNECTION)).isTrue();
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 41402);
        assertThat(ViewerAdmission.admits(remote, PROXY, OptionalInt.of(1000), NOBODYS_CONNECTION)).isTrue();
    }
}
