package dev.ums.icg;

import dev.ums.protocol.gateway.GatewaySecret;
import dev.ums.relay.BoundedBody;
import dev.ums.relay.ConnectionGuard;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * How a gateway runs. {@code advertiseUrl} null means the server tells consoles and devices the URL it
 * itself uses to reach the gateway; {@code secret} is shared with the server ({@code UMS_ICG_SECRET});
 * {@code unauthenticatedPerAddress} is how many connections one address may hold open before they
 * authenticated; {@code deviceIdleLimit} is how long a device's socket may go without a frame either way before
 * it is closed (a device's agent beats every 20 s); {@code serverAnswerLimit} is how long a forwarded enrollment waits
 * for the server's answer before the device is told the server did not answer; {@code enrollmentBody} is how large an
 * enrollment's body may be and how fast it must arrive.
 */
public record IcgConfig(int port, String bind, Path dataDir, String advertiseUrl, String secret, Clock clock,
                        int unauthenticatedPerAddress, Duration deviceIdleLimit, Duration serverAnswerLimit,
                        BoundedBody.Limits enrollmentBody) {
    public static final int DEFAULT_PORT = 8443;
    /** Three of the heartbeat intervals the server names to devices (20 s). */
    public static final Duration DEFAULT_DEVICE_IDLE_LIMIT = Duration.ofSeconds(60);
    /** The server checks enrollments one after another on the link: 15 s is long for a server that works. */
    public static final Duration DEFAULT_SERVER_ANSWER_LIMIT = Duration.ofSeconds(15);

    /** With the default limit of unauthenticated connections per address and the default device idle limit. */
    public IcgConfig(int port, String bind, Path dataDir, String advertiseUrl, String secret, Clock clock) {
        this(port, bind, dataDir, advertiseUrl, secret, clock, ConnectionGuard.DEFAULT_PER_ADDRESS);
    }

    /** With the default device idle limit, server answer limit and enrollment body limits. */
    public IcgConfig(int port, String bind, Path dataDir, String advertiseUrl, String secret, Clock clock,
                     int unauthenticatedPerAddress) {
        this(port, bind, dataDir, advertiseUrl, secret, clock, unauthenticatedPerAddress, DEFAULT_DEVICE_IDLE_LIMIT,
                DEFAULT_SERVER_ANSWER_LIMIT, BoundedBody.Limits.UNAUTHENTICATED);
    }

    public IcgConfig {
        GatewaySecret.check(secret, "the gateway");
        if (deviceIdleLimit.toMillis() < 1_000) {
            throw new IllegalArgumentException("a device's idle limit must be at least one second");
        }
        if (serverAnswerLimit.toMillis() < 1_000) {
            throw new IllegalArgumentException("the wait for the server's answer must be at least one second");
        }
    }

    /** A loopback gateway on a free port, for tests and the demo. */
    public static IcgConfig forTests(Path dataDir, String secret) {
        return new IcgConfig(0, "127.0.0.1", dataDir, null, secret, Clock.systemUTC());
    }

    public IcgConfig withPort(int newPort) {
        return new IcgConfig(newPort, bind, dataDir, advertiseUrl, secret, clock, unauthenticatedPerAddress,
                deviceIdleLimit, serverAnswerLimit, enrollmentBody);
    }

    public IcgConfig withUnauthenticatedPerAddress(int limit) {
        return new IcgConfig(port, bind, dataDir, advertiseUrl, secret, clock, limit, deviceIdleLimit,
                serverAnswerLimit, enrollmentBody);
    }

    /** With another device idle limit (tests take a few seconds instead of a minute). */
    public IcgConfig withDeviceIdleLimit(Duration limit) {
        return new IcgConfig(port, bind, dataDir, advertiseUrl, secret, clock, unauthenticatedPerAddress, limit,
                serverAnswerLimit, enrollmentBody);
    }

    /** With another wait for the server's answer to an enrollment (tests take seconds instead of 15). */
    public IcgConfig withServerAnswerLimit(Duration limit) {
        return new IcgConfig(port, bind, dataDir, advertiseUrl, secret, clock, unauthenticatedPerAddress,
                deviceIdleLimit, limit, enrollmentBody);
    }

    /** With other limits on an enrollment's body (tests give a trickled body a shorter grace than 5 s). */
    public IcgConfig withEnrollmentBody(BoundedBody.Limits limits) {
        return new IcgConfig(port, bind, dataDir, advertiseUrl, secret, clock, unauthenticatedPerAddress,
                deviceIdleLimit, serverAnswerLimit, limits);
    }
}
