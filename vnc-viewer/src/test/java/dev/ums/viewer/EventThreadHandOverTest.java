package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.rfb.EncodingType;
import dev.ums.rfb.MessageType;
import dev.ums.testkit.rfb.Bytes;
import java.awt.AWTEvent;
import java.awt.EventQueue;
import java.awt.Toolkit;
import java.awt.event.InvocationEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * Cursor shapes cost a server 17 bytes each and an update may carry 65,535 of them; a change of desktop size costs an
 * update of 16 bytes. While the event thread is busy, {@link VncView} keeps only the newest shape and one pending
 * layout for it, as it does with repaints and clipboard texts, instead of queueing a task per shape or size.
 */
class EventThreadHandOverTest {
    private static final int SHAPES = 5_000;

    /** Counts the tasks the event thread runs while it is pushed. */
    private static final class CountingQueue extends EventQueue {
        final AtomicInteger tasks = new AtomicInteger();

        @Override
        protected void dispatchEvent(AWTEvent event) {
            if (event instanceof InvocationEvent) {
                tasks.incrementAndGet();
            }
            super.dispatchEvent(event);
        }

        void remove() {
            pop();
        }
    }

    @Test
    void sizeChangesArrivingWhileTheEventThreadIsBusyCostOneHandOver() throws Exception {
        Bytes script = ScriptedServer.greeting(4, 2);
        for (int i = 0; i < SHAPES; i++) {
            script.u8(MessageType.FRAMEBUFFER_UPDATE, 0).u16(1)
                    .u16(0, 0, 4 + (i & 1), 2).s32(EncodingType.DESKTOP_SIZE);   // 5×2, 4×2, 5×2, ...
        }
        script.u8(MessageType.BELL);
        assertThat(whileTheEventThreadIsHeld(script).tasks()).as("tasks the event thread ran for %s sizes", SHAPES)
                .isLessThan(50);
    }

    /** What the event thread did for the session's events while it was held until the script's bell. */
    private record HandOver(int tasks, VncView view) {
    }

    /** How many tasks the event thread runs for the session's events while it was held until the script's bell. */
    private static HandOver whileTheEventThreadIsHeld(Bytes script) throws Exception {
        ScriptedServer server = new ScriptedServer(script.toArray(), true);
        CountingQueue queue = new CountingQueue();
        Toolkit.getDefaultToolkit().getSystemEventQueue().push(queue);
        CountDownLatch holdEventThread = new CountDownLatch(1);
        try (VncSession session = new VncSession(server, server.written, VncSettings.defaults())) {
            VncView[] view = new VncView[1];
            SwingUtilities.invokeAndWait(() -> view[0] = new VncView(session, () -> { }));
            CountDownLatch bell = new CountDownLatch(1);
            session.addListener(new VncSessionListener() {
                @Override
                public void bell() {
                    bell.countDown();
                }
            });
            SwingUtilities.invokeLater(() -> {
                try {
                    holdEventThread.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            int before = queue.tasks.get();
            session.start();
            assertThat(bell.await(20, TimeUnit.SECONDS)).isTrue();
            holdEventThread.countDown();
            SwingUtilities.invokeAndWait(() -> { });
            return new HandOver(queue.tasks.get() - before, view[0]);
        } finally {
            holdEventThread.countDown();
            queue.remove();
        }
    }

    @Test
    void shapesArrivingWhileTheEventThreadIsBusyCostOneHandOver() throws Exception {
        Bytes script = ScriptedServer.greeting(4, 2)
                .u8(MessageType.FRAMEBUFFER_UPDATE, 0).u16(SHAPES);
        for (int i = 0; i < SHAPES; i++) {
            script.u16(0, 0, 1, 1).s32(EncodingType.CURSOR)         // hot spot 0,0; 1×1
                    .u8(i & 0xff, 0, 0, 0)                          // the pixel (RGB888, little-endian)
                    .u8(0x80);                                      // mask: opaque
        }
        script.u8(MessageType.BELL);
        HandOver handOver = whileTheEventThreadIsHeld(script);
        assertThat(handOver.tasks()).as("tasks the event thread ran for %s shapes", SHAPES).isLessThan(50);
        int[] shown = new int[1];
        SwingUtilities.invokeAndWait(() -> shown[0] = handOver.view().cursorShown().argb()[0]);
        assertThat(shown[0] & 0xff).as("the last shape's pixel").isEqualTo((SHAPES - 1) & 0xff);
    }
}
