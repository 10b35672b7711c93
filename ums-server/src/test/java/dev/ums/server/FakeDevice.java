package dev.ums.server;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A device written straight from docs/PROTOCOL.md, for testing the server alone: enrolls, holds a UP socket,
 * and answers shadow requests the way the test tells it to.
 */
final class FakeDevice implements AutoCloseable {
    final Enrollment enrollment;
    private final String baseUrl;
    private final HttpClient http;
    private final BlockingQueue<UpMessage> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<WebSocketEndpoint> tunnels = new LinkedBlockingQueue<>();
    private volatile Function<UpMessage.ShadowOpen, ShadowOutcome> answer = open -> ShadowOutcome.ACCEPTED;
    private volatile Integer securePort;
    private WebSocket up;
    private final CompletableFuture<String> closed = new CompletableFuture<>();

    FakeDevice(UmsServer server, RestClient rest, String name, String enrollmentToken) {
        this(server, enrolled(rest, name, "unit-" + name, enrollmentToken));
    }

    /** A device that enrolled before and holds this id and credential. */
    FakeDevice(UmsServer server, Enrollment enrollment) {
        this(server.baseUrl(), server.fingerprint(), enrollment);
    }

    /** A device that enrolled before with a server known by its base URL and certificate pin. */
    FakeDevice(String baseUrl, String fingerprint, Enrollment enrollment) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().sslContext(PinnedTrust.fingerprint(fingerprint).sslContext()).build();
        this.enrollment = enrollment;
    }

    /** The server's answer to enrolling {@code unitId} under {@code name}. */
    static RestClient.Reply enroll(RestClient rest, String name, String unitId, String enrollmentToken) {
        return rest.post(UpPaths.ENROLL, new EnrollmentRequest(name, unitId, "00:11:22:33:44:55", "12", null),
                "Bearer " + enrollmentToken);
    }

    private static Enrollment enrolled(RestClient rest, String name, String unitId, String enrollmentToken) {
        RestClient.Reply reply = enroll(rest, name, unitId, enrollmentToken);
        if (reply.status() != 200) {
            throw new IllegalStateException("enrollment failed: " + reply);
        }
        return reply.as(Enrollment.class);
    }

    /** The HTTP status the server answers this device's UP upgrade with: 101 when it was accepted. */
    int upgradeStatus() throws Exception {
        try {
            WebSocket ws = http.newWebSocketBuilder()
                    .header("Authorization", UpPaths.deviceAuthorization(enrollment.deviceId(), enrollment.credential()))
                    .buildAsync(URI.create(baseUrl.replace("https", "wss") + UpPaths.UP), new Listener())
                    .get(10, TimeUnit.SECONDS);
            ws.abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** Reports an OS 11 secure VNC port in the next hello. */
    FakeDevice withSecurePort(int port) {
        this.securePort = port;
        return this;
    }

    FakeDevice answering(Function<UpMessage.ShadowOpen, ShadowOutcome> how) {
        this.answer = how;
        return this;
    }

    FakeDevice connect(String name) throws Exception {
        return connect(name, ShadowSettings.DEFAULTS);
    }

    FakeDevice connect(String name, ShadowSettings reported) throws Exception {
        up = http.newWebSocketBuilder()
                .header("Authorization", UpPaths.deviceAuthorization(enrollment.deviceId(), enrollment.credential()))
                .buildAsync(URI.create(baseUrl.replace("https", "wss") + UpPaths.UP), new Listener())
                .get(10, TimeUnit.SECONDS);
        up.sendText(new UpMessage.Hello(name, "unit-" + name, "00:11:22:33:44:55", "12", "test",
                reported, securePort).toJson(), true).join();
        UpMessage first = received.poll(10, TimeUnit.SECONDS);
        if (!(first instanceof UpMessage.Welcome)) {
            throw new IllegalStateException("expected welcome, got " + first);
        }
        return this;
    }

    String id() {
        return enrollment.deviceId();
    }

    /** The device side of the next tunnel this device opened after accepting. */
    WebSocketEndpoint nextTunnel() throws InterruptedException {
        return tunnels.poll(20, TimeUnit.SECONDS);
    }

    /** Asks the server, as an OS 11 agent does, whether a session password is good for this device. */
    boolean checkPassword(String password) throws InterruptedException {
        String requestId = java.util.UUID.randomUUID().toString();
        send(new UpMessage.ShadowPasswordCheck(requestId, password).toJson());
        UpMessage answer = received.poll(10, TimeUnit.SECONDS);
        if (!(answer instanceof UpMessage.ShadowPasswordVerdict verdict) || !verdict.requestId().equals(requestId)) {
            throw new IllegalStateException("expected a verdict for " + requestId + ", got " + answer);
        }
        return verdict.valid();
    }

    /** Sends a text frame as it is; a socket the server closed meanwhile swallows it. */
    void sendRaw(String text) {
        try {
            send(text);
        } catch (java.util.concurrent.CompletionException e) {
            // the server closed the socket: closedByServer() tells why
        }
    }

    private void onShadowOpen(UpMessage.ShadowOpen open) {
        ShadowOutcome outcome = answer.apply(open);
        try {
            if (outcome == ShadowOutcome.ACCEPTED) {
                tunnels.add(WebSocketEndpoint.connect(http, URI.create(open.tunnelUrl()), open.token(), Duration.ofSeconds(10)));
            }
            if (outcome != null) {
                send(new UpMessage.ShadowResult(open.sessionId(), outcome, null).toJson());
            }
        } catch (Exception e) {
            send(new UpMessage.ShadowResult(open.sessionId(), ShadowOutcome.TUNNEL_FAILED, e.getMessage()).toJson());
        }
    }

    /** The JDK's WebSocket takes one send at a time; answers come from many threads. */
    private synchronized void send(String text) {
        up.sendText(text, true).join();
    }

    @Override
    public void close() {
        if (up != null) {
            up.abort();
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    /** The status and reason the server closed this device's socket with ("1008 the device's name is ..."). */
    String closedByServer() throws Exception {
        return closed.get(20, TimeUnit.SECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("failed: " + error);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                UpMessage message = UpMessage.parse(text.toString());
                text.setLength(0);
                if (message instanceof UpMessage.ShadowOpen open) {
                    new Thread(() -> onShadowOpen(open), "fake-device-shadow").start();
                } else {
                    received.add(message);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
