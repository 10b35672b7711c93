package dev.ums.server;

import dev.ums.relay.ConnectionGuard;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Everything a {@link UmsServer} needs to start. {@code port} 0 picks a free port; {@code dbUrl} null means
 * the embedded H2 database in {@code dataDir}; {@code advertiseUrl} null means tunnel URLs are built from
 * the address each client used to reach the server. {@code gateways} are the Cloud Gateways to link to, with
 * the secret shared with them ({@code UMS_ICG_SECRET}). {@code unauthenticatedPerAddress} is how many
 * connections one address may hold open before they authenticated (see docs/SECURITY.md). {@code clusterSecret}
 * non-null makes this server one node of a cluster on a PostgreSQL database (docs/SCALE-OUT.md): the secret
 * opens the cluster's key pair kept in the database; {@code advertiseUrl} is then this node's own address.
 */
public record ServerConfig(int port, String bind, Path dataDir, String dbUrl, String dbUser, String dbPassword,
                           String advertiseUrl, String adminPassword, String enrollmentToken,
                           Duration tunnelIdleLimit, Clock clock, List<GatewayTarget> gateways,
                           String gatewaySecret, int unauthenticatedPerAddress, String clusterSecret) {

    public static final int DEFAULT_PORT = 8443;

    /** With the default limit of unauthenticated connections per address. */
    public ServerConfig(int port, String bind, Path dataDir, String dbUrl, String dbUser, String dbPassword,
                        String advertiseUrl, String adminPassword, String enrollmentToken, Duration tunnelIdleLimit,
                        Clock clock, List<GatewayTarget> gateways, String gatewaySecret) {
        this(port, bind, dataDir, dbUrl, dbUser, dbPassword, advertiseUrl, adminPassword, enrollmentToken,
                tunnelIdleLimit, clock, gateways, gatewaySecret, ConnectionGuard.DEFAULT_PER_ADDRESS, null);
    }

    /** A loopback server on a free port with known secrets, for tests and the demo. */
    public static ServerConfig forTests(Path dataDir) {
        return new ServerConfig(0, "127.0.0.1", dataDir, null, null, null, null, "admin-secret", "enroll-secret",
                Duration.ofMinutes(15), Clock.systemUTC(), List.of(), null,
                ConnectionGuard.DEFAULT_PER_ADDRESS, null);
    }

    public ServerConfig withDatabase(String url, String user, String password) {
        return new ServerConfig(port, bind, dataDir, url, user, password, advertiseUrl, adminPassword,
                enrollmentToken, tunnelIdleLimit, clock, gateways, gatewaySecret,
                unauthenticatedPerAddress, clusterSecret);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, bind, dataDir, dbUrl, dbUser, dbPassword, advertiseUrl, adminPassword,
                enrollmentToken, tunnelIdleLimit, clock, gateways, gatewaySecret,
                unauthenticatedPerAddress, clusterSecret);
    }

    /** The same server, linked to these gateways with this shared secret. */
    public ServerConfig withGateways(List<GatewayTarget> targets, String secret) {
        return new ServerConfig(port, bind, dataDir, dbUrl, dbUser, dbPassword, advertiseUrl, adminPassword,
                enrollmentToken, tunnelIdleLimit, clock, List.copyOf(targets), secret,
                unauthenticatedPerAddress, clusterSecret);
    }

    public ServerConfig withClock(Clock newClock) {
        return new ServerConfig(port, bind, dataDir, dbUrl, dbUser, dbPassword, advertiseUrl, adminPassword,
                enrollmentToken, tunnelIdleLimit, newClock, gateways, gatewaySecret,
                unauthenticatedPerAddress, clusterSecret);
    }

    public ServerConfig withTunnelIdleLimit(Duration limit) {
        return new ServerConfig(port, bind, dataDir, dbUrl, dbUser, dbPassword, advertiseUrl, adminPassword,
                enrollmentToken, limit, clock, gateways, gatewaySecret,
                unauthenticatedPerAddress, clusterSecret);
    }

    /** The same server, letting one address hold {@code limit} unauthenticated connections. */
    public ServerConfig withUnauthenticatedPerAddress(int limit) {
        return new ServerConfig(port, bind, dataDir, dbUrl, dbUser, dbPassword, advertiseUrl, adminPassword,
                enrollmentToken, tunnelIdleLimit, clock, gateways, gatewaySecret, limit, clusterSecret);
    }

    /** The same server as one node of a cluster whose key pair {@code secret} opens (docs/SCALE-OUT.md). */
    public ServerConfig withCluster(String secret) {
        return new ServerConfig(port, bind, dataDir, dbUrl, dbUser, dbPassword, advertiseUrl, adminPassword,
                enrollmentToken, tunnelIdleLimit, clock, gateways, gatewaySecret, unauthenticatedPerAddress, secret);
    }

    /** The same server, telling devices and consoles {@code url} as the base of tunnel URLs. */
    public ServerConfig withAdvertiseUrl(String url) {
        return new ServerConfig(port, bind, dataDir, dbUrl, dbUser, dbPassword, url, adminPassword,
                enrollmentToken, tunnelIdleLimit, clock, gateways, gatewaySecret, unauthenticatedPerAddress,
                clusterSecret);
    }

    /** Whether this server is one node of a cluster. */
    public boolean clustered() {
        return clusterSecret != null;
    }
}
