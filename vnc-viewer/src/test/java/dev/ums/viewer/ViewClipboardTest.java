package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.rfb.Bytes;
import java.awt.event.FocusEvent;
import java.awt.event.FocusListener;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/** {@link VncView}'s clipboard over a scripted session and a {@link SlowClipboard}: the event thread never waits for it. */
class ViewClipboardTest {

    @Test
    void aSlowSystemClipboardIsReadOffTheEventThreadAndItsTextSentOnce() throws Exception {
        ScriptedServer server = new ScriptedServer(ScriptedServer.greeting(4, 2).toArray(), true);
        SlowClipboard local = new SlowClipboard("copied here", false);
        ExecutorService reads = Executors.newSingleThreadExecutor();
        try (VncSession session = new VncSession(server, server.written, VncSettings.defaults())) {
            VncView view = new VncView(session, () -> { }, new ClipboardBridge(session, () -> local, reads));
            startAndAwaitConnected(session);
            int before = server.written().length;

            SwingUtilities.invokeLater(() -> focusGained(view));
            assertThat(local.firstRead.await(10, TimeUnit.SECONDS)).isTrue();
            SwingUtilities.invokeLater(() -> {
                focusGained(view);
                focusGained(view);
            });
            CountDownLatch eventThreadFree = new CountDownLatch(1);
            SwingUtilities.invokeLater(eventThreadFree::countDown);
            try {
                assertThat(eventThreadFree.await(10, TimeUnit.SECONDS))
                        .as("the event thread runs on while the clipboard's owner does not answer").isTrue();
            } finally {
                local.answer.countDown();
            }
            reads.submit(() -> { }).get(10, TimeUnit.SECONDS);   // every read asked for so far has finished
            session.sendKey(0x61, true);                          // written after any clipboard text queued before

            byte[] cutText = new Bytes().u8(6, 0, 0, 0).s32(11).ascii("copied here").toArray();
            byte[] key = new Bytes().u8(4, 1, 0, 0).s32(0x61).toArray();
            awaitWritten(server, before, key);
            assertThat(occurrences(server.written(), before, cutText)).as("the text sent once").isEqualTo(1);
            assertThat(local.readOnEventThread).isFalse();
            assertThat(local.reads.get()).as("the two focus gains during the slow read fold into one more read")
                    .isEqualTo(2);
            assertThat(local.mostReadsAtOnce.get()).isEqualTo(1);
        } finally {
            local.answer.countDown();
            reads.shutdownNow();
        }
    }

    @Test
    void aServerTextArrivingDuringTheReadWinsOverWhatTheReadReturns() throws Exception {
        ScriptedServer server = new ScriptedServer(ScriptedServer.greeting(4, 2).toArray(), true);
        SlowClipboard local = new SlowClipboard("copied here", false);
        ExecutorService reads = Executors.newSingleThreadExecutor();
        try (VncSession session = new VncSession(server, server.written, VncSettings.defaults())) {
            ClipboardBridge bridge = new ClipboardBridge(session, () -> local, reads);
            startAndAwaitConnected(session);
            int before = server.written().length;

            SwingUtilities.invokeAndWait(bridge::offerLocal);
            assertThat(local.firstRead.await(10, TimeUnit.SECONDS)).isTrue();
            SwingUtilities.invokeAndWait(() -> bridge.received("from the server"));
            local.answer.countDown();
            reads.submit(() -> { }).get(10, TimeUnit.SECONDS);
            session.sendKey(0x61, true);

            byte[] key = new Bytes().u8(4, 1, 0, 0).s32(0x61).toArray();
            awaitWritten(server, before, key);
            byte[] written = server.written();
            assertThat(java.util.Arrays.copyOfRange(written, before, written.length)).as("the key alone, no ClientCutText")
                    .containsExactly(key);
            assertThat(local.written).containsExactly("from the server");
        } finally {
            local.answer.countDown();
            reads.shutdownNow();
        }
    }

    @Test
    void serverTextsArrivingWhileTheEventThreadIsBusyLeaveOnlyTheNewest() throws Exception {
        int texts = 40;
        Bytes script = ScriptedServer.greeting(4, 2);
        for (int i = 1; i <= texts; i++) {
            String text = "server text " + i;
            script.u8(3, 0, 0, 0).s32(text.length()).ascii(text);    // ServerCutText
        }
        ScriptedServer server = new ScriptedServer(script.toArray(), true);
        SlowClipboard local = new SlowClipboard("", true);
        CountDownLatch holdEventThread = new CountDownLatch(1);
        try (VncSession session = new VncSession(server, server.written, VncSettings.defaults())) {
            new VncView(session, () -> { }, new ClipboardBridge(session, () -> local, Runnable::run));
            CountDownLatch allDelivered = new CountDownLatch(texts);
            session.addListener(new VncSessionListener() {
                @Override
                public void clipboardReceived(String text) {
                    allDelivered.countDown();   // after the view's listener, registered first, heard the same text
                }
            });
            SwingUtilities.invokeLater(() -> {
                try {
                    holdEventThread.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            session.start();
            assertThat(allDelivered.await(10, TimeUnit.SECONDS)).isTrue();
            holdEventThread.countDown();
            SwingUtilities.invokeAndWait(() -> { });   // runs after every hand-over queued before

            assertThat(local.written).containsExactly("server text " + texts);
        } finally {
            holdEventThread.countDown();
        }
    }

    @Test
    void pendingClipboardTextKeepsTheNewestAndAsksForOneHandOver() {
        PendingNewest<String> pending = new PendingNewest<>();
        assertThat(pending.put("a")).isTrue();
        assertThat(pending.put("b")).isFalse();
        assertThat(pending.take()).isEqualTo("b");
        assertThat(pending.take()).isNull();
        assertThat(pending.put("c")).isTrue();
    }

    private static void focusGained(VncView view) {
        for (FocusListener l : view.getFocusListeners()) {
            l.focusGained(new FocusEvent(view, FocusEvent.FOCUS_GAINED));
        }
    }

    static void startAndAwaitConnected(VncSession session) throws InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        session.addListener(new VncSessionListener() {
            @Override
            public void connected(String desktopName, int width, int height) {
                connected.countDown();
            }
        });
        session.start();
        assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Waits up to 10 s for {@code needle} among the bytes the client wrote after the first {@code from}. */
    private static void awaitWritten(ScriptedServer server, int from, byte[] needle) throws InterruptedException {
        for (int i = 0; i < 1000 && occurrences(server.written(), from, needle) == 0; i++) {
            Thread.sleep(10);
        }
        assertThat(occurrences(server.written(), from, needle)).isPositive();
    }

    private static int occurrences(byte[] haystack, int from, byte[] needle) {
        int count = 0;
        for (int i = from; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                count++;
            }
        }
        return count;
    }
}
