package dev.ums.agent.internal.secure;

import static dev.ums.protocol.io.Closeables.closeQuietly;

import dev.ums.agent.ConsentPrompt;
import dev.ums.agent.SessionIndicator;
import dev.ums.agent.internal.rfb.InputFilteringEndpoint;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.protocol.tunnel.BytePump;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.up.UpMessage;
import dev.ums.rfb.ProtocolVersion;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OS 11 secure VNC connection on the device, as the vendor documents the handshake: TLS, then
 * {@code PROCYCMD PW_<password>} from the console; the server must vouch for the password, the user may be
 * asked, the VNC server must answer; only then does the console get the VNC server's own greeting
 * ({@code RFB 003.008\n}) and a plain relay. Any refusal simply closes the connection, as documented. A password is
 * sent to the server only if a server could have issued it ({@link SessionPasswordShape}) and only as often as
 * {@link SecureVncAdmission} allows; refusals before the server vouched for the
 * password are logged through the listener's rate-limited warning, since anyone reaching the port can cause them.
 *
 * <p>Runs on a handshake pool thread (it blocks on the password check, the prompt and connecting).
 */
final class SecureVncSession {
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(SecureVncSession.class);
    private static final int VNC_TIMEOUT_MILLIS = 5000;
    /** How much of a name the server sent the log shows. */
    private static final int MAX_SHOWN = 100;

    private final String id;
    private final SSLSocket client;
    /** The connection under {@link #client}'s TLS: closing it ends a handshake at once, whoever is reading. */
    private final Socket connection;
    private final SecureVncListener.Settings settings;
    private final ScheduledExecutorService deadlines;
    private final SecureVncAdmission admission;
    private final RepeatedWarning unvouched;

    SecureVncSession(String id, SSLSocket client, Socket connection, SecureVncListener.Settings settings,
                     ScheduledExecutorService deadlines, SecureVncAdmission admission, RepeatedWarning unvouched) {
        this.id = id;
        this.client = client;
        this.connection = connection;
        this.settings = settings;
        this.deadlines = deadlines;
        this.admission = admission;
        this.unvouched = unvouched;
    }

    String id() {
        return id;
    }

    /** Runs the handshake; returns the running relay, or empty after closing the connection. */
    Optional<BytePump> start() {
        String peer = String.valueOf(client.getRemoteSocketAddress());
        String password = readPassword(peer);
        if (password == null) {
            return Optional.empty();
        }
        if (!SessionPasswordShape.couldBeIssued(password)) {
            admission.notSent(client.getInetAddress());
            return refuseUnvouched("the password from " + peer + " is not of the form the server issues; it was not "
                    + "sent to the server");
        }
        if (!admission.mayCheck(client.getInetAddress())) {
            return refuseUnvouched("too many session passwords from " + peer + " or from all clients in the last "
                    + "minute; this one was not sent to the server");
        }
        Optional<UpMessage.ShadowPasswordVerdict> vouched;
        try {
            vouched = settings.checks().vouchedFor(password);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refuse("the agent is stopping");
        }
        if (vouched.isEmpty()) {
            return refuseUnvouched("the server did not vouch for the session password from " + peer);
        }
        UpMessage.ShadowPasswordVerdict verdict = vouched.get();
        ShadowSettings effective = verdict.effectiveSettings(settings.local());
        if (!effective.allowShadowing()) {
            return refuse("shadowing is switched off on this device");
        }
        boolean filterInput = !effective.allowInput();
        if (effective.promptUser()) {
            ConsentPrompt.Answer answer = settings.prompt().ask(new ConsentPrompt.Request(id, verdict.admin(),
                    filterInput));
            if (!answer.accepted()) {
                return refuse("declined: " + answer.message());
            }
        }
        Socket vnc = new Socket();
        byte[] greeting;
        try {
            vnc.connect(resolved(settings.vncAddress()), VNC_TIMEOUT_MILLIS);
            vnc.setTcpNoDelay(true);
            vnc.setSoTimeout(VNC_TIMEOUT_MILLIS);
            greeting = new byte[ProtocolVersion.GREETING_LENGTH];
            new DataInputStream(vnc.getInputStream()).readFully(greeting);
            vnc.setSoTimeout(0);
        } catch (IOException e) {
            closeQuietly(vnc);
            return refuse("no VNC server answering at " + settings.vncAddress() + " (" + e + ")");
        }
        if (ProtocolVersion.Announced.parse(greeting).isEmpty()) {
            closeQuietly(vnc);
            return refuse("the VNC server at " + settings.vncAddress() + " did not greet with an RFB version");
        }
        // The greeting, read to prove the server is there, goes on as the first bytes of the session.
        Endpoint vncEnd = Endpoint.withInputPrefix(Endpoint.of(vnc), greeting);
        if (filterInput) {
            vncEnd = new InputFilteringEndpoint(vncEnd, id);
        }
        LOG.info("secure VNC session {}: {} connected for {}{}", id, peer, PeerText.of(verdict.admin(), MAX_SHOWN),
                filterInput ? ", input dropped" : "");
        BytePump pump = BytePump.start("secure-vnc-" + id, vncEnd,
                Endpoint.withInput(Endpoint.of(client), LineEndSkippingInput::new), BytePump.DEFAULT_BOUND);
        if (!settings.tunnelled().isTunnelled(client)) {
            showIndicator(pump, verdict.admin(), filterInput, effective);
        }
        return Optional.of(pump);
    }

    /** The person at the device sees who watches while the bytes flow; Disconnect there ends the connection. */
    private void showIndicator(BytePump pump, String admin, boolean viewOnly, ShadowSettings effective) {
        SessionIndicator.Shown shown = settings.indicator().show(new SessionIndicator.Request(id, admin, Instant.now(),
                viewOnly, effective.indicatorPosition(), effective.allowUserDisconnect()), () -> {
                    if (effective.allowUserDisconnect()) {
                        LOG.info("secure VNC session {}: ended by the user at the device", id);
                        pump.close();
                    }
                });
        pump.done().whenComplete((totals, e) -> shown.close());
    }

    /** The TLS handshake and the command together get the command timeout; a silent client is cut off. */
    private String readPassword(String peer) {
        long timeout = settings.commandTimeout().toMillis();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(connection), timeout,
                TimeUnit.MILLISECONDS);
        try {
            client.startHandshake();
            String password = PasswordCommand.read(client.getInputStream());
            if (deadline.cancel(false)) {
                return password;
            }
            refuseUnvouched("no complete password command from " + peer + " within " + timeout + " ms");
            return null;
        } catch (IOException e) {
            String why = deadline.isDone() && connection.isClosed()
                    ? "no complete password command within " + timeout + " ms"
                    : e.getMessage();
            refuseUnvouched("no session for " + peer + ": " + why);
            return null;
        } finally {
            deadline.cancel(false);
        }
    }

    private Optional<BytePump> refuse(String why) {
        LOG.info("secure VNC session {} refused: {}", id, why);
        closeQuietly(client);
        return Optional.empty();
    }

    private Optional<BytePump> refuseUnvouched(String why) {
        unvouched.warn("secure VNC session {} refused: {}", id, why);
        closeQuietly(client);
        return Optional.empty();
    }

    private static InetSocketAddress resolved(InetSocketAddress address) {
        return address.isUnresolved() ? new InetSocketAddress(address.getHostString(), address.getPort()) : address;
    }
}
