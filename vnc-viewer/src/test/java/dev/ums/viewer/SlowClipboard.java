package dev.ums.viewer;

import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.ClipboardOwner;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.Transferable;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.SwingUtilities;

/**
 * A system clipboard for tests holding {@code text}: a read waits until {@link #answer} is opened, as X11's does while
 * the program owning the selection does not answer. It counts reads, records the text written to it and whether any
 * read ran on the event thread. Any thread.
 */
final class SlowClipboard extends Clipboard {
    /** Opened when reads may return. */
    final CountDownLatch answer;
    /** Opened when the first read began. */
    final CountDownLatch firstRead = new CountDownLatch(1);
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger mostReadsAtOnce = new AtomicInteger();
    final List<String> written = new CopyOnWriteArrayList<>();
    volatile boolean readOnEventThread;
    private final AtomicInteger readsNow = new AtomicInteger();
    private final String text;

    SlowClipboard(String text, boolean answersAtOnce) {
        super("slow");
        this.text = text;
        this.answer = new CountDownLatch(answersAtOnce ? 0 : 1);
    }

    @Override
    public boolean isDataFlavorAvailable(DataFlavor flavor) {
        return DataFlavor.stringFlavor.equals(flavor);
    }

    @Override
    public Object getData(DataFlavor flavor) throws IOException {
        readOnEventThread |= SwingUtilities.isEventDispatchThread();
        reads.incrementAndGet();
        mostReadsAtOnce.accumulateAndGet(readsNow.incrementAndGet(), Math::max);
        firstRead.countDown();
        try {
            answer.await();
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        } finally {
            readsNow.decrementAndGet();
        }
    }

    @Override
    public synchronized void setContents(Transferable contents, ClipboardOwner owner) {
        try {
            written.add((String) contents.getTransferData(DataFlavor.stringFlavor));
        } catch (UnsupportedFlavorException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
