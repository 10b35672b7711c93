package dev.ums.icg.internal;

import dev.ums.protocol.gateway.GatewayMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's control link to its UMS server (the server dials in). Holds at most one live socket: a new
 * one replaces the old. Requests (enrollment, device authentication) wait for the answer with a deadline. Tunnels
 * go on while the link is down; the ends of those that end meanwhile are kept (at most {@value #HELD_ENDS}) and sent
 * when a server links again, so that its audit entries get their ends. Any thread.
 */
public final class ServerLink {
    /** Sentence for everything that needs the server while it is not connected. */
    public static final String NO_SERVER = "the gateway has no connection to its UMS server";
    /** Tunnel ends kept while no server is linked; beyond that the oldest is dropped. */
    static final int HELD_ENDS = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ServerLink.class);

    private final Deque<GatewayMessage.TunnelEnded> heldEnds = new ArrayDeque<>();

    private final ConcurrentHashMap<String, CompletableFuture<GatewayMessage>> pending = new ConcurrentHashMap<>();
    private final Object linkChange = new Object();
    private volatile Session session;

    public boolean isUp() {
        Session s = session;
        return s != null && s.isOpen();
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

    void attach(Session newSession) {
        Session old = session;
        session = newSession;
        synchronized (linkChange) {
            linkChange.notifyAll();
        }
        if (old != null && old != newSession) {
            old.close(1000, "replaced by a newer server connection", Callback.NOOP);
        }
    }

    /** Forgets the socket if it is still the current one; pending requests fail. */
    boolean detach(Session closed) {
        if (session != closed) {
            return false;
        }
        session = null;
        pending.values().forEach(f -> f.completeExceptionally(new IOException(NO_SERVER)));
        pending.clear();
        return true;
    }

    /** Closes the link first when the gateway stops, so the server learns why its devices went away. */
    public void close(String reason) {
        Session s = session;
        if (s != null) {
            detach(s);
            s.close(1001, reason, Callback.NOOP);
        }
    }

    /** Reports a tunnel's end to the server now, or when one links again. */
    public void tunnelEnded(GatewayMessage.TunnelEnded ended) {
        synchronized (heldEnds) {
            if (heldEnds.isEmpty() && send(ended)) {
                return;
            }
            if (heldEnds.size() == HELD_ENDS) {
                GatewayMessage.TunnelEnded dropped = heldEnds.poll();
                LOG.warn("no UMS server linked for the ends of {} tunnels; the end of session {} will not be reported",
                        HELD_ENDS, dropped.sessionId());
            }
            heldEnds.add(ended);
        }
    }

    /** Sends the tunnel ends kept while no server was linked, oldest first (after the gateway's hello). */
    void sendHeldTunnelEnds() {
        synchronized (heldEnds) {
            while (!heldEnds.isEmpty() && send(heldEnds.peek())) {
                heldEnds.poll();
            }
        }
    }

    /** Sends if the server is connected; answers whether it was. */
    public boolean send(GatewayMessage message) {
        return send(message.toJson(), () -> { });
    }

    /**
     * Sends a message's JSON if the server is connected and answers whether it was; only then {@code done} runs, once,
     * when the frame was written or failed (on the thread that wrote it).
     */
    boolean send(String json, Runnable done) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return false;
        }
        s.sendText(json, Callback.from(done, failure -> done.run()));
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
     * {@link IOException} saying why when there is no server or it did not answer within {@code timeout}.
     * Nothing waits in between.
     */
    public CompletableFuture<GatewayMessage> requestLater(String requestId, GatewayMessage message, Duration timeout) {
        CompletableFuture<GatewayMessage> answer = new CompletableFuture<>();
        pending.put(requestId, answer);
        if (!send(message)) {
            pending.remove(requestId);
            return CompletableFuture.failedFuture(new IOException(NO_SERVER));
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
        CompletableFuture<GatewayMessage> f = pending.get(requestId);
        if (f != null) {
            f.complete(answer);
        }
    }
}
