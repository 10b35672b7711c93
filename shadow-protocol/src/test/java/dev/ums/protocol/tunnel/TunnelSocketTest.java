package dev.ums.protocol.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tunnel (here: a TCP connection standing in for it) as a plain socket, both ways, and closing through. */
class TunnelSocketTest {
    private ServerSocket farListener;
    private Socket tunnelNear;
    private Socket tunnelFar;

    @BeforeEach
    void tunnel() throws Exception {
        farListener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        tunnelNear = new Socket(InetAddress.getLoopbackAddress(), farListener.getLocalPort());
        tunnelFar = farListener.accept();
        tunnelFar.setSoTimeout(5000);
    }

    @AfterEach
    void close() throws Exception {
        tunnelFar.close();
        tunnelNear.close();
        farListener.close();
    }

    @Test
    void bytesCrossBothWaysAndClosingTheSocketEndsTheTunnel() throws Exception {
        Socket socket = TunnelSocket.over(Endpoint.of(tunnelNear), "test");
        socket.setSoTimeout(5000);

        socket.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(tunnelFar.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("hello");
        tunnelFar.getOutputStream().write("world".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("world");

        socket.close();
        assertThat(tunnelFar.getInputStream().read()).as("the tunnel's far end sees the end").isEqualTo(-1);
    }

    @Test
    void theTunnelEndingClosesTheSocket() throws Exception {
        Socket socket = TunnelSocket.over(Endpoint.of(tunnelNear), "test");
        socket.setSoTimeout(5000);
        InputStream in = socket.getInputStream();

        tunnelFar.close();

        assertThat(in.read()).isEqualTo(-1);
        socket.close();
    }
}
