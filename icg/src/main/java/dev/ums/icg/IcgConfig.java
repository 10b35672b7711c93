package dev.ums.icg;

import dev.ums.protocol.gateway.GatewaySecret;
import dev.ums.relay.ConnectionGuard;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How a gateway runs. {@code advertiseUrl} null means the server tells consoles and devices the URL it
 * itself uses to reach the gateway; {@code secret} is shared with the server ({@code UMS_ICG_SECRET});
 * {@code unauthenticatedPerAddress} is how many connections one address may hold open before they
 * authenticated; {@code deviceIdleLimit} is how long a device's socket may go without a frame either way before
 * it is closed (a device's agent beats every 20 s).
 */
public record IcgConfig(int port, String bind, Path dataDir, String advertiseUrl, String secret, Clock clock,
                        int unauthenticatedPerAddress, Duration deviceIdleLimit) {
    public static final int DEFAULT_PORT = 8443;
    /** Three of the heartbeat intervals the server names to devices (20 s). */
    public static final Duration DEFAULT_DEVICE_IDLE_LIMIT = Duration.ofSeconds(60);

    /** With the default limit of unauthenticated connections per address and the default device idle limit. */
    public IcgConfig(int port, String bind, Path dataDir, String advertiseUrl, String secret, Clock clock) {
        this(port, bind, dataDir, advertiseUrl, secret, clock, ConnectionGuard.DEFAULT_PER_ADDRESS);
    }

    /** With the default device idle limit. */
    public IcgConfig(int port, String bind, Path dataDir, String advertiseUrl, String secret, Clock clock,
                     int unauthenticatedPerAddress) {
        this(port, bind, dataDir, advertiseUrl, secret, clock, unauthenticatedPerAddress, DEFAULT_DEVICE_IDLE_LIMIT);
    }

    public IcgConfig {
        GatewaySecret.check(secret, "the gateway");
        if (deviceIdleLimit.toMillis() < 1_000) {
            throw new IllegalArgumentException("a device's idle limit must be at least one second");
        }
    }

    /** A loopback gateway on a free port, for tests and the demo. */
    public static IcgConfig forTests(Path dataDir, String secret) {
        return new IcgConfig(0, "127.0.0.1", dataDir, null, secret, Clock.systemUTC());
    }

    public IcgConfig withPort(int newPort) {
        return new IcgConfig(newPort, bind, dataDir, advertiseUrl, secret, clock, unauthenticatedPerAddress,
                deviceIdleLimit);
    }

    public IcgConfig withUnauthenticatedPerAddress(int limit) {
        return new IcgConfig(port, bind, dataDir, advertiseUrl, secret, clock, limit, deviceIdleLimit);
    }

    /** With another device idle limit (tests take a few seconds instead of a minute). */
    public IcgConfig withDeviceIdleLimit(Duration limit) {
        return new IcgConfig(port, bind, dataDir, advertiseUrl, secret, clock, unauthenticatedPerAddress, limit);
    }
}
