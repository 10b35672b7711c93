package dev.ums.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BoundedBody} in a real Jetty server, spoken to over raw sockets: which requests declare a body, what is
 * read, and a body over the limit refused from its length alone.
 */
class BoundedBodyTest {
    private static final BoundedBody.Limits SMALL = new BoundedBody.Limits(64, Duration.ofSeconds(5), 1,
            Duration.ofSeconds(30));
    private Server server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String declared = "declared=" + BoundedBody.declared(request);
                if (request.getHeaders().contains("X-Read")) {
                    BoundedBody.read(request, SMALL).whenComplete((bytes, failure) -> answer(response, callback,
                            failure == null ? 200 : ((BoundedBody.RefusedException) failure).status(),
                            declared + (failure == null ? " body=" + new String(bytes, StandardCharsets.UTF_8) : "")));
                } else {
                    answer(response, callback, 200, declared);
                }
                return true;
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    private static void answer(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        Content.Sink.write(response, true, text, callback);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    @Test
    void aBodyIsDeclaredByALengthAboveZeroOrByChunks() throws Exception {
        assertThat(exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).endsWith("declared=false");
        assertThat(exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")).endsWith("declared=false");
        assertThat(exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello")).endsWith("declared=true");
        assertThat(exchange("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"))
                .endsWith("declared=true");
    }

    @Test
    void aBodyWithinTheLimitIsReadWholeAndOneOverItIsRefusedFromItsLength() throws Exception {
        assertThat(exchange("POST / HTTP/1.1\r\nHost: x\r\nX-Read: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nhel\r\n2\r\nlo\r\n0\r\n\r\n")).startsWith("HTTP/1.1 200").endsWith("declared=true body=hello");
        assertThat(exchange("POST / HTTP/1.1\r\nHost: x\r\nX-Read: 1\r\nContent-Length: 65\r\n\r\n"))
                .startsWith("HTTP/1.1 413");
    }

    /** Sends {@code request} and reads the whole answer, which ends with the connection. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
