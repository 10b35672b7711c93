package dev.ums.bench.tunnel.clients;

import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tunnel.Endpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;

/**
 * The console's side of a tunnel opened with the Tyrus standalone client (Jakarta WebSocket over its
 * Grizzly transport), seen as a byte {@link Endpoint}.
 *
 * <p>Tyrus calls the message handler on a transport thread once per whole binary message; the handler hands
 * the message to a bounded {@link ReceivedMessages} and blocks while it is full. A write is one blocking
 * {@code sendBinary} per 64 KiB. The input is read by one thread and the output written by one thread;
 * {@link #close()} may come from any thread.
 */
public final class TyrusTunnel extends MessageTunnel {
    private Session session;

    private TyrusTunnel() {
    }

    /**
     * A client for tunnels whose endpoint presents the certificate {@code pin} names. No host-name rule
     * applies: the pin names the one acceptable key, as for the console's own client.
     */
    public static ClientManager client(PinnedTrust pin, Duration timeout) {
        ClientManager client = ClientManager.createClient();
        SslEngineConfigurator tls = new SslEngineConfigurator(pin.sslContext(), true, false, false);
        tls.setHostVerificationEnabled(false);
        client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, tls);
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, timeout.toMillis());
        return client;
    }

    /** Opens the tunnel at {@code uri} with its single-use {@code token} as the bearer credential. */
    public static TyrusTunnel connect(ClientManager client, URI uri, String token) throws IOException {
        TyrusTunnel tunnel = new TyrusTunnel();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("Authorization", List.of("Bearer " + token));
                    }
                })
                .build();
        try {
            tunnel.session = client.connectToServer(tunnel.new Handlers(), config, uri);
            return tunnel;
        } catch (DeploymentException e) {
            throw new IOException("the tunnel at " + uri + " could not be opened: " + e.getMessage(), e);
        }
    }

    @Override
    void send(byte[] b, int off, int len) throws IOException {
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(b, off, len));
    }

    @Override
    public void close() throws IOException {
        received().end(null);
        if (session.isOpen()) {
            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "closed"));
        }
    }

    @Override
    public String toString() {
        return "Tyrus tunnel " + session.getRequestURI();
    }

    private final class Handlers extends jakarta.websocket.Endpoint {
        @Override
        public void onOpen(Session opened, EndpointConfig config) {
            opened.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) message -> {
                try {
                    received().deliver(message);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        public void onClose(Session closed, CloseReason reason) {
            received().end(null);
        }

        @Override
        public void onError(Session failed, Throwable t) {
            received().end(t instanceof IOException io ? io : new IOException(t));
        }
    }
}
