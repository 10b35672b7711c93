package dev.ums.viewer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records session events as short strings, in order. */
final class RecordingListener implements VncSessionListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    volatile VncProtocolException error;

    @Override
    public void connected(String desktopName, int width, int height) {
        events.add("connected " + desktopName + " " + width + "x" + height);
    }

    @Override
    public void framebufferResized(int width, int height) {
        events.add("resized " + width + "x" + height);
    }

    @Override
    public void framebufferUpdated(int x, int y, int width, int height) {
        events.add("updated " + x + "," + y + " " + width + "x" + height);
    }

    @Override
    public void frameComplete() {
        events.add("frame");
    }

    @Override
    public void cursorChanged(CursorShape cursor) {
        events.add("cursor " + cursor.width() + "x" + cursor.height() + " hot " + cursor.hotX() + "," + cursor.hotY());
    }

    @Override
    public void bell() {
        events.add("bell");
    }

    @Override
    public void clipboardReceived(String text) {
        events.add("clipboard " + text);
    }

    @Override
    public void closed(VncProtocolException e) {
        error = e;
        events.add("closed");
    }
}
