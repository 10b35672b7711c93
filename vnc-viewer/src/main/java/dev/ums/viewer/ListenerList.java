package dev.ums.viewer;

import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans session events out to the registered listeners (a failing listener is logged, not fatal) and tells one added
 * late what it missed of the session's state: {@code connected} with the desktop's name and present size, the cursor
 * shape if the server set one, and {@code closed} if the session ended. Registration and those three events share one
 * lock, so a listener hears each of them once. Events come from the session's reader thread; {@link #add} and
 * {@link #remove} from any thread.
 */
final class ListenerList implements VncSessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerList.class);
    private final CopyOnWriteArrayList<VncSessionListener> listeners = new CopyOnWriteArrayList<>();
    private final Object told = new Object();
    private boolean connected;
    private String desktopName;
    private volatile int width;
    private volatile int height;
    private CursorShape cursor = CursorShape.HIDDEN;
    private boolean closed;
    private VncProtocolException error;

    /** Registers {@code l} and tells it at once, on the calling thread, what it missed. */
    void add(VncSessionListener l) {
        synchronized (told) {
            listeners.add(l);
            try {
                if (connected) {
                    l.connected(desktopName, width, height);
                }
                if (!cursor.hidden()) {
                    l.cursorChanged(cursor);
                }
                if (closed) {
                    l.closed(error);
                }
            } catch (RuntimeException e) {
                LOG.warn("a VNC session listener failed", e);
            }
        }
    }

    void remove(VncSessionListener l) {
        listeners.remove(l);
    }

    private void each(java.util.function.Consumer<VncSessionListener> call) {
        for (VncSessionListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("a VNC session listener failed", e);
            }
        }
    }

    @Override
    public void connected(String desktopName, int width, int height) {
        synchronized (told) {
            this.desktopName = desktopName;
            this.width = width;
            this.height = height;
            connected = true;
            each(l -> l.connected(desktopName, width, height));
        }
    }

    @Override
    public void framebufferResized(int width, int height) {
        this.width = width;
        this.height = height;
        each(l -> l.framebufferResized(width, height));
    }

    @Override
    public void framebufferUpdated(int x, int y, int width, int height) {
        each(l -> l.framebufferUpdated(x, y, width, height));
    }

    @Override
    public void frameComplete() {
        each(VncSessionListener::frameComplete);
    }

    @Override
    public void cursorChanged(CursorShape cursor) {
        synchronized (told) {
            this.cursor = cursor;
            each(l -> l.cursorChanged(cursor));
        }
    }

    @Override
    public void bell() {
        each(VncSessionListener::bell);
    }

    @Override
    public void clipboardReceived(String text) {
        each(l -> l.clipboardReceived(text));
    }

    @Override
    public void viewOnlyChanged(boolean viewOnly) {
        each(l -> l.viewOnlyChanged(viewOnly));
    }

    @Override
    public void closed(VncProtocolException error) {
        synchronized (told) {
            this.error = error;
            closed = true;
            each(l -> l.closed(error));
        }
    }
}
