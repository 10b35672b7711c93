package dev.ums.agent.internal.shadow;

import dev.ums.agent.ConsentPrompt;
import dev.ums.agent.SessionIndicator;
import dev.ums.agent.internal.consent.OneQuestionAtATime;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.protocol.thread.DaemonThreads;
import dev.ums.protocol.tunnel.BytePump;
import dev.ums.protocol.tunnel.SessionEnd;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All shadow sessions of one agent: each {@code shadow.open} becomes a {@link ShadowSession} (OS 12: the VNC
 * server) or, for an OS 11 device, a {@link SecureTunnelSession} (its own secure VNC port) on its own executor
 * thread, so prompts and connects never hold up the UP listener and several sessions run at once. The person at the
 * device is asked about one session at a time ({@link OneQuestionAtATime}); a repeated or excess request is ignored or
 * refused at once, so a flood of requests neither stacks dialogs nor grows a queue.
 *
 * <p>It keeps the indicator shown for each running session; {@link #close} ends the sessions, waits a moment for
 * their ends to be handled ({@code shadow.closed} sent on the still open connection) and removes every indicator
 * before it returns, so an agent stopping leaves none on the screen.
 *
 * <p>Thread: {@link #open} is called on the UP listener thread and returns at once; {@link #close} from any thread.
 */
public final class ShadowSessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowSessions.class);
    /** More parallel requests than any admin team sends to one device; the rest wait their turn. */
    private static final int MAX_PARALLEL = 8;
    /** How long {@link #close} waits for the sessions it ended to be handled; each takes a moment. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
    /** Requests from {@code shadow.open} to their session's end (waiting, asking, connecting or running). */
    static final int MAX_IN_HAND = 2 * MAX_PARALLEL;

    private final ShadowSettings local;
    private final InetSocketAddress vncAddress;
    private final ConsentPrompt prompt;
    private final TunnelOpener tunnels;
    private final UpSender up;
    /** The OS 11 device's bound secure VNC port; null for an OS 12 device. */
    private final IntSupplier securePort;
    private final Map<String, RunningSession> running = new ConcurrentHashMap<>();
    /** The session ids of the requests in hand, from {@code shadow.open} until the session ended or was refused. */
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();
    /** The session ids of the latest requests taken in hand: a server never asks about one session twice. */
    private final SeenSessionIds seen = new SeenSessionIds();
    /** What a server can send as often as it likes: a line each would let it fill the device's log. */
    private final RepeatedWarning unusable = RepeatedWarning.perMinute(LOG, Clock.systemUTC(),
            "unusable shadow requests");
    private final ExecutorService executor;
    private volatile SessionIndicator indicator = SessionIndicator.NONE;
    private final TunnelledConnections tunnelled = new TunnelledConnections();
    private volatile boolean closed;

    public ShadowSessions(ShadowSettings local, InetSocketAddress vncAddress, ConsentPrompt prompt, TunnelOpener tunnels,
                          UpSender up, String agentName) {
        this(local, vncAddress, prompt, tunnels, up, agentName, null);
    }

    /** @param securePort for an OS 11 device, its bound secure VNC port (read per request); null for OS 12 */
    public ShadowSessions(ShadowSettings local, InetSocketAddress vncAddress, ConsentPrompt prompt, TunnelOpener tunnels,
                          UpSender up, String agentName, IntSupplier securePort) {
        this.securePort = securePort;
        this.local = local;
        this.vncAddress = vncAddress;
        this.prompt = new OneQuestionAtATime(prompt);
        this.tunnels = tunnels;
        this.up = up;
        this.executor = Executors.newFixedThreadPool(MAX_PARALLEL,
                DaemonThreads.numbered("ums-agent-" + agentName + "-session"));
    }

    /** Where sessions show that the device is shadowed; set once before the first request. */
    public ShadowSessions withIndicator(SessionIndicator indicator) {
        this.indicator = indicator;
        return this;
    }

    /** Where sessions show that the device is shadowed. */
    public SessionIndicator indicator() {
        return indicator;
    }

    /**
     * How this agent asks the person at the device, one session at a time: the OS 11 listener asks through it too,
     * so that its sessions and these never put two questions on the screen at once.
     */
    public ConsentPrompt prompt() {
        return prompt;
    }

    /** The OS 11 device's connections to its own secure port that carry a tunnel's session. */
    public TunnelledConnections tunnelled() {
        return tunnelled;
    }

    /**
     * Starts handling a request; returns immediately. A request whose session id no answer could carry is ignored,
     * as is one for a session taken in hand before (its answer came or comes from the first); one without a usable
     * token, or beyond {@link #MAX_IN_HAND} requests in hand, is refused at once.
     */
    public void open(UpMessage.ShadowOpen request) {
        String id = request.sessionId();
        if (!OpenRequestCheck.answerable(id)) {
            unusable.warn("ignoring a shadow.open whose session id is not one ({})", ShownValue.of(id));
            return;
        }
        if (request.tunnelUrl() == null) {
            up.send(new UpMessage.ShadowResult(id, ShadowOutcome.ERROR, "incomplete shadow request: no tunnel URL"));
            return;
        }
        Optional<String> badToken = OpenRequestCheck.tokenProblem(request);
        if (badToken.isPresent()) {
            unusable.warn("session {}: {}", id, badToken.get());
            up.send(new UpMessage.ShadowResult(id, ShadowOutcome.ERROR, badToken.get()));
            return;
        }
        if (seen.contains(id)) {
            LOG.debug("session {}: a repeated shadow.open, ignored", id);
            return;
        }
        if (inHand.size() >= MAX_IN_HAND) {
            LOG.debug("session {}: {} requests in hand already, refused", id, inHand.size());
            up.send(new UpMessage.ShadowResult(id, ShadowOutcome.ERROR,
                    "the device is handling " + MAX_IN_HAND + " other shadow requests"));
            return;
        }
        if (!seen.add(id)) {
            LOG.debug("session {}: a repeated shadow.open, ignored", id);
            return;
        }
        inHand.add(id);
        DeviceSide session = securePort == null
                ? new ShadowSession(request, local, vncAddress, prompt, tunnels, up)
                : new SecureTunnelSession(request, local, securePort.getAsInt(), tunnels, up, tunnelled);
        try {
            executor.execute(() -> run(session));
        } catch (RejectedExecutionException e) {
            inHand.remove(id);
            LOG.debug("agent stopping, request {} dropped", id);
        }
    }

    private void run(DeviceSide session) {
        Optional<Joined> joined;
        try {
            joined = session.start();
        } catch (RuntimeException e) {
            inHand.remove(session.id());
            LOG.error("session {} failed", session.id(), e);
            up.send(new UpMessage.ShadowResult(session.id(), ShadowOutcome.ERROR,
                    "the agent failed: " + ShownValue.of(e.getMessage())));
            return;
        }
        joined.ifPresentOrElse(j -> watch(session, j), () -> inHand.remove(session.id()));
    }

    /** Shows the indicator while the session's bytes flow; Disconnect on it closes the tunnel with its reason. */
    private void watch(DeviceSide session, Joined joined) {
        BytePump pump = joined.pump();
        UpMessage.ShadowOpen request = session.request();
        ShadowSettings effective = request.effectiveSettings(local);
        AtomicReference<SessionEnd> endedBy = new AtomicReference<>();
        SessionIndicator.Shown shown = indicator.show(new SessionIndicator.Request(session.id(), request.admin(),
                Instant.now(), request.viewOnly(), effective.indicatorPosition(), effective.allowUserDisconnect()),
                () -> {
                    if (effective.allowUserDisconnect() && endedBy.compareAndSet(null, SessionEnd.USER_DISCONNECTED)) {
                        joined.tunnel().close(SessionEnd.USER_DISCONNECTED);
                        pump.close();
                    }
                });
        RunningSession watched = new RunningSession(pump, shown);
        running.put(session.id(), watched);
        if (closed) {
            pump.close();
        }
        pump.done().whenComplete((totals, e) -> {
            try {
                watched.closeIndicator();
                running.remove(session.id());
                inHand.remove(session.id());
                SessionEnd end = endedBy.get();
                LOG.info("session {} ended{} ({} bytes to the viewer, {} from it)", session.id(),
                        end == null ? "" : " by " + end.wireName(),
                        totals == null ? 0 : totals.leftToRight(), totals == null ? 0 : totals.rightToLeft());
                up.send(end == null ? new UpMessage.ShadowClosed(session.id(), "the session ended on the device")
                        : new UpMessage.ShadowClosed(session.id(), end.wireName(), end));
            } finally {
                watched.endHandled();
            }
        });
    }

    /** Sessions whose bytes are flowing now. */
    public int runningCount() {
        return running.size();
    }

    /**
     * Ends every session, waits up to {@link #CLOSE_WAIT} for their ends to be handled, and removes every indicator
     * still shown before it returns.
     */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
        List<RunningSession> ending = List.copyOf(running.values());
        ending.forEach(r -> r.pump().close());
        try {
            CompletableFuture.allOf(ending.stream().map(RunningSession::handled).toArray(CompletableFuture[]::new))
                    .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("not every session's end was handled before the agent stopped", e);
        }
        running.values().forEach(RunningSession::closeIndicator);
    }
}
