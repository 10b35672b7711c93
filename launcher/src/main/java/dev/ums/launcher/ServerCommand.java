package dev.ums.launcher;

import dev.ums.protocol.tls.Fingerprints;
import dev.ums.server.GatewayTarget;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ums server}: runs the UMS server until stopped. Secrets come from the environment only. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Runs the UMS server (REST API, device endpoint, tunnel relay) over TLS.",
                "Environment: UMS_ADMIN_PASSWORD (first start), UMS_ENROLLMENT_TOKEN, UMS_DB_USER, UMS_DB_PASSWORD, UMS_ICG_SECRET,",
                "UMS_CLUSTER_SECRET (makes this server one node of a cluster on PostgreSQL; docs/SCALE-OUT.md)."})
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8443", paramLabel = "PORT", converter = PortNumber.class,
            description = "TLS port (default ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default ~/.local/share/ums/server)")
    Path data;

    @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
            description = "address to listen on (default ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--db-url", paramLabel = "JDBC-URL", converter = DatabaseUrl.class,
            description = "JDBC URL, without the password (default: "
                    + "embedded H2 in the data directory)")
    String dbUrl;

    @Option(names = "--advertise-url", paramLabel = "URL",
            description = "base URL devices and consoles use for tunnels "
                    + "(default: the address each of them used to reach this server)")
    String advertiseUrl;

    @Option(names = "--icg", paramLabel = "URL",
            description = "a Cloud Gateway to link to (repeatable, with one --icg-fingerprint each)")
    List<String> icgUrls = new ArrayList<>();

    @Option(names = "--icg-fingerprint", paramLabel = "HEX",
            description = "the SHA-256 fingerprint of that gateway's certificate")
    List<String> icgFingerprints = new ArrayList<>();

    @Option(names = "--tunnel-idle-minutes", defaultValue = "30", paramLabel = "MINUTES", converter = AtLeastOne.class,
            description = "close tunnels idle this long (default ${DEFAULT-VALUE})")
    int tunnelIdleMinutes;

    @Option(names = "--unauthenticated-per-address", defaultValue = "64", paramLabel = "N",
            converter = AtLeastOne.class,
            description = "connections one address may hold open before they authenticated (default "
                    + "${DEFAULT-VALUE}); devices and signed-in consoles do not count")
    int unauthenticatedPerAddress;

    @Option(names = "--record-sessions", description = "record every shadow session to <data>/recordings/ "
            + "(without it, only sessions of devices in directories set to record; see docs/RECORDING.md)")
    boolean recordSessions;

    @Option(names = "--recording-retention-days", defaultValue = "90", paramLabel = "N",
            description = "delete recordings N days after their session ended (default ${DEFAULT-VALUE})")
    int recordingRetentionDays;

    @Option(names = "--proxy-port", paramLabel = "PORT", converter = PortNumber.class,
            description = "also listen on PORT for a load balancer that sends the PROXY protocol (v1 or v2), so the "
                    + "server sees clients' own addresses; connections there without the header are closed, so let "
                    + "only the balancer reach it (docs/SCALE-OUT.md)")
    Integer proxyPort;

    @Override
    public Integer call() throws Exception {
        if (ServerHeap.apply().containsKey("MaxHeapFreeRatio")) {
            ServerHeap.startTrimming();
        }
        Path dataDir = data != null ? data : DataDirs.data("server");
        String clusterSecret = System.getenv("UMS_CLUSTER_SECRET");
        ServerConfig config = ServerConfig.builder(dataDir).port(port).bind(bind)
                .database(dbUrl, System.getenv("UMS_DB_USER"), System.getenv("UMS_DB_PASSWORD"))
                .advertiseUrl(advertiseUrl).adminPassword(System.getenv("UMS_ADMIN_PASSWORD"))
                .enrollmentToken(System.getenv("UMS_ENROLLMENT_TOKEN"))
                .tunnelIdleLimit(Duration.ofMinutes(tunnelIdleMinutes))
                .gateways(gateways(), System.getenv("UMS_ICG_SECRET"))
                .unauthenticatedPerAddress(unauthenticatedPerAddress)
                .recordSessions(recordSessions).recordingRetention(Duration.ofDays(recordingRetentionDays))
                .proxyPort(proxyPort == null ? -1 : proxyPort)
                .clusterSecret(clusterSecret == null || clusterSecret.isEmpty() ? null : clusterSecret).build();
        UmsServer server = UmsServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ums-server-stop"));
        System.out.println("fingerprint: " + server.fingerprint());
        if (server.generatedAdminPassword() != null) {
            System.out.println("admin password (shown once, stored only as a hash): " + server.generatedAdminPassword());
        }
        if (server.proxyPort() > 0) {
            System.out.println("load balancer port (PROXY protocol): " + server.proxyPort());
        }
        System.out.println("ready: " + server.baseUrl());
        System.out.flush();
        server.awaitStop();
        return 0;
    }

    private List<GatewayTarget> gateways() {
        if (icgUrls.size() != icgFingerprints.size()) {
            throw new IllegalArgumentException("give each --icg URL its own --icg-fingerprint, in the same order");
        }
        List<GatewayTarget> targets = new ArrayList<>();
        for (int i = 0; i < icgUrls.size(); i++) {
            targets.add(new GatewayTarget(icgUrls.get(i), Fingerprints.normalize(icgFingerprints.get(i))));
        }
        return targets;
    }
}
