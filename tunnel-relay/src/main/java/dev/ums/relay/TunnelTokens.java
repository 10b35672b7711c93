package dev.ums.relay;

import dev.ums.protocol.tunnel.RandomTokens;
import dev.ums.protocol.tunnel.TunnelSide;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Tunnel tokens: random, single use, bound to one session and one side, expiring when unused. */
public final class TunnelTokens {
    private record Grant(String sessionId, TunnelSide side, long expiresAt) {
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

    /** Accepts a token made elsewhere (a gateway accepts the tokens its server registered). */
    public void grant(String token, String sessionId, TunnelSide side, Duration ttl) {
        grants.put(token, new Grant(sessionId, side, clock.millis() + ttl.toMillis()));
    }

    /** Uses up a token; answers its side only if it was issued for {@code sessionId} and has not expired. */
    public Optional<TunnelSide> consume(String token, String sessionId) {
        if (token == null) {
            return Optional.empty();
        }
        Grant grant = grants.remove(token);
        if (grant == null || !grant.sessionId().equals(sessionId) || clock.millis() > grant.expiresAt()) {
            return Optional.empty();
        }
        return Optional.of(grant.side());
    }

    public void revokeSession(String sessionId) {
        grants.values().removeIf(g -> g.sessionId().equals(sessionId));
    }

    public void expire() {
        long now = clock.millis();
        grants.values().removeIf(g -> now > g.expiresAt());
    }
}
