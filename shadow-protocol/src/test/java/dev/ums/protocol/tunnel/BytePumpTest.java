package dev.ums.protocol.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two socket pairs joined by the pump: bytes arrive intact both ways, and one side closing closes the other. */
class BytePumpTest {
    private static Socket[] pair(ServerSocket server) throws Exception {
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        return new Socket[] {client, server.accept()};
    }

    @Test
    void bytesArriveIntactBothWaysAndAnEndClosesBoth() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Socket[] viewer = pair(server);
            Socket[] device = pair(server);
            BytePump pump = BytePump.start("test", Endpoint.of(viewer[1]), Endpoint.of(device[1]), 4096);

            viewer[0].getOutputStream().write("key".getBytes());
            assertThat(device[0].getInputStream().readNBytes(3)).isEqualTo("key".getBytes());

            byte[] screen = new byte[1 << 20];
            new Random(7).nextBytes(screen);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = device[0].getOutputStream();
                    out.write(screen);
                    out.flush();
                    device[0].shutdownOutput();
                } catch (Exception e) {
                    // the assertion below reports what arrived
                }
            });
            writer.start();

            InputStream in = viewer[0].getInputStream();
            assertThat(Arrays.equals(in.readNBytes(screen.length), screen)).as("1 MiB through a 4 KiB pump").isTrue();
            assertThat(in.read()).as("the device's end reaches the viewer").isEqualTo(-1);
            BytePump.Totals totals = pump.done().get(10, TimeUnit.SECONDS);
            assertThat(totals.leftToRight()).isEqualTo(3);
            assertThat(totals.rightToLeft()).isEqualTo(screen.length);
            writer.join();
            viewer[0].close();
            device[0].close();
        }
    }
}
