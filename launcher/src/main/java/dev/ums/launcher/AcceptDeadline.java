package dev.ums.launcher;

import dev.ums.console.proxy.LocalProxy;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a proxy's session when no viewer connected within the limit, so that a forgotten {@code ums proxy}
 * does not keep a device's session open. Runs one daemon thread that sleeps until the deadline; {@link
 * #cancel} from any thread.
 */
final class AcceptDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(AcceptDeadline.class);
    private final Thread timer;
    private volatile boolean expired;

    private AcceptDeadline(LocalProxy proxy, Duration limit) {
        this.timer = new Thread(() -> waitThenEnd(proxy, limit), "proxy-accept-deadline");
        timer.setDaemon(true);
    }

    static AcceptDeadline start(LocalProxy proxy, Duration limit) {
        AcceptDeadline deadline = new AcceptDeadline(proxy, limit);
        deadline.timer.start();
        return deadline;
    }

    private void waitThenEnd(LocalProxy proxy, Duration limit) {
        try {
            Thread.sleep(limit.toMillis());
        } catch (InterruptedException e) {
            return;
        }
        if (!proxy.viewerConnected()) {
            expired = true;
            try {
                proxy.close();
            } catch (IOException e) {
                LOG.debug("closing the proxy at its accept deadline failed", e);
            }
        }
    }

    /** Whether the deadline passed with no viewer and ended the session. */
    boolean expired() {
        return expired;
    }

    void cancel() {
        timer.interrupt();
    }
}
