package dev.ums.protocol.link;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a {@link ControlLink} tells its user; any thread. */
final class RecordingListener implements LinkListener {
    final AtomicInteger opened = new AtomicInteger();
    final List<String> received = new CopyOnWriteArrayList<>();
    final List<LinkEnd> ends = new CopyOnWriteArrayList<>();
    volatile String withheld;
    /** Runs on the link's own thread at each opening. */
    volatile Runnable whenOpened = () -> { };

    @Override
    public void opened() {
        opened.incrementAndGet();
        whenOpened.run();
    }

    @Override
    public void received(String message) {
        received.add(message);
    }

    /** Whether the next {@link #down} fails after recording its end, as a listener whose database is gone does. */
    volatile boolean failNextDown;

    @Override
    public void down(LinkEnd end, boolean wasOpen) {
        ends.add(end);
        if (failNextDown) {
            failNextDown = false;
            throw new IllegalStateException("database statement failed");
        }
    }

    /** Added to each delay the backoff proposes, as a listener that waits longer after a refusal does. */
    volatile java.time.Duration addedDelay = java.time.Duration.ZERO;

    @Override
    public java.time.Duration retryDelay(LinkEnd end, java.time.Duration usual) {
        return usual.plus(addedDelay);
    }

    @Override
    public String heartbeat() {
        return "beat";
    }

    @Override
    public String withheld() {
        return withheld;
    }
}
