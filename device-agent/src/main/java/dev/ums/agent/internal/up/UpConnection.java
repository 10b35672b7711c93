package dev.ums.agent.internal.up;

import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.up.UpMessage;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open UP WebSocket: turns text frames into {@link UpMessage}s for a handler, and sends messages one
 * after another (the JDK WebSocket allows one outstanding send). The handler runs on the JDK's WebSocket
 * thread and must only hand work off, never block.
 */
final class UpConnection implements WebSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(UpConnection.class);
    /** A UP message is a few hundred bytes; anything far larger is not one of ours. */
    private static final int MAX_MESSAGE_CHARS = 64 * 1024;

    private final Consumer<UpMessage> handler;
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile long lastReceivedMillis = System.currentTimeMillis();
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    UpConnection(Consumer<UpMessage> handler) {
        this.handler = handler;
    }

    /** Completes with a reason when the socket closed or failed, from either side. */
    CompletableFuture<String> closed() {
        return closed;
    }

    long lastReceivedMillis() {
        return lastReceivedMillis;
    }

    void attach(WebSocket webSocket) {
        socket = webSocket;
    }

    /** Queues {@code message} behind earlier sends; never blocks. */
    synchronized void send(UpMessage message) {
        WebSocket ws = socket;
        if (ws == null || ws.isOutputClosed()) {
            // the class name only: a message may carry a secret (an OS 11 session password)
            LOG.debug("not sent, the connection is closed: {}", message.getClass().getSimpleName());
            return;
        }
        String json = message.toJson();
        sending = sending.exceptionally(e -> null).thenCompose(v -> ws.sendText(json, true))
                .whenComplete((v, e) -> {
                    if (e != null) {
                        LOG.debug("sending {} failed: {}", message.getClass().getSimpleName(), e.toString());
                    }
                });
    }

    /** Closes without waiting for the server; used when it went silent or the agent stops. */
    void abort(String reason) {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        closed.complete(reason);
    }

    void closeNormally() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "agent stopping").exceptionally(e -> null);
        }
        closed.complete("agent stopping");
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        lastReceivedMillis = System.currentTimeMillis();
        partial.append(data);
        if (partial.length() > MAX_MESSAGE_CHARS) {
            LOG.warn("the server sent a message over {} characters; closing the connection", MAX_MESSAGE_CHARS);
            abort("oversized message from the server");
            return null;
        }
        if (last) {
            String json = partial.toString();
            partial.setLength(0);
            dispatch(json);
        }
        webSocket.request(1);
        return null;
    }

    private void dispatch(String json) {
        UpMessage message;
        try {
            message = UpMessage.parse(json);
        } catch (MalformedMessageException e) {
            LOG.warn("ignoring a malformed message from the server: {}", e.getMessage());
            return;
        }
        try {
            handler.accept(message);
        } catch (RuntimeException e) {
            LOG.error("handling {} failed", message.getClass().getSimpleName(), e);
        }
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        LOG.debug("ignoring a binary frame on the UP socket");
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        lastReceivedMillis = System.currentTimeMillis();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(reason == null || reason.isBlank() ? "closed by the server (" + statusCode + ")"
                : "closed by the server: " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("connection failed: " + (error.getMessage() != null ? error.getMessage() : error.toString()));
    }
}
