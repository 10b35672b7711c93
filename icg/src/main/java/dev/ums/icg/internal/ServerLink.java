package dev.ums.icg.internal;

import dev.ums.protocol.gateway.GatewayMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's control link to its UMS server (the server dials in). Holds at most one live socket: a new
 * one replaces the old, and the requests still waiting on the old one fail at once ({@link LinkReplacedException}).
 * Requests (enrollment, device authentication) wait for the answer with a deadline. Tunnels
 * go on while the link is down; the ends of those that end meanwhile, and those a breaking link failed to write, are
 * kept (at most {@value #HELD_ENDS} while no server is linked) and sent when a server links again, so that its audit
 * entries get their ends. A server that stops reading the link has at most {@value #UNWRITTEN_LIMIT} of the
 * gateway's own messages waiting for it ({@link ServerLinkOutgoing}); the next one closes the link instead, and the
 * server dials again. Any thread.
 */
public final class ServerLink {
    /** Sentence for everything that needs the server while it is not connected. */
    public static final String NO_SERVER = "the gateway has no connection to its UMS server";
    /** Tunnel ends kept while no server is linked; beyond that the oldest is dropped. */
    static final int HELD_ENDS = 1024;
    /**
     * The gateway's own messages that may wait unwritten on one link: twice the most a reading server is given at once
     * (the hello and held tunnel ends, which go out only while fewer than {@value #HELD_ENDS} wait; beside them at
     * most 64 device authentications and 32 enrollments wait for answers, and a heartbeat answer or a tunnel report
     * goes now and then).
     */
    public static final int UNWRITTEN_LIMIT = 2 * HELD_ENDS;
    /** Why the gateway closes the link of a server that leaves {@value #UNWRITTEN_LIMIT} of its messages unread. */
    public static final String UNREAD = "the UMS server does not read what the gateway sends";
    private static final Logger LOG = LoggerFactory.getLogger(ServerLink.class);

    private final Deque<GatewayMessage.TunnelEnded> heldEnds = new ArrayDeque<>();
    /** Ends a broken link failed to write; at most the ends given to it, each once. */
    private final Queue<GatewayMessage.TunnelEnded> unwritten = new ConcurrentLinkedQueue<>();

    /** Requests waiting for the server's answer, each with the link it went out on. */
    private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
    private final Object linkChange = new Object();
    private final AtomicReference<ServerLinkOutgoing> current = new AtomicReference<>();

    public boolean isUp() {
        ServerLinkOutgoing c = current.get();
        return c != null && c.session().isOpen();
    }

    /**
     * Waits up to {@code limit} for a server link: a device that knocks while the server is relinking
     * (after either side restarted) is let in a moment later instead of being sent into its backoff.
     */
    public boolean awaitUp(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (linkChange) {
            while (!isUp()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                linkChange.wait(left);
            }
        }
        return true;
    }

    /**
     * Makes {@code newSession} the link. The requests still waiting on the link it replaces fail with a
     * {@link LinkReplacedException}: that link's server (a node that died without closing its connection, whose
     * successor linked) will not answer them.
     */
    void attach(Session newSession) {
        ServerLinkOutgoing old = current.getAndSet(new ServerLinkOutgoing(newSession));
        synchronized (linkChange) {
            linkChange.notifyAll();
        }
        if (old != null) {
            failPending(old, LinkReplacedException::new);
            if (old.session() != newSession) {
                old.session().close(1000, "replaced by a newer server connection", Callback.NOOP);
            }
        }
    }

    /** Forgets the socket if it is still the current one; the requests waiting on it fail. */
    boolean detach(Session closed) {
        ServerLinkOutgoing c = current.get();
        if (c == null || c.session() != closed || !current.compareAndSet(c, null)) {
            return false;
        }
        failPending(c, () -> new IOException(NO_SERVER));
        return true;
    }

    private void failPending(ServerLinkOutgoing on, Supplier<IOException> why) {
        pending.values().removeIf(p -> {
            if (p.on() != on) {
                return false;
            }
            p.answer().completeExceptionally(why.get());
            return true;
        });
    }

    /** Closes the link first when the gateway stops, so the server learns why its devices went away. */
    public void close(String reason) {
        ServerLinkOutgoing c = current.get();
        if (c != null) {
            detach(c.session());
            c.session().close(1001, reason, Callback.NOOP);
        }
    }

    /**
     * Closes a link whose server left {@value #UNWRITTEN_LIMIT} of the gateway's messages unread, and drops its
     * connection at once: the close frame waits behind them, and a server that goes on sending would keep the
     * connection, and what waits on it, forever. Its unwritten frames fail: the tunnel ends among them are kept for
     * the next server, the devices whose messages waited are read again.
     */
    private void closeUnread(ServerLinkOutgoing c) {
        if (detach(c.session())) {
            LOG.warn("closing the UMS server's link: {} ({} of its messages wait unwritten); the server dials again",
                    UNREAD, UNWRITTEN_LIMIT);
            c.session().close(StatusCode.POLICY_VIOLATION, UNREAD, Callback.NOOP);
            c.session().disconnect();
        }
    }

    /**
     * Reports a tunnel's end to the server now, or when one links again; an end given to a link that breaks before
     * it was written is kept as well.
     */
    public void tunnelEnded(GatewayMessage.TunnelEnded ended) {
        synchronized (heldEnds) {
            sendHeld(ended);
        }
    }

    /**
     * Sends the tunnel ends kept while no server was linked and those a broken link failed to write, oldest first:
     * after the gateway's hello, and every few seconds (a link may fail a write after the next link took over).
     */
    public void sendHeldTunnelEnds() {
        synchronized (heldEnds) {
            sendHeld(null);
        }
    }

    /** The ends a link failed to write, those held, then {@code newest} (or null), in order while the link takes them. */
    private void sendHeld(GatewayMessage.TunnelEnded newest) {
        List<GatewayMessage.TunnelEnded> ends = new ArrayList<>();
        for (GatewayMessage.TunnelEnded failed = unwritten.poll(); failed != null; failed = unwritten.poll()) {
            ends.add(failed);
        }
        ends.addAll(heldEnds);
        heldEnds.clear();
        if (newest != null) {
            ends.add(newest);
        }
        for (GatewayMessage.TunnelEnded ended : ends) {
            if (!heldEnds.isEmpty() || busy() || !sendEnd(ended)) {
                hold(ended);
            }
        }
    }

    /**
     * Whether {@value #HELD_ENDS} of the gateway's messages already wait on the link: the held ends then wait for the
     * next round (every 5 s), so that a burst of them (after a link broke with many unwritten) never brings a slow
     * but reading server's new link to {@value #UNWRITTEN_LIMIT}, where it would be closed.
     */
    private boolean busy() {
        ServerLinkOutgoing c = current.get();
        return c != null && c.waiting() >= HELD_ENDS;
    }

    /** The failure comes on Jetty's thread, which must not wait for {@code heldEnds}: it is kept in {@code unwritten}. */
    private boolean sendEnd(GatewayMessage.TunnelEnded ended) {
        return sendOwn(ended.toJson(), Callback.from(() -> { }, failure -> unwritten.add(ended)));
    }

    private void hold(GatewayMessage.TunnelEnded ended) {
        if (heldEnds.size() == HELD_ENDS) {
            GatewayMessage.TunnelEnded dropped = heldEnds.poll();
            LOG.warn("no UMS server linked for the ends of {} tunnels; the end of session {} will not be reported",
                    HELD_ENDS, dropped.sessionId());
        }
        heldEnds.add(ended);
    }

    /**
     * Sends one of the gateway's own messages if the server is connected and the link takes it; answers whether it
     * was sent. Over the link's limit the link is closed instead ({@link #closeUnread}).
     */
    public boolean send(GatewayMessage message) {
        return sendOwn(message.toJson(), Callback.NOOP);
    }

    /** As {@link #send(GatewayMessage)}; only when it sent does {@code written} complete, once. */
    private boolean sendOwn(String json, Callback written) {
        return sendOwn(current.get(), json, written);
    }

    /** As {@link #sendOwn(String, Callback)}, on the link {@code c} (null: none). */
    private boolean sendOwn(ServerLinkOutgoing c, String json, Callback written) {
        if (c == null || !c.session().isOpen()) {
            return false;
        }
        if (c.send(json, written)) {
            return true;
        }
        closeUnread(c);
        return false;
    }

    /** Sends what a device socket bounds itself (its announcement, its end), uncounted; answers whether it was sent. */
    boolean sendForDevice(GatewayMessage message) {
        return sendForDevice(message.toJson(), Callback.NOOP);
    }

    /**
     * Sends a device's message, which its socket bounds (the next is read only once this one was written), uncounted,
     * if the server is connected, and answers whether it was; only then {@code written} completes, once, when the
     * frame was written or failed (on the thread that wrote it).
     */
    boolean sendForDevice(String json, Callback written) {
        ServerLinkOutgoing c = current.get();
        if (c == null || !c.session().isOpen()) {
            return false;
        }
        c.sendForDevice(json, written);
        return true;
    }

    /** Sends a request carrying {@code requestId} and waits for the message that answers it. */
    public GatewayMessage request(String requestId, GatewayMessage message, Duration timeout) throws IOException {
        try {
            return requestLater(requestId, message, timeout).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.remove(requestId);
            throw new IOException("interrupted while waiting for the server");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Sends a request carrying {@code requestId}; the answer completes the result, which fails with an
     * {@link IOException} saying why when there is no server or it did not answer within {@code timeout}, or with a
     * {@link LinkReplacedException} when a newer link replaced the one it went out on. Nothing waits in between.
     */
    public CompletableFuture<GatewayMessage> requestLater(String requestId, GatewayMessage message, Duration timeout) {
        CompletableFuture<GatewayMessage> answer = new CompletableFuture<>();
        ServerLinkOutgoing on = current.get();
        pending.put(requestId, new Pending(answer, on));
        if (!sendOwn(on, message.toJson(), Callback.NOOP)) {
            pending.remove(requestId);
            return CompletableFuture.failedFuture(new IOException(NO_SERVER));
        }
        ServerLinkOutgoing now = current.get();
        if (now != on) {
            // replaced or closed while it was sent: the change may have looked at the requests before this one
            pending.remove(requestId);
            answer.completeExceptionally(now == null ? new IOException(NO_SERVER) : new LinkReplacedException());
        }
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((value, failure) -> {
            pending.remove(requestId);
            if (failure == null) {
                return value;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            throw new CompletionException(cause instanceof TimeoutException
                    ? new IOException("the UMS server did not answer the gateway in time")
                    : cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause));
        });
    }

    void answered(String requestId, GatewayMessage answer) {
        Pending p = pending.get(requestId);
        if (p != null) {
            p.answer().complete(answer);
        }
    }

    /** A request waiting for the server's answer, and the link it went out on. */
    private record Pending(CompletableFuture<GatewayMessage> answer, ServerLinkOutgoing on) {
    }
}
