package dev.ums.viewer.bench;

import dev.ums.viewer.Encoding;
import dev.ums.viewer.OverdrawingUpdates;
import dev.ums.viewer.OverdrawingUpdates.Kind;
import dev.ums.viewer.VncProtocolException;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSessionListener;
import dev.ums.viewer.VncSettings;
import dev.ums.viewer.VncView;
import java.awt.GraphicsEnvironment;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.swing.JFrame;
import javax.swing.JScrollPane;
import javax.swing.SwingUtilities;

/**
 * What one hostile FramebufferUpdate costs the viewer (docs/VIEWER.md, "Limits"): a 1920×1080 desktop and one update of
 * N rectangles of a few bytes that each cover the whole desktop ({@link OverdrawingUpdates}). Prints, per kind, the
 * reader thread's CPU time from ServerInit to the session's end, the wall time, how many rectangles were decoded,
 * how many repaints the update asked for, and, with a display, the event thread's CPU painting a {@link VncView}.
 * {@code TIGHT_FILL_ONE_PIXEL} is the same bytes without the painting, so the difference is the painting. The
 * {@code close} mode closes the session partway and reports how many rectangles were decoded after the close;
 * {@code per=N} sends the rectangles in updates of N each instead of one.
 *
 * <pre>java -cp … dev.ums.viewer.bench.OverdrawBenchmark [rectangles=65535] [kinds=all] [close|per=N]</pre>
 */
public final class OverdrawBenchmark {
    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private OverdrawBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 65535;
        String kinds = args.length > 1 ? args[1] : "all";
        boolean close = args.length > 2 && args[2].equals("close");
        int perUpdate = args.length > 2 && args[2].startsWith("per=") ? Integer.parseInt(args[2].substring(4)) : count;
        JFrame frame = GraphicsEnvironment.isHeadless() ? null : frame();
        for (Kind kind : Kind.values()) {
            run(kind, kind == Kind.DESKTOP_SIZE_CHANGES ? 4 : 512, 512, frame, false);       // warm-up
        }
        for (Kind kind : Kind.values()) {
            if (kinds.equals("all") || kinds.contains(kind.name())) {
                System.out.println(run(kind, count, perUpdate, frame, close));
            }
        }
        if (frame != null) {
            SwingUtilities.invokeAndWait(frame::dispose);
        }
        System.exit(0);
    }

    private static JFrame frame() throws Exception {
        JFrame[] frame = new JFrame[1];
        SwingUtilities.invokeAndWait(() -> {
            frame[0] = new JFrame("overdraw");
            frame[0].setSize(1000, 700);
            frame[0].setVisible(true);
        });
        return frame[0];
    }

    private static String run(Kind kind, int count, int perUpdate, JFrame frame, boolean closePartway)
            throws Exception {
        byte[] stream = OverdrawingUpdates.stream(kind, WIDTH, HEIGHT, count, perUpdate);
        VncSession session = new VncSession(new ByteArrayInputStream(stream), OutputStream.nullOutputStream(),
                VncSettings.defaults());
        AtomicLong readerStart = new AtomicLong();
        AtomicLong readerEnd = new AtomicLong();
        AtomicLong repaints = new AtomicLong();
        VncProtocolException[] error = new VncProtocolException[1];
        session.addListener(new VncSessionListener() {
            @Override
            public void connected(String desktopName, int width, int height) {
                readerStart.set(THREADS.getCurrentThreadCpuTime());
            }

            @Override
            public void framebufferUpdated(int x, int y, int width, int height) {
                repaints.incrementAndGet();
            }

            @Override
            public void closed(VncProtocolException e) {
                error[0] = e;
                readerEnd.set(THREADS.getCurrentThreadCpuTime());
            }
        });
        VncView view = frame == null ? null : new VncView(session);
        if (view != null) {
            SwingUtilities.invokeAndWait(() -> {
                frame.setContentPane(new JScrollPane(view));
                frame.validate();
            });
        }
        long eventStart = eventThreadCpu(frame);
        long wallStart = System.nanoTime();
        session.start();
        long afterClose = -1;
        long closeToEnd = -1;
        if (closePartway) {
            while (session.rectangleCount(encoding(kind)) < 100 && !session.isClosed()) {
                Thread.sleep(1);
            }
            long atClose = session.rectangleCount(encoding(kind));
            long closing = System.nanoTime();
            session.close();
            session.awaitClosed(10, TimeUnit.MINUTES);
            closeToEnd = System.nanoTime() - closing;
            afterClose = session.rectangleCount(encoding(kind)) - atClose;
        }
        session.awaitClosed(10, TimeUnit.MINUTES);
        long wall = System.nanoTime() - wallStart;
        if (frame != null) {
            SwingUtilities.invokeAndWait(() -> { });          // the repaints asked for have run
        }
        long eventCpu = eventThreadCpu(frame) - eventStart;
        String ended = error[0] == null ? "closed here or at the stream's end" : error[0].getMessage();
        return String.format(Locale.ROOT,
                "%-21s %6d rects (%d an update), %8.1f KiB: reader CPU %8.3f s, wall %8.3f s, decoded %6d, repaints asked %d, "
                        + "event thread CPU %.3f s%s; ended: %s",
                kind, count, perUpdate, stream.length / 1024.0, (readerEnd.get() - readerStart.get()) / 1e9, wall / 1e9,
                session.rectangleCount(encoding(kind)), repaints.get(), eventCpu / 1e9,
                closePartway ? String.format(Locale.ROOT, ", %d decoded after close(), close to end %.3f s", afterClose,
                        closeToEnd / 1e9) : "",
                ended);
    }

    private static Encoding encoding(Kind kind) {
        return switch (kind) {
            case TIGHT_FILL, TIGHT_FILL_ONE_PIXEL -> Encoding.TIGHT;
            case COPY_RECT -> Encoding.COPY_RECT;
            case RRE_BACKGROUND, RRE_SUBRECTANGLES -> Encoding.RRE;
            case DESKTOP_SIZE_CHANGES -> Encoding.RAW;          // a pseudo-encoding: no rectangle is counted
            case ZRLE_SOLID -> Encoding.ZRLE;
        };
    }

    private static long eventThreadCpu(JFrame frame) throws Exception {
        if (frame == null) {
            return 0;
        }
        long[] cpu = new long[1];
        SwingUtilities.invokeAndWait(() -> cpu[0] = THREADS.getCurrentThreadCpuTime());
        return cpu[0];
    }
}
