package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListenerListTest {
    private static final CursorShape ARROW = new CursorShape(2, 3, 1, 0, new int[6]);

    @Test
    void aListenerAddedLateHearsTheDesktopAtItsPresentSizeTheCursorAndTheEnd() {
        ListenerList list = new ListenerList();
        RecordingListener early = new RecordingListener();
        list.add(early);
        list.connected("desk", 640, 480);
        list.framebufferResized(800, 600);
        list.cursorChanged(ARROW);
        list.bell();
        VncProtocolException end = new VncProtocolException("The VNC server closed the connection.");
        list.closed(end);

        RecordingListener late = new RecordingListener();
        list.add(late);

        assertThat(late.events).containsExactly("connected desk 800x600", "cursor 2x3 hot 1,0", "closed");
        assertThat(late.error).isSameAs(end);
        assertThat(early.events).containsExactly("connected desk 640x480", "resized 800x600", "cursor 2x3 hot 1,0",
                "bell", "closed");
    }

    @Test
    void aListenerAddedBeforeTheSessionConnectedHearsNothingAtOnce() {
        ListenerList list = new ListenerList();
        RecordingListener listener = new RecordingListener();

        list.add(listener);

        assertThat(listener.events).isEmpty();
    }

    @Test
    void aFailingListenerNeitherStopsTheOthersNorTheRegistration() {
        ListenerList list = new ListenerList();
        list.add(new VncSessionListener() {
            @Override
            public void connected(String desktopName, int width, int height) {
                throw new IllegalStateException("listener bug");
            }
        });
        RecordingListener after = new RecordingListener();
        list.add(after);
        list.connected("desk", 10, 20);

        RecordingListener late = new RecordingListener();
        list.add(late);

        assertThat(after.events).containsExactly("connected desk 10x20");
        assertThat(late.events).containsExactly("connected desk 10x20");
    }
}
