package dev.ums.viewer;

import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans session events out to the registered listeners; a failing listener is logged, not fatal. */
final class ListenerList implements VncSessionListener {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerList.class);
    private final CopyOnWriteArrayList<VncSessionListener> listeners = new CopyOnWriteArrayList<>();

    void add(VncSessionListener l) {
        listeners.add(l);
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
        each(l -> l.connected(desktopName, width, height));
    }

    @Override
    public void framebufferResized(int width, int height) {
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
        each(l -> l.cursorChanged(cursor));
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

    public void closed(VncProtocolException error) {
        each(l -> l.closed(error));
    }
}
