package dev.ums.relay;

import dev.ums.protocol.tunnel.TunnelSide;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pairs the console's and the device's tunnel sockets by session id and relays between them. Sessions not
 * paired within {@link #PAIRING_LIMIT}, or without traffic for the idle limit, are closed by {@link #sweep()}. One
 * session per id at a time: opening an id that is live is refused ({@link SessionAlreadyOpen}). Any thread.
 */
public final class TunnelRelay {
    /**
     * Longer than any tunnel token lives (65 s: the device's 35 s to answer and 30 s to connect), so a side arriving
     * with a token still valid finds its session, and one arriving later is refused for its token.
     */
    public static final Duration PAIRING_LIMIT = Duration.ofSeconds(70);
    private static final Logger LOG = LoggerFactory.getLogger(TunnelRelay.class);

    private final Clock clock;
    private final RelayObserver observer;
    private final Duration idleLimit;
    private final RelayTaps taps;
    private final ConcurrentHashMap<String, RelaySession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong maxBuffered = new AtomicLong();

    public TunnelRelay(Clock clock, RelayObserver observer, Duration idleLimit) {
        this(clock, observer, idleLimit, RelayTaps.NONE);
    }

    /** A relay whose sessions {@code taps} may watch (the server's session recordings). */
    public TunnelRelay(Clock clock, RelayObserver observer, Duration idleLimit, RelayTaps taps) {
        this.clock = clock;
        this.observer = observer;
        this.idleLimit = idleLimit;
        this.taps = taps;
    }

    /** Milliseconds on the relay's clock. */
    public long now() {
        return clock.millis();
    }

    /**
     * Prepares a session whose two sides will connect with their tokens. An id whose session is still live is
     * refused: the live session goes on untouched, its tap is not opened a second time, and the caller must not grant
     * tokens for the refused one (they would lead into the live session).
     *
     * @throws SessionAlreadyOpen when a session with {@code sessionId} is live
     */
    public void open(String sessionId) {
        boolean[] opened = {false};
        sessions.computeIfAbsent(sessionId, id -> {
            // runs while the map holds the id's slot: opening a tap must stay cheap (a recorder opens its file later)
            opened[0] = true;
            AtomicReference<RelaySession> made = new AtomicReference<>();
            RelaySession session = new RelaySession(id, clock.millis(), this::held, this::ended,
                    taps.open(id, reason -> endMade(made.get(), reason)));
            made.set(session);
            return session;
        });
        if (!opened[0]) {
            throw new SessionAlreadyOpen(sessionId);
        }
    }

    private static void endMade(RelaySession session, String reason) {
        if (session == null) {
            throw new IllegalStateException("a tap can end its session only once the relay opened it");
        }
        session.end(reason);
    }

    /** Drops a session that never got going (refused or failed before the tunnels opened). */
    public void cancel(String sessionId, String reason) {
        RelaySession session = sessions.remove(sessionId);
        if (session != null) {
            session.end(reason);
        }
    }

    /** Ends a live session from the outside (for example: the device reported it closed). */
    public void end(String sessionId, String reason) {
        RelaySession session = sessions.get(sessionId);
        if (session != null) {
            session.end(reason);
        }
    }

    public RelaySession attach(String sessionId, TunnelSide side, Session socket) {
        return attach(sessionId, side, RelayPeer.of(socket));
    }

    /** Attaches a side the server opened itself (a device it reached on a browser's behalf). */
    public RelaySession attach(String sessionId, TunnelSide side, RelayPeer peer) {
        RelaySession session = sessions.get(sessionId);
        if (session == null || !session.attach(side, peer, clock.millis())) {
            return null;
        }
        if (session.isPaired()) {
            LOG.info("session {} paired", sessionId);
            observer.paired(sessionId);
        }
        return session;
    }

    private void ended(RelaySession session) {
        // this session only, never one opened later under the same id
        sessions.remove(session.sessionId(), session);
        LOG.info("session {} ended: {} ({} bytes to device, {} from device)", session.sessionId(),
                session.endReason(), session.bytesToDevice(), session.bytesFromDevice());
        observer.ended(session.sessionId(), session.isPaired(), session.endReason(), session.bytesToDevice(),
                session.bytesFromDevice());
    }

    /** Closes unpaired sessions past the pairing limit and paired ones idle past the idle limit. */
    public void sweep() {
        long now = clock.millis();
        for (RelaySession session : sessions.values()) {
            if (!session.isPaired() && now - session.createdAt() > PAIRING_LIMIT.toMillis()) {
                session.end("the other side of the tunnel never connected");
            } else if (session.isPaired() && now - session.lastActivity() > idleLimit.toMillis()) {
                session.end("the session was idle for " + idleLimit.toMinutes() + " minutes");
            }
        }
    }

    /** Bytes received from one side and not yet written to the other, over all sessions, right now. */
    public long bufferedBytes() {
        return buffered.get();
    }

    /** The most bytes ever held at once since start: the figure the backpressure bound is checked against. */
    public long maxBufferedBytes() {
        return maxBuffered.get();
    }

    public int activeSessions() {
        return sessions.size();
    }

    public void closeAll(String reason) {
        sessions.values().forEach(s -> s.end(reason));
    }

    private void held(long delta) {
        maxBuffered.accumulateAndGet(buffered.addAndGet(delta), Math::max);
    }
}
