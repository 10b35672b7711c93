package dev.ums.agent;

import dev.ums.agent.internal.secure.PasswordChecks;
import dev.ums.agent.internal.secure.SecureVncListener;
import dev.ums.agent.internal.shadow.ShadowSessions;
import dev.ums.agent.internal.shadow.TunnelOpener;
import dev.ums.agent.internal.up.CredentialStore;
import dev.ums.agent.internal.up.DeviceIdentity;
import dev.ums.agent.internal.up.EnrollmentClient;
import dev.ums.agent.internal.up.UpConnector;
import dev.ums.agent.internal.up.UpstreamUrl;
import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.io.OwnerOnlyDirectory;
import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.protocol.up.UpMessage;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device side of shadowing: enrolls once, keeps the device's UP connection to the server (or to a Cloud
 * Gateway, which speaks the same paths) open, and answers shadow requests by tunnelling the local VNC server,
 * with the user's consent; as an OS 11 device it serves secure VNC on its own TLS port to consoles holding a
 * session password, and answers shadow requests by tunnelling that port, so TLS stays end to end.
 */
public final class DeviceAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceAgent.class);

    private final String deviceId;
    private final UpConnector connector;
    private final ShadowSessions sessions;
    private final PasswordChecks passwordChecks;
    /** Null for an OS 12 device; set once in {@link #start} before the connection thread starts. */
    private volatile SecureVncListener secureVnc;
    /** Guarded by itself, like {@link #reportedOnline}: a new listener sees each change exactly once. */
    private final List<Consumer<Boolean>> onlineListeners = new ArrayList<>();
    private boolean reportedOnline;

    private DeviceAgent(AgentConfig config, Enrollment enrollment, DeviceIdentity identity, HttpClient http,
                        UpstreamUrl server) {
        this.deviceId = enrollment.deviceId();
        ShadowSettings local = new ShadowSettings(true, config.promptUser(), config.allowInput());
        ConsentPrompt prompt = config.prompt() != null ? config.prompt() : ConsentPrompt.forThisDisplay();
        UpConnector[] self = new UpConnector[1];
        this.sessions = new ShadowSessions(local, config.vncAddress(), prompt, new TunnelOpener(config.fingerprint()),
                message -> self[0].send(message), config.name(), config.secureVnc() ? () -> secureVnc.port() : null)
                .withIndicator(config.indicator() != null ? config.indicator() : SessionIndicator.NONE);
        // the hello is built per connection: the OS 11 port is known only once the listener is bound
        this.connector = new UpConnector(http, server, enrollment, () -> new UpMessage.Hello(config.name(),
                identity.unitId(), identity.mac(), config.osVersion(), agentVersion(), local,
                secureVnc == null ? null : secureVnc.port()), this::received, this::onlineChanged);
        self[0] = connector;
        this.passwordChecks = new PasswordChecks(message -> self[0].send(message), connector::isOnline);
    }

    /**
     * Makes the data directory owner-only ({@link OwnerOnlyDirectory}), enrolls if needed (with the config's enrollment
     * token) and starts connecting in the background.
     *
     * @throws IOException with one sentence for the user: a server URL that is not https (refused before any
     *                     connection), not enrolled and no token, token refused, server unreachable during
     *                     enrollment, data directory not writable
     */
    public static DeviceAgent start(AgentConfig config) throws IOException {
        UpstreamUrl server = upstream(config.serverUrl());
        HttpClient http = HttpClient.newBuilder()
                .sslContext(PinnedTrust.fingerprint(config.fingerprint()).sslContext())
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        // the credential, the enrollment key and the OS 11 key: closed to other users, also in a directory made by hand
        OwnerOnlyDirectory.secure(config.dataDir());
        CredentialStore store = new CredentialStore(config.dataDir());
        DeviceIdentity identity = store.identity();
        Optional<Enrollment> stored = store.enrollment();
        // OS 11: the device's own key pair; the server stores its certificate at enrollment, consoles pin it
        SelfSignedIdentity tlsIdentity = config.secureVnc()
                ? SelfSignedIdentity.loadOrCreate(config.dataDir(), config.name()) : null;
        Enrollment enrollment;
        if (stored.isPresent()) {
            enrollment = stored.get();
        } else {
            if (config.enrollmentToken() == null || config.enrollmentToken().isBlank()) {
                throw new IOException("this device is not enrolled yet: set UMS_ENROLLMENT_TOKEN to an enrollment token"
                        + " from the server for the first start");
            }
            String certificate = tlsIdentity == null ? null : tlsIdentity.certificatePem();
            EnrollmentClient.Result result = new EnrollmentClient(http, server).enroll(config.enrollmentToken(),
                    new EnrollmentRequest(config.name(), identity.unitId(), identity.mac(), config.osVersion(),
                            certificate, store.enrollmentKey()));
            enrollment = result.enrollment();
            store.saveEnrollment(enrollment);
            if (result.awaitingApproval()) {
                LOG.warn("the server knows this device as device {} already: it connects once an administrator "
                        + "approves the re-enrollment", PeerText.of(enrollment.deviceId(), 100));
            } else {
                LOG.info("enrolled as device {}", PeerText.of(enrollment.deviceId(), 100));
            }
        }
        DeviceAgent agent = new DeviceAgent(config, enrollment, identity, http, server);
        if (tlsIdentity != null) {
            ShadowSettings local = new ShadowSettings(true, config.promptUser(), config.allowInput());
            try {
                // the sessions' prompt: the person is asked about one session at a time, whichever way it came
                agent.secureVnc = SecureVncListener.start(tlsIdentity, config.secureBind(), config.securePort(),
                        new SecureVncListener.Settings(local, config.vncAddress(), agent.sessions.prompt(),
                                agent.passwordChecks)
                                .showing(agent.sessions.indicator(), agent.sessions.tunnelled()),
                        config.name());
            } catch (IOException e) {
                agent.close();
                throw e;
            }
        }
        agent.connector.start(config.name());
        return agent;
    }

    private static UpstreamUrl upstream(String serverUrl) throws IOException {
        try {
            return UpstreamUrl.parse(serverUrl);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    private void received(UpMessage message) {
        if (message instanceof UpMessage.ShadowOpen open) {
            sessions.open(open);
        } else if (message instanceof UpMessage.ShadowPasswordVerdict verdict) {
            passwordChecks.verdict(verdict);
        } else {
            LOG.debug("ignoring {}", message.getClass().getSimpleName());
        }
    }

    /** The id the server gave this device at enrollment. */
    public String deviceId() {
        return deviceId;
    }

    /** The bound secure VNC port of an OS 11 device (the real one when 0 was configured); empty for OS 12. */
    public OptionalInt securePort() {
        return secureVnc == null ? OptionalInt.empty() : OptionalInt.of(secureVnc.port());
    }

    /** Whether the UP connection is open and the server welcomed the device. */
    public boolean isConnected() {
        return connector.isOnline();
    }

    /**
     * Calls {@code listener} with true when the agent comes online and false when it loses the server; at once
     * with true if it is online already. Called on the agent's connection thread; keep it short.
     */
    public void addOnlineListener(Consumer<Boolean> listener) {
        synchronized (onlineListeners) {
            onlineListeners.add(listener);
            if (reportedOnline) {
                listener.accept(true);
            }
        }
    }

    private void onlineChanged(boolean online) {
        synchronized (onlineListeners) {
            reportedOnline = online;
            onlineListeners.forEach(l -> l.accept(online));
        }
    }

    /** Ends running sessions, closes the connection, and stops reconnecting. */
    @Override
    public void close() {
        // Sessions first, so their shadow.closed can still go out on the open connection.
        sessions.close();
        if (secureVnc != null) {
            secureVnc.close();
        }
        connector.stop();
    }

    private static String agentVersion() {
        String version = DeviceAgent.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
