package dev.ums.agent.internal.up;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.link.ControlLink;
import dev.ums.protocol.link.LinkEnd;
import dev.ums.protocol.link.LinkListener;
import dev.ums.protocol.link.LinkSettings;
import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the device's UP WebSocket open over a {@link ControlLink}: says hello on each connection, beats at the
 * interval the server's welcome names (1–120 s), and reconnects after 1 s doubling to 5 s (±25 %; the first attempt
 * after a lost connection 0.75–3.75 s, its dial limit 8 s: {@link dev.ums.protocol.link.Backoff}, {@link
 * dev.ums.protocol.link.DialLimit}), so that a device is back within 10 s of its server's or gateway's return; after
 * the server refused the device's credential, a minute more. Logs one line per change of state (online, lost, a new
 * kind of failure), not one per retry.
 *
 * <p>Threads: {@link #send}, {@link #isOnline}, {@link #start} and {@link #stop} from any thread; messages are handed
 * to {@code handler} on the link's reading thread, and the handler must not block.
 */
public final class UpConnector implements LinkListener {
    private static final Logger LOG = LoggerFactory.getLogger(UpConnector.class);
    /**
     * The limit for a dial (TCP, TLS, upgrade) at start and after a connection that opened; the first dial after a
     * lost connection has twice this ({@link dev.ums.protocol.link.DialLimit#lost}). Short because the WebSocket
     * client does not notice a connection closed during the dial (a balancer whose node just died): such a dial ends
     * only here, and a device must be back within 10 s of its server's return.
     */
    private static final Duration DIAL_TIMEOUT = Duration.ofSeconds(4);
    /**
     * The longest dial limit: each dial in a row that ran out of time doubles the next one's (4, 8, 16, 32 s). A node
     * taking over thousands of devices at once cannot finish their handshakes in 4 s; devices that gave up each
     * handshake after 4 s and dialed again kept it busy with handshakes nobody waited for any more.
     */
    private static final Duration MAX_DIAL_TIMEOUT = Duration.ofSeconds(32);
    /**
     * Added to the usual delay after the server refused the device's credential (HTTP 401), which only a new enrollment
     * changes: a device whose credential was replaced (an approved re-enrollment left its clone) or removed would
     * otherwise dial every 5 s for ever, each dial a TLS handshake the server pays for.
     */
    static final Duration AFTER_CREDENTIAL_REFUSED = Duration.ofMinutes(1);
    /** The limit for the server's welcome after the hello. */
    private static final Duration WELCOME_TIMEOUT = Duration.ofSeconds(10);
    /** A server that sends heartbeats and then stays silent this many intervals is gone. */
    private static final int SILENT_INTERVALS = 3;
    /**
     * The longest heartbeat interval the agent accepts from a welcome (ours names 20 s). A welcome naming hours would
     * leave a dead link unnoticed, and the device shown online by nobody, for three times as long.
     */
    static final int MAX_HEARTBEAT_SECONDS = 120;
    /**
     * How much of a value the server chose (its device id, a parser's reason quoting its text) a log line shows, and
     * of a sentence about a lost link that quotes its close reason; control characters are replaced, so the server
     * cannot forge log lines.
     */
    private static final int MAX_SHOWN = 100;
    private static final int MAX_SENTENCE = 400;

    private final URI upUri;
    private final HttpClient http;
    private final Enrollment enrollment;
    private final Supplier<UpMessage.Hello> hello;
    private final Consumer<UpMessage> handler;
    private final Consumer<Boolean> onlineChanged;
    private volatile ControlLink link;
    private volatile boolean stopped;
    private volatile boolean online;
    /** Touched on the link's own thread only. */
    private volatile String lastFailure;
    private final RepeatedWarning malformed = RepeatedWarning.perMinute(LOG, Clock.systemUTC(),
            "malformed messages from the server");

    /**
     * {@code http} lends its TLS context (the pinned one); the link's own thread sends the heartbeats. The link is
     * always {@code wss}: the device's credential goes in its upgrade request.
     */
    public UpConnector(HttpClient http, UpstreamUrl server, Enrollment enrollment, Supplier<UpMessage.Hello> hello,
                       Consumer<UpMessage> handler, Consumer<Boolean> onlineChanged) {
        this.http = http;
        this.upUri = server.webSocket(UpPaths.UP);
        this.enrollment = enrollment;
        this.hello = hello;
        this.handler = handler;
        this.onlineChanged = onlineChanged;
    }

    public void start(String name) {
        link = new ControlLink(linkSettings(name), this);
        link.start();
    }

    /** The UP link's settings: its address, credential, delays and dial limits. */
    LinkSettings linkSettings(String name) {
        return new LinkSettings(upUri,
                Map.of("Authorization", UpPaths.deviceAuthorization(enrollment.deviceId(), enrollment.credential())),
                http.sslContext(), Duration.ofSeconds(1),
                Duration.ofSeconds(5), DIAL_TIMEOUT, MAX_DIAL_TIMEOUT, null, WELCOME_TIMEOUT, Duration.ofSeconds(1),
                "ums-agent-up-" + name);
    }

    public boolean isOnline() {
        return online;
    }

    /** Sends on the current connection; while offline the message is dropped (the server forgot the session). */
    public void send(UpMessage message) {
        ControlLink l = link;
        if (l == null || !l.send(message.toJson())) {
            // the class name only: a message may carry a secret (an OS 11 session password)
            LOG.info("not connected, cannot tell the server: {}", message.getClass().getSimpleName());
        }
    }

    @Override
    public void opened() {
        send(hello.get());
    }

    @Override
    public void received(String json) {
        UpMessage message;
        try {
            message = UpMessage.parse(json);
        } catch (MalformedMessageException e) {
            malformed.warn("ignoring a malformed message from the server: {}", PeerText.of(e.getMessage(), MAX_SHOWN));
            return;
        }
        if (message instanceof UpMessage.Welcome w) {
            long interval = heartbeatSeconds(w);
            link.beatEvery(Duration.ofSeconds(interval), Duration.ofSeconds(SILENT_INTERVALS * interval));
            lastFailure = null;
            setOnline(true, "online as device " + PeerText.of(w.deviceId(), MAX_SHOWN));
        } else if (!(message instanceof UpMessage.Heartbeat)) {
            handler.accept(message);
        }
    }

    /** The welcome's heartbeat interval within 1 s and {@link #MAX_HEARTBEAT_SECONDS}. */
    static int heartbeatSeconds(UpMessage.Welcome welcome) {
        return Math.max(1, Math.min(MAX_HEARTBEAT_SECONDS, welcome.heartbeatSeconds()));
    }

    @Override
    public String heartbeat() {
        return new UpMessage.Heartbeat(System.currentTimeMillis()).toJson();
    }

    @Override
    public void down(LinkEnd end, boolean wasOpen) {
        if (online || stopped) {
            setOnline(false, PeerText.of(end.sentence("the server", upUri), MAX_SENTENCE));
        } else if (end.kind() == LinkEnd.Kind.UNREACHABLE || end.kind() == LinkEnd.Kind.REFUSED) {
            failed(PeerText.of(describe(end), MAX_SENTENCE));
        }
    }

    private void setOnline(boolean now, String why) {
        boolean was = online;
        online = now;
        if (now && !was) {
            LOG.info("{}", why);
            onlineChanged.accept(true);
        } else if (!now && was && stopped) {
            LOG.info("disconnected from the server (agent stopping)");
            onlineChanged.accept(false);
        } else if (!now && was) {
            LOG.info("connection to the server lost ({}); reconnecting", why);
            onlineChanged.accept(false);
        }
    }

    private void failed(String why) {
        if (!why.equals(lastFailure)) {
            LOG.warn("cannot connect to the server: {}; retrying with backoff", why);
            lastFailure = why;
        } else {
            LOG.debug("still cannot connect: {}", why);
        }
    }

    @Override
    public Duration retryDelay(LinkEnd end, Duration usual) {
        return credentialRefused(end) ? AFTER_CREDENTIAL_REFUSED.plus(usual) : usual;
    }

    private static boolean credentialRefused(LinkEnd end) {
        return end.kind() == LinkEnd.Kind.REFUSED && end.status() == 401;
    }

    private String describe(LinkEnd end) {
        if (end.kind() == LinkEnd.Kind.REFUSED && end.status() == 403) {
            return "this device's re-enrollment waits for an administrator's approval (HTTP 403)";
        }
        if (credentialRefused(end)) {
            return "the server refused this device's credential (HTTP 401); enroll again with a new enrollment token "
                    + "(trying again every minute)";
        }
        return end.sentence("the server", upUri);
    }

    public void stop() {
        stopped = true;
        ControlLink l = link;
        if (l != null) {
            l.close();
        }
    }
}
