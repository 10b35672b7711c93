package dev.ums.relay;

import dev.ums.protocol.tunnel.RandomTokens;
import dev.ums.protocol.tunnel.TunnelSide;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tunnel tokens: random, single use, bound to one session, one side and who may present them, expiring when
 * unused. Any thread.
 */
public final class TunnelTokens {
    /** Who may present a token. */
    public enum Presenter {
        /** Any client: a console, a device or a server, with {@code Authorization: Bearer}. */
        ANY,
        /**
         * Only a browser, the web app's way: in the subprotocols, from the server's own origin, with the login
         * cookie that opened the session ({@link BrowserAdmission}). A copy of the token alone opens nothing.
         */
        BROWSER
    }

    /** What a used-up token admits: one side of its session, presented by whom it was issued for. */
    public record Admitted(TunnelSide side, Presenter presenter) {
    }

    private record Grant(String sessionId, TunnelSide side, Presenter presenter, long expiresAt) {
    }

    private final Clock clock;
    private final ConcurrentHashMap<String, Grant> grants = new ConcurrentHashMap<>();

    public TunnelTokens(Clock clock) {
        this.clock = clock;
    }

    public String issue(String sessionId, TunnelSide side, Duration ttl) {
        String token = RandomTokens.newToken();
        grant(token, sessionId, side, ttl);
        return token;
    }

    /** Accepts a token made elsewhere (a gateway accepts the tokens its server registered), from any client. */
    public void grant(String token, String sessionId, TunnelSide side, Duration ttl) {
        grant(token, sessionId, side, ttl, Presenter.ANY);
    }

    /** Accepts a token made elsewhere, only from {@code presenter}. */
    public void grant(String token, String sessionId, TunnelSide side, Duration ttl, Presenter presenter) {
        grants.put(token, new Grant(sessionId, side, presenter, clock.millis() + ttl.toMillis()));
    }

    /**
     * Uses up a token; answers what it admits only if it was issued for {@code sessionId} and has not expired. The
     * caller checks that the presenter is the one the token names.
     */
    public Optional<Admitted> consume(String token, String sessionId) {
        if (token == null) {
            return Optional.empty();
        }
        Grant grant = grants.remove(token);
        if (grant == null || !grant.sessionId().equals(sessionId) || clock.millis() > grant.expiresAt()) {
            return Optional.empty();
        }
        return Optional.of(new Admitted(grant.side(), grant.presenter()));
    }

    public void revokeSession(String sessionId) {
        grants.values().removeIf(g -> g.sessionId().equals(sessionId));
    }

    public void expire() {
        long now = clock.millis();
        grants.values().removeIf(g -> now > g.expiresAt());
    }
}
