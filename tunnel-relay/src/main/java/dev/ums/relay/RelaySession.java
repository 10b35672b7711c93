package dev.ums.relay;

import dev.ums.protocol.tunnel.SessionEnd;
import dev.ums.protocol.tunnel.TunnelSide;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * One shadow session's pair of tunnel sockets. A frame from one side is handed to the other side's send,
 * and the next frame is demanded from the sender only when that send completed: per direction at most one
 * frame (bounded by the maximum frame size) is ever held. Reading starts only when both sides are present. Any
 * thread: the sockets' threads forward, the relay's attach, cancel and sweep; a side is never attached to an ended
 * session and left open.
 */
public final class RelaySession {
    private static final int NORMAL_CLOSURE = 1000;

    private final String sessionId;
    private final long createdAt;
    private final LongConsumer heldBytes;
    private final Consumer<RelaySession> onEnd;
    private final RelayTap tap;
    private final AtomicLong toDevice = new AtomicLong();
    private final AtomicLong fromDevice = new AtomicLong();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile RelayPeer console;
    private volatile RelayPeer device;
    private volatile long lastActivity;
    private volatile String endReason;

    RelaySession(String sessionId, long createdAt, LongConsumer heldBytes, Consumer<RelaySession> onEnd, RelayTap tap) {
        this.tap = tap;
        this.sessionId = sessionId;
        this.createdAt = createdAt;
        this.lastActivity = createdAt;
        this.heldBytes = heldBytes;
        this.onEnd = onEnd;
    }

    public String sessionId() {
        return sessionId;
    }

    long createdAt() {
        return createdAt;
    }

    long lastActivity() {
        return lastActivity;
    }

    boolean isPaired() {
        return console != null && device != null;
    }

    long bytesToDevice() {
        return toDevice.get();
    }

    long bytesFromDevice() {
        return fromDevice.get();
    }

    String endReason() {
        return endReason;
    }

    /** Attaches one side; returns false if that side is already attached or the session ended. */
    synchronized boolean attach(TunnelSide side, RelayPeer session, long now) {
        if (ended.get() || (side == TunnelSide.CONSOLE ? console : device) != null) {
            return false;
        }
        if (side == TunnelSide.CONSOLE) {
            console = session;
        } else {
            device = session;
        }
        lastActivity = now;
        if (isPaired()) {
            console.demand();
            device.demand();
        }
        return true;
    }

    public void forward(TunnelSide from, ByteBuffer payload, Callback callback, long now) {
        RelayPeer source = from == TunnelSide.CONSOLE ? console : device;
        RelayPeer target = from == TunnelSide.CONSOLE ? device : console;
        int size = payload.remaining();
        lastActivity = now;
        if (target == null || ended.get()) {
            callback.fail(new IllegalStateException("session ended"));
            return;
        }
        heldBytes.accept(size);
        (from == TunnelSide.CONSOLE ? toDevice : fromDevice).addAndGet(size);
        // before the send: a peer may reuse the buffer once it was sent; the tap copies and never blocks
        tap.bytes(from, payload.asReadOnlyBuffer());
        target.sendBinary(payload, Callback.from(() -> {
            heldBytes.accept(-size);
            callback.succeed();
            source.demand();
        }, failure -> {
            heldBytes.accept(-size);
            callback.fail(failure);
            end(from == TunnelSide.CONSOLE ? "the device side of the tunnel failed" : "the console side of the tunnel failed");
        }));
    }

    /** Ends the session once: closes both sockets with {@code reason} and reports to the relay. */
    public void end(String reason) {
        end(NORMAL_CLOSURE, reason, reason);
    }

    /**
     * Ends the session once for a typed reason from one side: both sockets are closed with its close code and
     * token, so the other side learns the type; the relay reports its sentence.
     */
    public void end(SessionEnd end) {
        end(end.closeCode(), end.wireName(), end.sentence());
    }

    private void end(int code, String closeReason, String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        endReason = reason;
        RelayPeer attachedConsole;
        RelayPeer attachedDevice;
        // under attach's lock: a side attaching now is either seen here and closed, or sees the end and is refused
        synchronized (this) {
            attachedConsole = console;
            attachedDevice = device;
        }
        closeQuietly(attachedConsole, code, closeReason);
        closeQuietly(attachedDevice, code, closeReason);
        tap.ended(reason);
        onEnd.accept(this);
    }

    private static void closeQuietly(RelayPeer session, int code, String reason) {
        if (session != null && session.isOpen()) {
            session.close(code, reason);
        }
    }
}
