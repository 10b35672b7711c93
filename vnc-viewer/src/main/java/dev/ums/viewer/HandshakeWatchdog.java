package dev.ums.viewer;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends sessions whose server does not finish the handshake in time. One shared daemon thread
 * serves all sessions; it only holds weak references, so a forgotten session is not kept alive.
 */
final class HandshakeWatchdog {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vnc-handshake-watchdog");
        t.setDaemon(true);
        return t;
    });

    private HandshakeWatchdog() {
    }

    static void watch(VncSession session, Duration timeout) {
        WeakReference<VncSession> ref = new WeakReference<>(session);
        TIMER.schedule(() -> {
            VncSession s = ref.get();
            if (s != null) {
                s.handshakeTimedOut();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
