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
 * {@code recordSessions} records every shadow session (docs/RECORDING.md); recordings older than
 * {@code recordingRetention} are deleted. {@code proxyPort} (negative: none, 0: any free one) is a second port
 * for a load balancer that sends the PROXY protocol (docs/SCALE-OUT.md). Made with {@link #builder}; immutable.
 */
public record ServerConfig(int port, String bind, Path dataDir, String dbUrl, String dbUser, String dbPassword,
                           String advertiseUrl, String adminPassword, String enrollmentToken,
                           Duration tunnelIdleLimit, Clock clock, List<GatewayTarget> gateways,
                           String gatewaySecret, int unauthenticatedPerAddress, String clusterSecret,
                           boolean recordSessions, Duration recordingRetention, int proxyPort) {

    public static final int DEFAULT_PORT = 8443;

    /** How long recordings are kept unless told otherwise. */
    public static final Duration DEFAULT_RECORDING_RETENTION = Duration.ofDays(90);

    /** How long an idle tunnel stays open unless told otherwise. */
    public static final Duration DEFAULT_TUNNEL_IDLE_LIMIT = Duration.ofMinutes(30);

    /**
     * A server keeping its data in {@code dataDir}, with the defaults changed by the builder's calls: port 8443 on
     * every address, the embedded database, tunnel URLs from the address each client used, no administrator
     * password or shared enrollment token, idle tunnels closed after 30 minutes, no gateways, the default limit
     * of unauthenticated connections per address, sessions recorded only where a directory asks for it, recordings
     * kept 90 days.
     */
    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** A loopback server on a free port with known secrets, for tests and the demo. */
    public static ServerConfig forTests(Path dataDir) {
        return builder(dataDir).port(0).bind("127.0.0.1").adminPassword("admin-secret")
                .enrollmentToken("enroll-secret").tunnelIdleLimit(Duration.ofMinutes(15)).build();
    }

    /** This configuration, to change some of it. */
    public Builder toBuilder() {
        return builder(dataDir).port(port).bind(bind).database(dbUrl, dbUser, dbPassword).advertiseUrl(advertiseUrl)
                .adminPassword(adminPassword).enrollmentToken(enrollmentToken).tunnelIdleLimit(tunnelIdleLimit)
                .clock(clock).gateways(gateways, gatewaySecret).unauthenticatedPerAddress(unauthenticatedPerAddress)
                .clusterSecret(clusterSecret).recordSessions(recordSessions).recordingRetention(recordingRetention)
                .proxyPort(proxyPort);
    }

    /** Whether this server is one node of a cluster. */
    public boolean clustered() {
        return clusterSecret != null;
    }

    public ServerConfig withDatabase(String url, String user, String password) {
        return toBuilder().database(url, user, password).build();
    }

    public ServerConfig withPort(int newPort) {
        return toBuilder().port(newPort).build();
    }

    /** The same server, linked to these gateways with this shared secret. */
    public ServerConfig withGateways(List<GatewayTarget> targets, String secret) {
        return toBuilder().gateways(targets, secret).build();
    }

    public ServerConfig withClock(Clock newClock) {
        return toBuilder().clock(newClock).build();
    }

    public ServerConfig withTunnelIdleLimit(Duration limit) {
        return toBuilder().tunnelIdleLimit(limit).build();
    }

    /** The same server, letting one address hold {@code limit} unauthenticated connections. */
    public ServerConfig withUnauthenticatedPerAddress(int limit) {
        return toBuilder().unauthenticatedPerAddress(limit).build();
    }

    /** Collects a {@link ServerConfig}. One thread. */
    public static final class Builder {
        private final Path dataDir;
        private int port = DEFAULT_PORT;
        private String bind;
        private String dbUrl;
        private String dbUser;
        private String dbPassword;
        private String advertiseUrl;
        private String clusterSecret;
        private String adminPassword;
        private String enrollmentToken;
        private Duration tunnelIdleLimit = DEFAULT_TUNNEL_IDLE_LIMIT;
        private Clock clock = Clock.systemUTC();
        private List<GatewayTarget> gateways = List.of();
        private String gatewaySecret;
        private int unauthenticatedPerAddress = ConnectionGuard.DEFAULT_PER_ADDRESS;
        private boolean recordSessions;
        private Duration recordingRetention = DEFAULT_RECORDING_RETENTION;
        private int proxyPort = -1;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** 0 picks a free port. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** The address to listen on; null for every one. */
        public Builder bind(String address) {
            this.bind = address;
            return this;
        }

        /** A JDBC URL and its credentials; a null URL means the embedded H2 database in the data directory. */
        public Builder database(String url, String user, String password) {
            this.dbUrl = url;
            this.dbUser = user;
            this.dbPassword = password;
            return this;
        }

        /** The base URL devices and consoles use for tunnels; null: the address each of them used. */
        public Builder advertiseUrl(String url) {
            this.advertiseUrl = url;
            return this;
        }

        /** The administrator's password when the account is first made; null: a generated one, printed once. */
        public Builder adminPassword(String password) {
            this.adminPassword = password;
            return this;
        }

        /** A shared enrollment token devices may use; null for none. */
        public Builder enrollmentToken(String token) {
            this.enrollmentToken = token;
            return this;
        }

        public Builder tunnelIdleLimit(Duration limit) {
            this.tunnelIdleLimit = limit;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** The Cloud Gateways to link to and the secret shared with them. */
        public Builder gateways(List<GatewayTarget> targets, String secret) {
            this.gateways = List.copyOf(targets);
            this.gatewaySecret = secret;
            return this;
        }

        /** How many connections one address may hold open before they authenticated. */
        public Builder unauthenticatedPerAddress(int limit) {
            this.unauthenticatedPerAddress = limit;
            return this;
        }

        /** Makes the server one node of a cluster whose key pair {@code secret} opens (docs/SCALE-OUT.md). */
        public Builder clusterSecret(String secret) {
            this.clusterSecret = secret;
            return this;
        }

        /** Records every shadow session, whatever the directories say. */
        public Builder recordSessions(boolean on) {
            this.recordSessions = on;
            return this;
        }

        /** How long a recording is kept after its session ended; must be positive. */
        public Builder recordingRetention(Duration period) {
            if (period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("the recording retention period must be at least one day");
            }
            this.recordingRetention = period;
            return this;
        }

        /**
         * A second port for a load balancer: every connection there must begin with a PROXY protocol header (v1 or
         * v2) naming the client; 0 picks a free port, a negative value (the default) opens none.
         */
        public Builder proxyPort(int value) {
            this.proxyPort = value;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(port, bind, dataDir, dbUrl, dbUser, dbPassword, advertiseUrl, adminPassword,
                    enrollmentToken, tunnelIdleLimit, clock, gateways, gatewaySecret, unauthenticatedPerAddress,
                    clusterSecret, recordSessions, recordingRetention, proxyPort);
        }
    }
}
