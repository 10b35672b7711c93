package dev.ums.demo.internal.vnc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sessions watching one framebuffer: its {@link FramebufferSource} reports each change here once, and every
 * registered listener hears of it, on the reporting thread (which holds the framebuffer's lock). Thread-safe.
 */
public final class FramebufferChanges implements FramebufferSource.Listener {
    private final List<FramebufferSource.Listener> listeners = new CopyOnWriteArrayList<>();

    /** Registers for changes; the listener is called while the framebuffer's lock is held, so it must not block. */
    public void add(FramebufferSource.Listener listener) {
        listeners.add(listener);
    }

    public void remove(FramebufferSource.Listener listener) {
        listeners.remove(listener);
    }

    @Override
    public void changed(Rect area) {
        listeners.forEach(l -> l.changed(area));
    }

    @Override
    public void copied(Rect source, int dx, int dy) {
        listeners.forEach(l -> l.copied(source, dx, dy));
    }
}
