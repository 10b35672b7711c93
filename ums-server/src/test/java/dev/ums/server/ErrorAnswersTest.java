package dev.ums.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.protocol.tls.PinnedTrust;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The answers Jetty gives before a request reaches the router, written on the wire as a client can send them: a path
 * with an encoded separator or an encoded {@code ..}, a malformed {@code Host}, headers too large. Each is the API's
 * JSON sentence with {@code nosniff} and {@code no-store}, as the router's own answers are; before, Jetty's HTML page
 * answered them ({@code text/html}, no {@code nosniff}).
 */
class ErrorAnswersTest {
    @TempDir
    Path data;
    UmsServer server;

    @BeforeEach
    void start() throws Exception {
        server = UmsServer.start(ServerConfig.forTests(data));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void requestsJettyRefusesAreAnsweredWithTheApisJsonSentence() throws Exception {
        String host = "127.0.0.1:" + server.port();
        for (String request : new String[] {
                "GET /webapp/novnc%2Fcore%2Frfb.js HTTP/1.1\r\nHost: " + host + "\r\n",
                "GET /webapp/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: " + host + "\r\n",
                "GET /umsapi/v3/thinclients/1%00 HTTP/1.1\r\nHost: " + host + "\r\n",
                "GET /umsapi/v3/serverstatus HTTP/1.1\r\nHost: a b\r\n",
                "GET /umsapi/v3/serverstatus HTTP/1.1\r\nHost: " + host + "\r\nX-Big: " + "x".repeat(20_000) + "\r\n"}) {
            String answer = exchange(request + "Connection: close\r\n\r\n");
            String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            String what = request.substring(0, Math.min(request.length(), 80));
            assertThat(head).as(what).startsWith("http/1.1 4").contains("content-type: application/json; charset=utf-8",
                    "x-content-type-options: nosniff").containsPattern("cache-control: [^\r\n]*no-store");
            assertThat(body).as(what).startsWith("{\"message\":\"the server cannot take this request (HTTP 4")
                    .endsWith(")\"}").doesNotContain("<", "Jetty", "Exception");
        }
    }

    @Test
    void theRoutersOwnAnswersSayNosniffToo() throws Exception {
        String answer = exchange("GET /umsapi/v3/nothing HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nConnection: close\r\n\r\n").toLowerCase();
        assertThat(answer).startsWith("http/1.1 404").contains("x-content-type-options: nosniff");
    }

    private String exchange(String request) throws IOException {
        try (SSLSocket socket = (SSLSocket) PinnedTrust.fingerprint(server.fingerprint()).sslContext().getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
