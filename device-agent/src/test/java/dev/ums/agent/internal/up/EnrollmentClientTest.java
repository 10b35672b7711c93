package dev.ums.agent.internal.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tls.SelfSignedIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Enrollment against a server that answers what no server should: an error whose sentence holds terminal escapes and
 * line breaks, an answer without end. A one-connection HTTPS responder on a real TLS socket plays the server; its
 * thread writes the answer, JUnit's thread enrolls.
 */
class EnrollmentClientTest {
    private static final EnrollmentRequest REQUEST = new EnrollmentRequest("device", "unit", "02:00:00:00:00:01", "12",
            null);

    private final SelfSignedIdentity identity = SelfSignedIdentity.create("hostile-enrollment");
    private ServerSocket server;

    EnrollmentClientTest() throws Exception {
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Answers the one request it gets by letting {@code answer} write to the connection, then closes it. */
    private EnrollmentClient clientOf(Consumer<OutputStream> answer) throws Exception {
        SSLServerSocket tls = (SSLServerSocket) identity.serverContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server = tls;
        Thread responder = new Thread(() -> {
            try (Socket client = tls.accept()) {
                readRequest(client.getInputStream());
                answer.accept(client.getOutputStream());
            } catch (IOException e) {
                // the agent left, or the test ended
            }
        }, "hostile-enrollment");
        responder.setDaemon(true);
        responder.start();
        return new EnrollmentClient(HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(identity.fingerprint()).sslContext()).build(),
                UpstreamUrl.parse("https://127.0.0.1:" + tls.getLocalPort()));
    }

    /** The request's head and its body of Content-Length bytes. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the request ended early");
            }
            head.write(b);
        }
        int length = head.toString(StandardCharsets.ISO_8859_1).lines()
                .filter(l -> l.toLowerCase().startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElse(0);
        in.readNBytes(length);
    }

    private static void write(OutputStream out, String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // the agent stopped reading
        }
    }

    @Test
    void theServersSentenceIsShownWithoutItsControlCharacters() throws Exception {
        String body = "{\"message\":\"\\u001b]0;owned\\u0007token refused\\nFORGED line \\u009b31m\\u202eevil\"}";
        EnrollmentClient client = clientOf(out -> write(out, "HTTP/1.1 403 Forbidden\r\nContent-Type: application/json"
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
                + body));

        assertThatThrownBy(() -> client.enroll("token", REQUEST)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("the server refused the enrollment token (")
                .hasMessageContaining("token refused")
                .hasMessageNotContainingAny("\u001b", "\u0007", "\n", "\u009b", "\u202e");
    }

    @Test
    void anAnswerWithoutEndIsNotReadPastItsLimit() throws Exception {
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        EnrollmentClient client = clientOf(out -> {
            write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"deviceId\":\"");
            try {
                for (int i = 0; i < 256; i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the agent stopped reading: what it should do
            }
        });

        assertThatThrownBy(() -> client.enroll("token", REQUEST)).isInstanceOf(IOException.class)
                .hasMessage("cannot enroll: the server's enrollment answer is larger than 64 KiB");
    }

    @Test
    void aUsualAnswerStillEnrolls() throws Exception {
        String body = "{\"deviceId\":\"17\",\"credential\":\"" + "c".repeat(43) + "\"}";
        EnrollmentClient client = clientOf(out -> write(out, "HTTP/1.1 201 Created\r\nContent-Type: application/json"
                + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body));

        EnrollmentClient.Result result = client.enroll("token", REQUEST);

        assertThat(result.enrollment().deviceId()).isEqualTo("17");
        assertThat(result.awaitingApproval()).isFalse();
    }
}
