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

    @Override
    public void down(LinkEnd end, boolean wasOpen) {
        ends.add(end);
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
