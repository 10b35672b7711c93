package dev.ums.icg;

import java.nio.file.Path;
import java.time.Clock;

/**
 * How a gateway runs. {@code advertiseUrl} null means the server tells consoles and devices the URL it
 * itself uses to reach the gateway; {@code secret} is shared with the server ({@code UMS_ICG_SECRET}).
 */
public record IcgConfig(int port, String bind, Path dataDir, String advertiseUrl, String secret, Clock clock) {
    public static final int DEFAULT_PORT = 8443;

    public IcgConfig {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the gateway needs the secret it shares with the server: set UMS_ICG_SECRET");
        }
    }

    /** A loopback gateway on a free port, for tests and the demo. */
    public static IcgConfig forTests(Path dataDir, String secret) {
        return new IcgConfig(0, "127.0.0.1", dataDir, null, secret, Clock.systemUTC());
    }

    public IcgConfig withPort(int newPort) {
        return new IcgConfig(newPort, bind, dataDir, advertiseUrl, secret, clock);
    }
}
