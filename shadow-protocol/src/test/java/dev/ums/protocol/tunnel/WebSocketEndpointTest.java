package dev.ums.protocol.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tls.SelfSignedIdentity;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tunnel's WebSocket client against a server written here at the byte level, so every frame on the wire
 * can be checked: the upgrade request and its token, masking, large writes split into frames, pings,
 * the close reason, refusals and garbage as one sentence.
 */
class WebSocketEndpointTest {
    private static final HttpClient PLAIN = HttpClient.newHttpClient();
    private ServerSocket listener;

    @AfterEach
    void closeListener() throws IOException {
        if (listener != null) {
            listener.close();
        }
    }

    /** One accepted connection of the scripted server, after it read the upgrade request. */
    private static final class Peer {
        final Socket socket;
        final DataInputStream in;
        final OutputStream out;
        final String request;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                head.write(in.readUnsignedByte());
            }
            this.request = head.toString(StandardCharsets.ISO_8859_1);
        }

        String key() {
            Matcher m = Pattern.compile("Sec-WebSocket-Key: (\\S+)").matcher(request);
            assertThat(m.find()).isTrue();
            return m.group(1);
        }

        void accept() throws IOException {
            answer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + ClientUpgrade.acceptFor(key()) + "\r\n\r\n");
        }

        void answer(String head) throws IOException {
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        void send(int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x80 | opcode);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length < 65536) {
                frame.write(126);
                frame.write(payload.length >> 8);
                frame.write(payload.length);
            } else {
                frame.write(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) ((long) payload.length >> shift));
                }
            }
            frame.write(payload);
            out.write(frame.toByteArray());
            out.flush();
        }

        /** Reads one client frame, checks that it is masked, and returns {opcode, unmasked payload}. */
        Object[] receive() throws IOException {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            assertThat(second & 0x80).as("client frames are masked").isNotZero();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] key = in.readNBytes(4);
            byte[] payload = in.readNBytes((int) length);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
            return new Object[] {first & 0x0f, payload};
        }
    }

    private CompletableFuture<Peer> serve() throws IOException {
        listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new Peer(listener.accept());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aTokenThatIsNoHeaderValueIsRefusedBeforeAnythingConnects() throws Exception {
        CompletableFuture<Peer> peer = serve();

        for (String token : new String[] {"tok\r\nX-Injected: yes", "tok en", "", "t\u00e9"}) {
            assertThatThrownBy(() -> WebSocketEndpoint.connect(PLAIN, uri(), token, Duration.ofSeconds(5)))
                    .as(token).isInstanceOf(IOException.class).hasMessage("the tunnel token is not valid");
        }
        Thread.sleep(200);
        assertThat(peer).as("a connection to the tunnel address").isNotDone();
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/shadow/tunnel/s-1?x=1");
    }

    private WebSocketEndpoint open(CompletableFuture<Peer> peer) throws Exception {
        return open(peer, Keepalive.Times.DEFAULT);
    }

    private WebSocketEndpoint open(CompletableFuture<Peer> peer, Keepalive.Times keepalive) throws Exception {
        CompletableFuture<WebSocketEndpoint> client = CompletableFuture.supplyAsync(() -> {
            try {
                return WebSocketEndpoint.connect(PLAIN, uri(), "tok-en", Duration.ofSeconds(5), keepalive);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        peer.get(5, TimeUnit.SECONDS).accept();
        return client.get(5, TimeUnit.SECONDS);
    }

    @Test
    void theUpgradeCarriesTheTokenAndBytesTravelBothWaysInMaskedFrames() throws Exception {
        CompletableFuture<Peer> accepted = serve();
        try (WebSocketEndpoint tunnel = open(accepted)) {
            Peer peer = accepted.get();
            assertThat(peer.request).startsWith("GET /shadow/tunnel/s-1?x=1 HTTP/1.1\r\n")
                    .contains("Authorization: Bearer tok-en\r\n", "Sec-WebSocket-Version: 13\r\n",
                            "Host: 127.0.0.1:" + listener.getLocalPort() + "\r\n");

            byte[] big = new byte[200_000];
            new Random(3).nextBytes(big);
            tunnel.output().write(big, 1, big.length - 1);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            int frames = 0;
            while (received.size() < big.length - 1) {
                Object[] frame = peer.receive();
                assertThat(frame[0]).isEqualTo(0x2);
                assertThat(((byte[]) frame[1]).length).isLessThanOrEqualTo(FrameWriter.MAX_PAYLOAD);
                received.write((byte[]) frame[1]);
                frames++;
            }
            assertThat(received.toByteArray()).isEqualTo(Arrays.copyOfRange(big, 1, big.length));
            assertThat(frames).isEqualTo(4);

            peer.send(0x2, Arrays.copyOf(big, 70_000));
            peer.send(0x2, new byte[0]);
            peer.send(0x2, new byte[] {42});
            assertThat(tunnel.input().readNBytes(70_001)).isEqualTo(concat(Arrays.copyOf(big, 70_000), new byte[] {42}));
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void aPingIsAnsweredAndTheServersCloseReasonEndsTheStream() throws Exception {
        CompletableFuture<Peer> accepted = serve();
        try (WebSocketEndpoint tunnel = open(accepted)) {
            Peer peer = accepted.get();
            peer.send(0x9, "are you there".getBytes(StandardCharsets.UTF_8));
            peer.send(0xA, new byte[0]);
            peer.send(0x2, "rfb".getBytes(StandardCharsets.US_ASCII));
            peer.send(0x8, concat(new byte[] {0x03, (byte) 0xe8},
                    "the device closed the session".getBytes(StandardCharsets.UTF_8)));

            InputStream in = tunnel.input();
            assertThat(in.readNBytes(3)).isEqualTo("rfb".getBytes(StandardCharsets.US_ASCII));
            assertThat(in.read()).isEqualTo(-1);
            assertThat(tunnel.closeReason()).isEqualTo("the device closed the session");

            Object[] pong = peer.receive();
            assertThat(pong[0]).isEqualTo(0xA);
            assertThat(new String((byte[]) pong[1], StandardCharsets.UTF_8)).isEqualTo("are you there");
            Object[] closeReply = peer.receive();
            assertThat(closeReply[0]).isEqualTo(0x8);
            assertThat(Arrays.copyOf((byte[]) closeReply[1], 2)).isEqualTo(new byte[] {0x03, (byte) 0xe8});
        }
    }

    private static Keepalive.Times keepalive(long pingAfterMillis, long dropAfterMillis) {
        return new Keepalive.Times(Duration.ofMillis(pingAfterMillis), Duration.ofMillis(dropAfterMillis));
    }

    @Test
    void aQuietTunnelIsPingedAndASilentServerIsGivenUpWithASentence() throws Exception {
        CompletableFuture<Peer> accepted = serve();
        try (WebSocketEndpoint tunnel = open(accepted, keepalive(200, 2_000))) {
            Peer peer = accepted.get();
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return tunnel.input().read();
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });

            Object[] ping = peer.receive();
            assertThat(ping[0]).isEqualTo(0x9);
            assertThat((byte[]) ping[1]).isEmpty();
            assertThatThrownBy(() -> read.get(20, TimeUnit.SECONDS)).cause().isInstanceOf(IOException.class)
                    .hasMessage("the tunnel failed: nothing arrived through the tunnel for 2 s, not even an answer "
                            + "to a ping, so the connection was given up");
            while (peer.in.read() >= 0) {
                // the pings sent meanwhile, then the end of the dropped connection
            }
        }
    }

    @Test
    void aServerThatAnswersPingsKeepsAQuietTunnelOpenPastTheDropTime() throws Exception {
        CompletableFuture<Peer> accepted = serve();
        try (WebSocketEndpoint tunnel = open(accepted, keepalive(100, 3_000))) {
            Peer peer = accepted.get();
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try {
                    for (int pings = 0; pings < 40; pings++) {
                        Object[] frame = peer.receive();
                        assertThat(frame[0]).isEqualTo(0x9);
                        peer.send(0xA, (byte[]) frame[1]);
                    }
                    peer.send(0x2, "still here".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new CompletionException(e);
                }
            });

            assertThat(tunnel.input().readNBytes(10)).isEqualTo("still here".getBytes(StandardCharsets.US_ASCII));
            server.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void timeTheReaderSpendsElsewhereIsNotTakenForASilentServer() throws Exception {
        CompletableFuture<Peer> accepted = serve();
        try (WebSocketEndpoint tunnel = open(accepted, keepalive(100, 300))) {
            Peer peer = accepted.get();
            Thread.sleep(1_000);
            peer.send(0x2, "late".getBytes(StandardCharsets.US_ASCII));

            assertThat(tunnel.input().readNBytes(4)).as("the connection, kept although the server was silent "
                    + "for more than the drop time").isEqualTo("late".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void closingFromThisSideSendsACloseFrameAndEndsReading() throws Exception {
        CompletableFuture<Peer> accepted = serve();
        WebSocketEndpoint tunnel = open(accepted);
        Peer peer = accepted.get();
        tunnel.close();
        Object[] close = peer.receive();
        assertThat(close[0]).isEqualTo(0x8);
        assertThat(new String((byte[]) close[1], 2, ((byte[]) close[1]).length - 2, StandardCharsets.UTF_8))
                .isEqualTo("closed");
        assertThat(tunnel.input().read()).isEqualTo(-1);
        assertThatThrownBy(() -> tunnel.output().write(1)).isInstanceOf(IOException.class);
    }

    @Test
    void aRefusedTokenIsOneSentence() throws Exception {
        CompletableFuture<Peer> accepted = serve();
        CompletableFuture<Void> refuse = accepted.thenAccept(peer -> {
            try {
                peer.answer("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatThrownBy(() -> WebSocketEndpoint.connect(PLAIN, uri(), "spent", Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class).hasMessage("the tunnel refused the session token (HTTP 401)");
        refuse.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aWrongAcceptKeyOrGarbageInsteadOfFramesFailsClearly() throws Exception {
        CompletableFuture<Peer> accepted = serve();
        accepted.thenAccept(peer -> {
            try {
                peer.answer("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: bm90IHRoZSBrZXk=\r\n\r\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThatThrownBy(() -> WebSocketEndpoint.connect(PLAIN, uri(), "t", Duration.ofSeconds(5)))
                .hasMessageContaining("accept key does not match");
        listener.close();

        CompletableFuture<Peer> again = serve();
        try (WebSocketEndpoint tunnel = open(again)) {
            Peer peer = again.get();
            peer.out.write(new byte[] {(byte) 0x82, (byte) 0xfe, 0, 4, 1, 2, 3, 4});
            peer.out.flush();
            assertThatThrownBy(() -> tunnel.input().read()).isInstanceOf(IOException.class)
                    .hasMessage("the tunnel failed: the tunnel sent a masked frame, which a server must not");
        }
        listener.close();

        CompletableFuture<Peer> third = serve();
        try (WebSocketEndpoint tunnel = open(third)) {
            third.get().send(0x1, "text".getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> tunnel.input().read())
                    .hasMessageContaining("only binary frames are allowed");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithASentence() throws Exception {
        serve();
        assertThatThrownBy(() -> WebSocketEndpoint.connect(PLAIN, uri(), "t", Duration.ofMillis(300)))
                .hasMessage("127.0.0.1:" + listener.getLocalPort() + " did not answer in time");
    }

    @Test
    void overTlsTheClientsPinDecides() throws Exception {
        SelfSignedIdentity identity = SelfSignedIdentity.create("tunnel test");
        listener = identity.serverContext().getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
        URI uri = URI.create("wss://127.0.0.1:" + listener.getLocalPort() + "/t");
        Thread server = new Thread(() -> {
            for (int i = 0; i < 2; i++) {
                try {
                    Socket s = listener.accept();
                    ((javax.net.ssl.SSLSocket) s).startHandshake();
                    Peer peer = new Peer(s);
                    peer.accept();
                    peer.send(0x2, "over tls".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the pin mismatch ends the first handshake; the second succeeds
                }
            }
        });
        server.setDaemon(true);
        server.start();
        assertThat(listener).isInstanceOf(SSLServerSocket.class);

        HttpClient wrongPin = HttpClient.newBuilder().sslContext(PinnedTrust.fingerprint("ab".repeat(32)).sslContext())
                .build();
        assertThatThrownBy(() -> WebSocketEndpoint.connect(wrongPin, uri, "t", Duration.ofSeconds(5)))
                .hasMessage("the certificate of 127.0.0.1:" + listener.getLocalPort()
                        + " does not match the pinned fingerprint");

        HttpClient rightPin = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(identity.fingerprint()).sslContext()).build();
        try (WebSocketEndpoint tunnel = WebSocketEndpoint.connect(rightPin, uri, "t", Duration.ofSeconds(5))) {
            assertThat(tunnel.input().readNBytes(8)).isEqualTo("over tls".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void maskingMatchesTheByteWiseDefinitionAtEveryOffsetAndLength() {
        Random random = new Random(11);
        for (int len = 0; len < 40; len++) {
            for (int off = 0; off < 9; off++) {
                byte[] from = new byte[off + len];
                random.nextBytes(from);
                int key = random.nextInt();
                byte[] to = new byte[len + 3];
                FrameWriter.mask(from, off, to, 3, len, key);
                for (int i = 0; i < len; i++) {
                    assertThat(to[3 + i]).isEqualTo((byte) (from[off + i] ^ (key >>> (24 - 8 * (i % 4)))));
                }
            }
        }
    }
}
