package dev.ums.console.fakes;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.BytePump;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A device that speaks the Unified Protocol to a real server and answers shadow requests as a test tells it
 * to: accept (opening its tunnel to a given VNC address), or refuse with a given outcome. It stands in for
 * the device agent where a test needs a refusal on demand, no consent dialog and no display.
 */
public final class ScriptedDevice implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScriptedDevice.class);

    private final HttpClient http;
    private final URI server;
    private final Enrollment enrollment;
    private final String name;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "scripted-device"));
    private final List<BytePump> pumps = new CopyOnWriteArrayList<>();
    private volatile ShadowOutcome answer = ShadowOutcome.ACCEPTED;
    private volatile InetSocketAddress vnc;
    private volatile WebSocket up;

    private ScriptedDevice(HttpClient http, URI server, Enrollment enrollment, String name) {
        this.name = name;
        this.http = http;
        this.server = server;
        this.enrollment = enrollment;
    }

    /** Enrolls a device called {@code name} with the server's enrollment token. */
    public static ScriptedDevice enroll(String baseUrl, String fingerprint, String enrollmentToken, String name)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(PinnedTrust.fingerprint(fingerprint).sslContext()).build();
        URI server = URI.create(baseUrl);
        String unit = UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.resolve(UpPaths.ENROLL))
                .header("Authorization", UpPaths.BEARER + enrollmentToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(WireJson.write(
                        new EnrollmentRequest(name, unit, unit, "12.01", null))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("enrollment failed: " + response.statusCode() + " " + response.body());
        }
        return new ScriptedDevice(http, server, WireJson.read(response.body(), Enrollment.class), name);
    }

    public String id() {
        return enrollment.deviceId();
    }

    /** What the device answers to the next shadow requests. */
    public ScriptedDevice answering(ShadowOutcome outcome) {
        this.answer = outcome;
        return this;
    }

    /** Where an accepted session's tunnel leads. */
    public ScriptedDevice vncAt(InetSocketAddress address) {
        this.vnc = address;
        return this;
    }

    /** Opens the UP socket and returns once the server welcomed the device (it is then online). */
    public ScriptedDevice goOnline() throws Exception {
        CompletableFuture<Void> welcomed = new CompletableFuture<>();
        URI uri = URI.create(server.toString().replaceFirst("^https", "wss")).resolve(UpPaths.UP);
        up = http.newWebSocketBuilder()
                .header("Authorization", UpPaths.deviceAuthorization(enrollment.deviceId(), enrollment.credential()))
                .buildAsync(uri, new UpListener(welcomed)).get(10, TimeUnit.SECONDS);
        up.sendText(new UpMessage.Hello(name, null, null, "12.01", "test", null).toJson(), true).join();
        welcomed.get(10, TimeUnit.SECONDS);
        return this;
    }

    private void handle(UpMessage.ShadowOpen open) {
        ShadowOutcome outcome = answer;
        String message = null;
        if (outcome == ShadowOutcome.ACCEPTED) {
            try {
                Socket socket = new Socket(vnc.getAddress(), vnc.getPort());
                WebSocketEndpoint tunnel = WebSocketEndpoint.connect(http, URI.create(open.tunnelUrl()), open.token(),
                        Duration.ofSeconds(10));
                pumps.add(BytePump.start("scripted-tunnel", tunnel, Endpoint.of(socket), BytePump.DEFAULT_BOUND));
            } catch (IOException e) {
                LOG.warn("scripted device could not open its tunnel", e);
                outcome = ShadowOutcome.TUNNEL_FAILED;
                message = e.getMessage();
            }
        }
        up.sendText(new UpMessage.ShadowResult(open.sessionId(), outcome, message).toJson(), true).join();
    }

    /** Ends every session this device has open, as the device's user pressing Disconnect would. */
    public void endSessions() {
        pumps.forEach(BytePump::close);
    }

    @Override
    public void close() {
        pumps.forEach(BytePump::close);
        WebSocket socket = up;
        if (socket != null) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
            socket.abort();
        }
        worker.shutdownNow();
    }

    private final class UpListener implements WebSocket.Listener {
        private final CompletableFuture<Void> welcomed;
        private final StringBuilder text = new StringBuilder();

        UpListener(CompletableFuture<Void> welcomed) {
            this.welcomed = welcomed;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                UpMessage message = UpMessage.parse(text.toString());
                text.setLength(0);
                if (message instanceof UpMessage.Welcome) {
                    welcomed.complete(null);
                } else if (message instanceof UpMessage.ShadowOpen open) {
                    worker.execute(() -> handle(open));
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
