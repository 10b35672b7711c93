package dev.ums.agent.internal.shadow;

import static dev.ums.protocol.io.Closeables.closeQuietly;

import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.tunnel.BytePump;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every device-side session does once it has decided to serve a {@code shadow.open}: connect to a local
 * port, open the session's tunnel, answer the server over UP (ACCEPTED, or the refusal with its sentence), and
 * pump bytes between the two. Runs on the session's thread.
 */
record TunnelJoin(UpMessage.ShadowOpen open, TunnelOpener tunnels, UpSender up) {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelJoin.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    /** Longer than any sentence of the agent's own with its quoted values; far below the server's 1,000. */
    static final int MAX_MESSAGE = 400;

    /**
     * Answers the server with a refusal; returns empty for the session to return. The sentence is cut to
     * {@value #MAX_MESSAGE} characters, control characters replaced: a failure's sentence may quote what the server
     * named (a tunnel's host), and the server closes the link of a device whose answer is over its limit.
     */
    <T> Optional<T> refuse(ShadowOutcome outcome, String message) {
        String shown = PeerText.of(message, MAX_MESSAGE);
        LOG.info("session {}: {} ({})", open.sessionId(), outcome, shown);
        up.send(new UpMessage.ShadowResult(open.sessionId(), outcome, shown));
        return Optional.empty();
    }

    /**
     * Connects to {@code local} (refusing with {@code unreachable} and the sentence {@code describe} gives when it
     * does not answer), opens the tunnel (refusing with {@code TUNNEL_FAILED}), answers ACCEPTED and starts the
     * pump between the tunnel and the endpoint {@code endpoint} makes of the connected local socket.
     */
    Optional<Joined> join(InetSocketAddress local, ShadowOutcome unreachable, Function<IOException, String> describe,
                          Function<Socket, Endpoint> endpoint, String pumpName) {
        Socket socket = new Socket();
        try {
            socket.connect(local, CONNECT_TIMEOUT_MILLIS);
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(socket);
            return refuse(unreachable, describe.apply(e));
        }
        WebSocketEndpoint tunnel;
        try {
            tunnel = tunnels.open(open.tunnelUrl(), open.token(), open.tunnelFingerprint());
        } catch (IOException e) {
            closeQuietly(socket);
            return refuse(ShadowOutcome.TUNNEL_FAILED, e.getMessage());
        }
        up.send(new UpMessage.ShadowResult(open.sessionId(), ShadowOutcome.ACCEPTED, null));
        return Optional.of(new Joined(BytePump.start(pumpName, endpoint.apply(socket), tunnel,
                BytePump.DEFAULT_BOUND), tunnel));
    }
}
