package dev.ums.viewer;

import java.awt.GraphicsEnvironment;
import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the local and the remote clipboard in step: the server's text goes to the system clipboard, and local text is
 * offered to the server when the view gains focus, if it changed. {@link #received} runs on the event thread.
 * {@link #offerLocal} may be called from any thread and returns at once: the system clipboard is read on another
 * thread (by default one daemon thread shared by all views), since on X11 a read waits for the program owning the
 * selection, up to 10 s when it does not answer. A bridge has at most one read queued or running; offers meanwhile
 * fold into one more read after it, so the executor's queue holds at most one task per view.
 */
final class ClipboardBridge {
    private static final Logger LOG = LoggerFactory.getLogger(ClipboardBridge.class);
    private static final ExecutorService SHARED_READS = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vnc-clipboard-reader");
        t.setDaemon(true);
        return t;
    });

    private final VncSession session;
    private final Supplier<Clipboard> system;
    private final CoalescedTask read;
    private final Object seen = new Object();
    /** The text both sides last agreed on (guarded by {@link #seen}). */
    private String lastSeen = "";
    /** How many server texts arrived, so that a read overtaken by one is not sent (guarded by {@link #seen}). */
    private long serverTexts;

    ClipboardBridge(VncSession session) {
        this(session, ClipboardBridge::systemClipboard, SHARED_READS);
    }

    /** With {@code system} giving the clipboard to use (null: none) and {@code reads} running its reads. */
    ClipboardBridge(VncSession session, Supplier<Clipboard> system, Executor reads) {
        this.session = session;
        this.system = system;
        this.read = new CoalescedTask(reads, this::readAndOffer);
    }

    /** Puts the server's text on the system clipboard. Event thread. */
    void received(String text) {
        synchronized (seen) {
            lastSeen = text;
            serverTexts++;
        }
        Clipboard clipboard = system.get();
        if (clipboard != null) {
            try {
                clipboard.setContents(new StringSelection(text), null);
            } catch (IllegalStateException busy) {
                LOG.debug("system clipboard busy", busy);
            }
        }
    }

    /** Asks for the system clipboard to be read and its text sent if it changed; returns at once. Any thread. */
    void offerLocal() {
        if (!session.viewOnly()) {
            read.request();
        }
    }

    /** On the reading thread: a server text arriving during the read is newer than what the read returns. */
    private void readAndOffer() {
        Clipboard clipboard = system.get();
        if (clipboard == null || session.viewOnly()) {
            return;
        }
        long before;
        synchronized (seen) {
            before = serverTexts;
        }
        String text = read(clipboard);
        if (text == null) {
            return;
        }
        synchronized (seen) {
            if (serverTexts != before || text.equals(lastSeen)) {
                return;
            }
            lastSeen = text;
        }
        session.sendClipboard(text);
    }

    private static String read(Clipboard clipboard) {
        try {
            if (clipboard.isDataFlavorAvailable(DataFlavor.stringFlavor)) {
                return (String) clipboard.getData(DataFlavor.stringFlavor);
            }
        } catch (Exception unreadable) {
            LOG.debug("system clipboard unreadable", unreadable);
        }
        return null;
    }

    private static Clipboard systemClipboard() {
        return GraphicsEnvironment.isHeadless() ? null : Toolkit.getDefaultToolkit().getSystemClipboard();
    }
}
