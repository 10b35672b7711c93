package dev.ums.protocol.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The sentences for failures the JDK's WebSocket client really produces, each made by a real attempt. */
class TunnelFailuresTest {
    @Test
    void aNameThatDoesNotResolveIsNamedAsSuch() {
        URI uri = URI.create("wss://no-such-host.invalid:8443/shadow/tunnel/s1");

        assertThat(TunnelFailures.describe(uri, attempt(uri))).isEqualTo("cannot find the host no-such-host.invalid");
    }

    @Test
    void aPortWhereNothingListensIsARefusedConnection() throws Exception {
        int closed;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        URI uri = URI.create("wss://127.0.0.1:" + closed + "/shadow/tunnel/s1");

        assertThat(TunnelFailures.describe(uri, attempt(uri)))
                .isEqualTo("cannot connect to 127.0.0.1:" + closed + " (connection refused)");
    }

    @Test
    void aHostThePeerNamedIsQuotedCutAndAsTextOnly() {
        URI uri = URI.create("wss://" + "h".repeat(2000) + ".invalid:8443/shadow/tunnel/s1");

        assertThat(TunnelFailures.describe(uri, new UnknownHostException("no such host")))
                .isEqualTo("cannot find the host " + "h".repeat(253) + "…");
        assertThat(TunnelFailures.describe(uri, new ConnectException("refused")))
                .isEqualTo("cannot connect to " + "h".repeat(253) + "…:8443 (connection refused)");
    }

    private static Throwable attempt(URI uri) {
        Throwable failure = catchThrowable(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() { }).join());
        assertThat(failure).isInstanceOf(CompletionException.class);
        return failure.getCause();
    }
}
