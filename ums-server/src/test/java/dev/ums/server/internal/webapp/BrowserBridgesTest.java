package dev.ums.server.internal.webapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.relay.TunnelRelay;
import dev.ums.relay.TunnelTokens;
import dev.ums.relay.TunnelTokens.Presenter;
import dev.ums.server.internal.audit.AuditLog;
import dev.ums.server.internal.db.Database;
import dev.ums.server.internal.db.Jdbc;
import dev.ums.server.internal.device.Device;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.device.DirectoryStore;
import dev.ums.server.internal.recording.SessionRecordings;
import dev.ums.server.internal.shadow.MemorySessionPasswords;
import dev.ums.server.internal.shadow.RelayAudit;
import dev.ums.server.internal.shadow.SecureVncSecrets;
import dev.ums.server.internal.shadow.SessionPasswords;
import dev.ums.server.internal.shadow.ShadowRefusal;
import dev.ums.testkit.log.CapturedLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge that cannot be made (the bridges all busy, the gateway's tunnel not opening) leaves nothing granted behind:
 * the OS 11 session's audit entry ends, its one-time password is taken back, a gateway's brokered session is ended
 * there. Real database (H2 in a folder), real sockets.
 */
class BrowserBridgesTest {
    private static final String BUSY = "too many web app sessions are being opened at once; try again shortly";
    @RegisterExtension
    final CapturedLog auditLog = new CapturedLog("dev.ums.server.internal.audit.AuditLog");
    @TempDir
    Path data;
    private final Clock clock = Clock.systemUTC();
    private final List<String> issuedPasswords = new CopyOnWriteArrayList<>();
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private Database database;
    private AuditLog audit;
    private DeviceStore devices;
    private SessionPasswords passwords;
    private BrowserBridges bridges;
    private ServerSocket silentDevice;

    @BeforeEach
    void start() throws Exception {
        database = Database.open(null, null, null, data);
        Jdbc jdbc = new Jdbc(database.dataSource());
        audit = new AuditLog(jdbc, clock);
        devices = new DeviceStore(jdbc, clock);
        MemorySessionPasswords memory = new MemorySessionPasswords(clock);
        passwords = new RecordingPasswords(memory);
        RelayAudit relayAudit = new RelayAudit(audit);
        Path recordings = Files.createDirectories(data.resolve("recordings"));
        // one bridge at a time: the second is refused as busy while the first waits for its device
        bridges = new BrowserBridges(new TunnelTokens(clock), new TunnelRelay(clock, relayAudit, Duration.ofMinutes(5)),
                relayAudit, new SecureVncSecrets(passwords, audit, devices), null,
                new SessionRecordings(recordings, false, new DirectoryStore(jdbc), audit, clock), 1);
        silentDevice = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(() -> {
            while (!silentDevice.isClosed()) {
                try {
                    held.add(silentDevice.accept());
                } catch (IOException e) {
                    return;
                }
            }
        }, "silent-device");
        accepting.setDaemon(true);
        accepting.start();
    }

    @AfterEach
    void stop() throws IOException {
        silentDevice.close();
        for (Socket s : held) {
            s.close();
        }
        bridges.close();
        database.close();
    }

    @Test
    void anOs11BridgeRefusedAsBusyEndsItsAuditEntryAndTakesBackItsPassword() throws Exception {
        Device device = os11Device(silentDevice.getLocalPort());
        bridges.os11Direct(device, "admin", "127.0.0.1:8443");
        // the only bridge waits in the TLS handshake of a device that never answers
        await().atMost(Duration.ofSeconds(10)).until(() -> held.size() == 1);

        CompletableFuture<ShadowSession> second = bridges.os11Direct(device, "admin", "127.0.0.1:8443");
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ShadowRefusal.class)
                .satisfies(e -> assertThat(((ShadowRefusal) e).reason()).isEqualTo(ShadowRefusal.Reason.BUSY));

        // the first bridge gives up after the handshake's own 10 s, so only the refused one is looked for by its end
        List<AuditEntry> entries = audit.forDevice(device.id());
        assertThat(entries).hasSize(2);
        assertThat(entries).filteredOn(e -> BUSY.equals(e.detail())).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("FAILED");
            assertThat(e.end()).isNotNull();
        });
        assertThat(issuedPasswords).hasSize(2);
        assertThat(passwords.use(device.id(), issuedPasswords.get(1)).refusal())
                .isEqualTo("unknown or already used session password");
    }

    @Test
    void aGatewaysSessionWhoseTunnelCannotBeOpenedIsEndedAtTheGateway() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        String fingerprint = SelfSignedIdentity.create("gateway").fingerprint();
        ShadowSession brokered = new ShadowSession("gw-1", "wss://127.0.0.1:" + closedPort + "/shadow/tunnel/gw-1",
                "console-token", "icg", false, 65, fingerprint);
        List<String> endedAtGateway = new CopyOnWriteArrayList<>();

        CompletableFuture<ShadowSession> bridged = bridges.viaGateway(CompletableFuture.completedFuture(brokered),
                "127.0.0.1:8443", Presenter.BROWSER, (sessionId, reason) -> endedAtGateway.add(sessionId));

        assertThatThrownBy(() -> bridged.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ShadowRefusal.class)
                .satisfies(e -> assertThat(((ShadowRefusal) e).reason()).isEqualTo(ShadowRefusal.Reason.FAILED));
        assertThat(endedAtGateway).containsExactly("gw-1");
    }

    @Test
    void anOs11DeviceBehindAGatewayWhoseCertificateTheServerLacksIsNeverAsked() throws Exception {
        long id = devices.insert("unit-12", "kiosk-12", "00:11:22:33:44:66", "11", null, "credential", "token", null,
                ShadowSettings.DEFAULTS);
        Device device = devices.find(id).orElseThrow();
        List<String> asked = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> bridges.os11ViaGateway(device, "admin", () -> {
            asked.add("shadow.open");
            return new CompletableFuture<>();
        }, "127.0.0.1:8443", (sessionId, reason) -> { })).isInstanceOf(ShadowRefusal.class)
                .hasMessage("the server holds no certificate for this device; it never sent one");

        assertThat(asked).as("the device was never asked").isEmpty();
        assertThat(audit.forDevice(id)).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo("FAILED"));
    }

    @Test
    void aRefusedOs11BridgeEndsItsEntryOnceWithItsSentence() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        Device device = os11Device(closedPort);

        assertThatThrownBy(() -> bridges.os11Direct(device, "admin", "127.0.0.1:8443").get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ShadowRefusal.class);

        AuditEntry entry = audit.forDevice(device.id()).get(0);
        assertThat(entry.outcome()).isEqualTo("FAILED");
        assertThat(entry.detail()).contains(String.valueOf(closedPort));
        assertThat(auditLog.events()).as("no second end that the log would call lost").isEmpty();
    }

    private Device os11Device(int securePort) throws Exception {
        String pem = SelfSignedIdentity.create("kiosk-11").certificatePem();
        long id = devices.insert("unit-11", "kiosk-11", "00:11:22:33:44:55", "11", pem, "credential", "token", null,
                ShadowSettings.DEFAULTS);
        devices.contact(id, "127.0.0.1", "direct", "kiosk-11", "11", securePort);
        return devices.find(id).orElseThrow();
    }

    /** The server's passwords, keeping each one issued so that the test can present it. */
    private final class RecordingPasswords implements SessionPasswords {
        private final SessionPasswords inner;

        RecordingPasswords(SessionPasswords inner) {
            this.inner = inner;
        }

        @Override
        public String issue(long deviceId, String admin, long auditId) {
            String password = inner.issue(deviceId, admin, auditId);
            issuedPasswords.add(password);
            return password;
        }

        @Override
        public Verdict use(long deviceId, String password) {
            return inner.use(deviceId, password);
        }

        @Override
        public void expire() {
            inner.expire();
        }
    }
}
