package dev.ums.console.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.tunnel.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WatchedTunnelTest {
    /** A tunnel whose far side sends {@code bytes} and then ends. */
    private static Endpoint tunnelSending(byte[] bytes) {
        return new Endpoint() {
            private final InputStream in = new ByteArrayInputStream(bytes);

            @Override
            public InputStream input() {
                return in;
            }

            @Override
            public OutputStream output() {
                return new ByteArrayOutputStream();
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void theEndIsKnownAtOnceButEveryByteBeforeItIsStillDelivered() throws Exception {
        byte[] sent = new byte[100_000];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = (byte) (i * 31);
        }
        WatchedTunnel tunnel = WatchedTunnel.watch("test-tunnel", tunnelSending(sent), 1024);

        // fewer than all bytes fit in the queue, so the end is only known once a reader drains it
        InputStream in = tunnel.input();
        byte[] received = in.readAllBytes();

        assertThat(received).isEqualTo(sent);
        assertThat(in.read()).isEqualTo(-1);
        tunnel.ended().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aShortSessionEndsWithoutAnyReader() throws Exception {
        WatchedTunnel tunnel = WatchedTunnel.watch("test-tunnel", tunnelSending("RFB 003.008\n".getBytes()), 1024);

        tunnel.ended().get(10, TimeUnit.SECONDS);

        assertThat(new String(tunnel.input().readAllBytes())).isEqualTo("RFB 003.008\n");
    }

    @Test
    void aFailureOfTheTunnelReachesTheReaderAfterTheBytesBeforeIt() throws Exception {
        Endpoint failing = new Endpoint() {
            private int calls;

            @Override
            public InputStream input() {
                return new InputStream() {
                    @Override
                    public int read() {
                        throw new UnsupportedOperationException();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (calls++ == 0) {
                            b[off] = 42;
                            return 1;
                        }
                        throw new IOException("the tunnel failed: reset");
                    }
                };
            }

            @Override
            public OutputStream output() {
                return new ByteArrayOutputStream();
            }

            @Override
            public void close() {
            }
        };
        WatchedTunnel tunnel = WatchedTunnel.watch("test-tunnel", failing, 1024);
        InputStream in = tunnel.input();

        assertThat(in.read()).isEqualTo(42);
        org.assertj.core.api.Assertions.assertThatThrownBy(in::read).hasMessage("the tunnel failed: reset");
    }
}
