package dev.ums.icg;

import dev.ums.protocol.gateway.GatewaySecret;
import dev.ums.relay.ConnectionGuard;
import java.nio.file.Path;
import java.time.Clock;

/**
 * How a gateway runs. {@code advertiseUrl} null means the server tells consoles and devices the URL it
 * itself uses to reach the gateway; {@code secret} is shared with the server ({@code UMS_ICG_SECRET});
 * {@code unauthenticatedPerAddress} is how many connections one address may hold open before they
 * authenticated.
 */
public record IcgConfig(int port, String bind, Path dataDir, String advertiseUrl, String secret, Clock clock,
                        int unauthenticatedPerAddress) {
    public static final int DEFAULT_PORT = 8443;

    /** With the default limit of unauthenticated connections per address. */
    public IcgConfig(int port, String bind, Path dataDir, String advertiseUrl, String secret, Clock clock) {
        this(port, bind, dataDir, advertiseUrl, secret, clock, ConnectionGuard.DEFAULT_PER_ADDRESS);
    }

    public IcgConfig {
        GatewaySecret.check(secret, "the gateway");
    }

    /** A loopback gateway on a free port, for tests and the demo. */
    public static IcgConfig forTests(Path dataDir, String secret) {
        return new IcgConfig(0, "127.0.0.1", dataDir, null, secret, Clock.systemUTC());
    }

    public IcgConfig withPort(int newPort) {
        return new IcgConfig(newPort, bind, dataDir, advertiseUrl, secret, clock, unauthenticatedPerAddress);
    }

    public IcgConfig withUnauthenticatedPerAddress(int limit) {
        return new IcgConfig(port, bind, dataDir, advertiseUrl, secret, clock, limit);
    }
}
