package dev.ums.server.internal.link;

import dev.ums.relay.TunnelTokens.Presenter;
import java.time.Duration;

/** Where a session's two tunnels meet: this server's own relay, or a gateway's. */
public interface TunnelHost {
    /**
     * Makes the relay accept exactly these two tokens for the session, the console's only from
     * {@code consolePresenter} (a browser's token is accepted only the web app's way, never alone).
     */
    void prepare(String sessionId, String consoleToken, String deviceToken, Duration ttl, Presenter consolePresenter);

    /** Forgets a session that will not happen (refused, failed, no answer). */
    void cancel(String sessionId, String reason);

    /** The tunnel URL the device is told in {@code shadow.open}. */
    String deviceUrl(String sessionId);

    /** The tunnel URL the console is told; {@code consoleHost} is how the console reached this server. */
    String consoleUrl(String sessionId, String consoleHost);

    /**
     * The tunnel URL a browser is told: {@code browserHost} is the host of its page, the only one its page's
     * policy, its origin check and its host-bound login cookie admit (a load balancer keeps a browser on one node).
     */
    String browserUrl(String sessionId, String browserHost);

    /** The pin of the tunnel endpoint's certificate when it is not this server, else null. */
    String fingerprint();

    /** {@code direct} or {@code icg}, for the console and the audit log. */
    String route();

    /**
     * The URL of the gateway the tunnels meet at, as every node is given it ({@code --icg}), or null for this
     * server's relay: only that gateway's reports reach the session's audit entry.
     */
    String gatewayUrl();
}
