package dev.ums.viewer;

import java.awt.Cursor;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.Toolkit;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.JComponent;
import javax.swing.Scrollable;
import javax.swing.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Swing component showing a {@link VncSession}'s desktop and, unless the session is
 * view-only, forwarding keyboard, pointer and clipboard to it. Scales to fit, at 100 % or by a
 * custom factor (smoothly when shrinking), draws the remote cursor locally and can overlay live
 * figures. The session's thread only records which region changed; painting happens on the
 * event thread, one coalesced paint per batch of updates, which is then pushed to the screen at once
 * ({@link java.awt.Toolkit#sync()}): AWT on X11 otherwise sends drawing to the X server only when its toolkit
 * thread next flushes, up to 100 ms later and, when the window had been idle, a few hundred (a typed character's
 * echo took 290–380 ms to appear on a 2 Mbit/s link where it had arrived and been painted after 55 ms).
 */
public final class VncView extends JComponent implements Scrollable {
    private static final Logger LOG = LoggerFactory.getLogger(VncView.class);
    private static final long serialVersionUID = 1L;

    /**
     * How the desktop is sized in the component. {@link #AUTO}, the default, shows it pixel for pixel when it fits
     * and shrinks it to fit otherwise; {@link #FIT} also enlarges it to fill the component.
     */
    public enum Scaling { AUTO, FIT, ACTUAL_SIZE, CUSTOM }

    private final transient VncSession session;
    private final transient DirtyRegion dirty = new DirtyRegion();
    private final transient PendingNewest<String> clipboardText = new PendingNewest<>();
    private final transient PendingNewest<CursorShape> cursorShape = new PendingNewest<>();
    private final transient AtomicBoolean relayoutPending = new AtomicBoolean();
    private final transient HalfScaleCache halfScale = new HalfScaleCache();
    private Rectangle halfScaleDirty;
    private final transient ViewInput input;
    private final transient ClipboardBridge clipboard;
    private final Timer statisticsTimer;
    /** Sends what was painted to the screen now rather than at the toolkit's next periodic flush. */
    private final transient Runnable screenFlush;
    private Scaling scaling = Scaling.AUTO;
    private double customScale = 1.0;
    private boolean showStatistics;
    private transient CursorShape cursor = CursorShape.HIDDEN;
    private transient BufferedImage cursorImage;
    private Point pointer;
    private transient VncStatistics.Rates rates;
    private transient VncStatistics lastSample;

    public VncView(VncSession session) {
        this(session, () -> Toolkit.getDefaultToolkit().sync());
    }

    /** With {@code screenFlush} run on the event thread after each batch of updates is painted. */
    VncView(VncSession session, Runnable screenFlush) {
        this(session, screenFlush, new ClipboardBridge(session));
    }

    /** With {@code clipboard} between the session and a system clipboard of the caller's choosing. */
    VncView(VncSession session, Runnable screenFlush, ClipboardBridge clipboard) {
        this.session = session;
        this.screenFlush = screenFlush;
        this.clipboard = clipboard;
        this.input = new ViewInput(this, session, clipboard);
        setFocusable(true);
        setFocusTraversalKeysEnabled(false);
        setOpaque(true);
        setBackground(java.awt.Color.DARK_GRAY);
        applyCursor();
        session.addListener(new SessionEvents());
        statisticsTimer = new Timer(1000, e -> tickStatistics());
        statisticsTimer.setRepeats(true);
    }

    /** The local pointer is hidden where the remote cursor is drawn at it (not for watchers). Event thread. */
    private void applyCursor() {
        if (!session.viewOnly() && !java.awt.GraphicsEnvironment.isHeadless()) {
            setCursor(getToolkit().createCustomCursor(new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB),
                    new Point(), "none"));
        } else {
            setCursor(Cursor.getDefaultCursor());
        }
    }

    public VncSession session() {
        return session;
    }

    public Scaling scaling() {
        return scaling;
    }

    public void setScaling(Scaling scaling) {
        this.scaling = scaling;
        revalidate();
        repaint();
    }

    /** Sets the factor for {@link Scaling#CUSTOM}, clamped to 10 %–400 %, and switches to it. */
    public void setCustomScale(double factor) {
        this.customScale = Math.max(0.1, Math.min(4.0, factor));
        setScaling(Scaling.CUSTOM);
    }

    /** The factor currently applied from framebuffer pixels to component pixels. */
    public double scale() {
        Framebuffer fb = session.framebuffer();
        return switch (scaling) {
            case ACTUAL_SIZE -> 1.0;
            case CUSTOM -> customScale;
            case FIT -> fitScale(fb);
            case AUTO -> Math.min(1.0, fitScale(fb));
        };
    }

    private double fitScale(Framebuffer fb) {
        return getWidth() <= 0 || getHeight() <= 0 ? 1.0
                : Math.min((double) getWidth() / fb.width(), (double) getHeight() / fb.height());
    }

    /** Shows updates per second, KiB received per second and the quality in use in a corner. */
    public void setShowStatistics(boolean show) {
        this.showStatistics = show;
        if (show) {
            lastSample = session.statistics();
            statisticsTimer.start();
        } else {
            statisticsTimer.stop();
        }
        repaint();
    }

    /** The latest rates, updated once a second while statistics are shown; null before the first second. */
    public VncStatistics.Rates statistics() {
        return rates;
    }

    /** The latest figures as shown, e.g. "12.0 updates/s, 345.6 KiB/s, Tight JPEG 8, compression 2 (auto)". */
    public String statisticsText() {
        return rates == null ? "" : rates.describe();
    }

    @Override
    public Dimension getPreferredSize() {
        Framebuffer fb = session.framebuffer();
        double s = tracksViewport() ? 1.0 : scale();
        return new Dimension((int) Math.ceil(fb.width() * s), (int) Math.ceil(fb.height() * s));
    }

    @Override
    public Dimension getPreferredScrollableViewportSize() {
        return getPreferredSize();
    }

    @Override
    public int getScrollableUnitIncrement(Rectangle visible, int orientation, int direction) {
        return 16;
    }

    @Override
    public int getScrollableBlockIncrement(Rectangle visible, int orientation, int direction) {
        return orientation == javax.swing.SwingConstants.VERTICAL ? visible.height : visible.width;
    }

    /** In the automatic and fit modes the view takes the viewport's size, so no scroll bars appear. */
    @Override
    public boolean getScrollableTracksViewportWidth() {
        return tracksViewport();
    }

    @Override
    public boolean getScrollableTracksViewportHeight() {
        return tracksViewport();
    }

    private boolean tracksViewport() {
        return scaling == Scaling.FIT || scaling == Scaling.AUTO;
    }

    /** Where the desktop's top-left corner sits: centred when it is smaller than the component. */
    Point origin() {
        Framebuffer fb = session.framebuffer();
        double s = scale();
        return new Point(Math.max(0, (int) ((getWidth() - fb.width() * s) / 2)),
                Math.max(0, (int) ((getHeight() - fb.height() * s) / 2)));
    }

    /** Converts a component point to framebuffer coordinates. */
    Point toFramebuffer(int x, int y) {
        Point o = origin();
        double s = scale();
        return new Point((int) ((x - o.x) / s), (int) ((y - o.y) / s));
    }

    void pointerMoved(Point p) {
        Point old = pointer;
        pointer = p;
        if (!cursor.hidden()) {
            repaintCursorAt(old);
            repaintCursorAt(p);
        }
    }

    private void repaintCursorAt(Point p) {
        if (p != null) {
            double s = scale();
            int w = (int) Math.ceil(cursor.width() * s) + 2;
            int h = (int) Math.ceil(cursor.height() * s) + 2;
            repaint(p.x - (int) (cursor.hotX() * s) - 1, p.y - (int) (cursor.hotY() * s) - 1, w, h);
        }
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            Framebuffer fb = session.framebuffer();
            double s = scale();
            Point o = origin();
            int drawnWidth = (int) Math.round(fb.width() * s);
            int drawnHeight = (int) Math.round(fb.height() * s);
            paintMargins(g2, o, drawnWidth, drawnHeight);
            if (s != 1.0) {
                g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, s < 1.0
                        ? RenderingHints.VALUE_INTERPOLATION_BILINEAR : RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
                g2.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            }
            BufferedImage source = fb.image();
            if (s < 0.5) {
                source = halfScale.image(fb, halfScaleDirty);
                halfScaleDirty = null;
            }
            g2.drawImage(source, o.x, o.y, drawnWidth, drawnHeight, null);
            paintCursor(g2, s);
            if (LOG.isTraceEnabled()) {
                LOG.trace("painted {}", g.getClipBounds());
            }
            if (showStatistics) {
                g2.setColor(new java.awt.Color(0, 0, 0, 160));
                String text = statisticsText();
                g2.fillRect(4, 4, g2.getFontMetrics().stringWidth(text) + 8, g2.getFontMetrics().getHeight() + 4);
                g2.setColor(java.awt.Color.WHITE);
                g2.drawString(text, 8, 6 + g2.getFontMetrics().getAscent());
            }
        } finally {
            g2.dispose();
        }
    }

    /**
     * Fills only what the desktop picture does not cover: the view paints straight to the
     * window, so filling everything first would write each updated pixel twice.
     */
    private void paintMargins(Graphics2D g2, Point o, int drawnWidth, int drawnHeight) {
        g2.setColor(getBackground());
        int w = getWidth();
        int h = getHeight();
        g2.fillRect(0, 0, w, o.y);
        g2.fillRect(0, o.y + drawnHeight, w, h - o.y - drawnHeight);
        g2.fillRect(0, o.y, o.x, drawnHeight);
        g2.fillRect(o.x + drawnWidth, o.y, w - o.x - drawnWidth, drawnHeight);
    }

    private void paintCursor(Graphics2D g2, double s) {
        CursorShape c = cursor;
        Point p = pointer;
        if (c.hidden() || p == null || session.viewOnly()) {
            return;
        }
        g2.drawImage(cursorImage, p.x - (int) (c.hotX() * s), p.y - (int) (c.hotY() * s),
                (int) Math.ceil(c.width() * s), (int) Math.ceil(c.height() * s), null);
    }

    private void tickStatistics() {
        VncStatistics now = session.statistics();
        if (lastSample != null) {
            rates = now.since(lastSample);
        }
        lastSample = now;
        repaint(0, 0, 600, 40);
    }

    /**
     * Paints the dirty region on the event thread (called there) and sends it to the screen: at once rather than
     * through {@link #repaint}, whose paint comes later and is not followed by a flush.
     */
    private void flushDirty() {
        Rectangle r = dirty.take();
        if (r == null) {
            return;
        }
        halfScaleDirty = halfScaleDirty == null ? new Rectangle(r) : halfScaleDirty.union(r);
        double s = scale();
        Point o = origin();
        Rectangle area = new Rectangle(o.x + (int) Math.floor(r.x * s) - 1, o.y + (int) Math.floor(r.y * s) - 1,
                (int) Math.ceil(r.width * s) + 3, (int) Math.ceil(r.height * s) + 3);
        if (isShowing()) {
            paintImmediately(area);
            screenFlush.run();
        } else {
            repaint(area);
        }
    }

    /** The cursor shape drawn now. Event thread. */
    CursorShape cursorShown() {
        return cursor;
    }

    /** Draws the newest of the server's cursor shapes that arrived since the last call. Event thread. */
    private void takeCursor() {
        CursorShape shape = cursorShape.take();
        if (shape == null) {
            return;
        }
        repaintCursorAt(pointer);
        cursor = shape;
        if (!shape.hidden()) {
            cursorImage = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_ARGB);
            cursorImage.setRGB(0, 0, shape.width(), shape.height(), shape.argb(), 0, shape.width());
        }
        repaintCursorAt(pointer);
    }

    /** Puts the newest of the server's texts that arrived since the last call on the system clipboard. Event thread. */
    private void putClipboard() {
        String text = clipboardText.take();
        if (text != null) {
            clipboard.received(text);
        }
    }

    /**
     * Session events arrive on the reader thread; each is handed to the event thread, changed regions, clipboard
     * texts, cursor shapes and size changes coalesced while a hand-over is pending.
     */
    private final class SessionEvents implements VncSessionListener {
        @Override
        public void framebufferUpdated(int x, int y, int width, int height) {
            if (dirty.add(x, y, width, height)) {
                SwingThread.run(VncView.this::flushDirty);
            }
        }

        @Override
        public void framebufferResized(int width, int height) {
            // The layout reads the framebuffer's size when it runs, so one pending hand-over serves any number of
            // changes: a server may change size in every update of 16 bytes.
            if (relayoutPending.compareAndSet(false, true)) {
                SwingThread.run(() -> {
                    relayoutPending.set(false);
                    revalidate();
                    repaint();
                });
            }
        }

        @Override
        public void cursorChanged(CursorShape shape) {
            if (cursorShape.put(shape)) {
                SwingThread.run(VncView.this::takeCursor);
            }
        }

        @Override
        public void viewOnlyChanged(boolean viewOnly) {
            SwingThread.run(() -> {
                input.viewOnlyChanged(viewOnly);
                applyCursor();
                repaintCursorAt(pointer);
            });
        }

        @Override
        public void clipboardReceived(String text) {
            if (clipboardText.put(text)) {
                SwingThread.run(VncView.this::putClipboard);
            }
        }

        @Override
        public void closed(VncProtocolException error) {
            SwingThread.run(() -> {
                statisticsTimer.stop();
                input.releaseAll();
            });
        }
    }
}
