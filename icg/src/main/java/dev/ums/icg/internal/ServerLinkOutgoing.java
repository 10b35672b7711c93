package dev.ums.icg.internal;

import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One server link's socket and the gateway's own messages given to it and not yet written. Jetty queues a socket's
 * frames without limit, so a server that goes on sending (heartbeats, each answered) while it reads nothing would grow
 * the gateway's memory with answers, device authentications and enrollments it never takes; once
 * {@value ServerLink#UNWRITTEN_LIMIT} of them wait, {@link #send} refuses and the link is to be closed. What the
 * gateway sends on a device's behalf (its forwarded messages, its announcement and its end) is not counted: the device
 * sockets bound those (one forward waiting per socket, one announcement per socket and link, one end per socket). Any
 * thread.
 */
final class ServerLinkOutgoing {
    private final Session session;
    private final AtomicInteger waiting = new AtomicInteger();

    ServerLinkOutgoing(Session session) {
        this.session = session;
    }

    Session session() {
        return session;
    }

    /**
     * Sends behind the frames given before and counts the message until it was written or failed; answers false,
     * sending nothing, when {@value ServerLink#UNWRITTEN_LIMIT} already wait. Only when it sent does {@code written}
     * complete.
     */
    boolean send(String json, Callback written) {
        int now;
        do {
            now = waiting.get();
            if (now >= ServerLink.UNWRITTEN_LIMIT) {
                return false;
            }
        } while (!waiting.compareAndSet(now, now + 1));
        session.sendText(json, Callback.from(() -> {
            waiting.decrementAndGet();
            written.succeed();
        }, failure -> {
            waiting.decrementAndGet();
            written.fail(failure);
        }));
        return true;
    }

    /** Sends a message the device sockets bound, uncounted. */
    void sendForDevice(String json, Callback written) {
        session.sendText(json, written);
    }

    /** The gateway's own messages given and not yet written (or failed). */
    int waiting() {
        return waiting.get();
    }
}
