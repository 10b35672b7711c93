package dev.ums.viewer;

/**
 * Closes a session off the Swing event thread: closing shuts its streams, and a socket or TLS stream may wait on close
 * (for a write holding its lock, or for a stalled peer). Each close gets its own daemon thread, which ends when the
 * close returns, so one stuck close holds up neither the event thread nor another close. Any thread.
 */
final class BackgroundClose {
    private BackgroundClose() {
    }

    static void of(VncSession session) {
        Thread closing = new Thread(session::close, "vnc-close");
        closing.setDaemon(true);
        closing.start();
    }
}
