package dev.ums.server.internal.shadow;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SessionPasswords} in this server's memory: the single-node server. Any thread. */
public final class MemorySessionPasswords implements SessionPasswords {
    private final Clock clock;
    private final ConcurrentHashMap<String, Grant> grants = new ConcurrentHashMap<>();

    public MemorySessionPasswords(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String issue(long deviceId, String admin, long auditId) {
        String password = UUID.randomUUID().toString();
        grants.put(password, new Grant(deviceId, admin, auditId, clock.millis() + VALIDITY.toMillis()));
        return password;
    }

    @Override
    public Verdict use(long deviceId, String password) {
        return Verdict.on(password == null ? null : grants.remove(password), deviceId, clock.millis());
    }

    @Override
    public void expire() {
        long now = clock.millis();
        grants.values().removeIf(g -> now > g.expiresAt());
    }
}
