package dev.ums.demo;

import dev.ums.demo.internal.vnc.FramebufferChanges;
import dev.ums.demo.internal.vnc.FramebufferSource;
import dev.ums.demo.internal.vnc.Rect;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A live demo desktop for one simulated device, painted off-screen (works with {@code java.awt.headless=true}):
 * a clock, a window with the device's name and a text field showing what viewers type, an event list and the
 * pointer's trail. Serve it with {@link DemoVncServer}. Thread-safe: one lock guards the model, the pixels and
 * the change reports.
 */
public final class DemoDesktop implements FramebufferSource, AutoCloseable {
    static final long TRAIL_MILLIS = 2000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Object lock = new Object();
    private final DesktopModel model;
    private final Clock clock;
    private final BufferedImage image = new BufferedImage(DesktopScene.WIDTH, DesktopScene.HEIGHT,
            BufferedImage.TYPE_INT_RGB);
    private final int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    private final Graphics2D graphics = image.createGraphics();
    private final DesktopScene scene = new DesktopScene();
    private final FramebufferChanges changes = new FramebufferChanges();
    private final ScheduledExecutorService ticker;
    private int lastButtons;

    private DemoDesktop(String name, String description, Clock clock) {
        this.model = new DesktopModel(name, description);
        this.clock = clock;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-desktop-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Paints the desktop of the device called {@code name} and starts its clock. */
    public static DemoDesktop start(String name, Clock clock) {
        return start(name, "Demo device", clock);
    }

    /** Paints the desktop of the device called {@code name}, with a short description under its greeting. */
    public static DemoDesktop start(String name, String description, Clock clock) {
        DemoDesktop desktop = new DemoDesktop(name, description, clock);
        synchronized (desktop.lock) {
            desktop.model.clock = desktop.clockText();
            desktop.addEvent("desktop started");
            desktop.repaint(new Rect(0, 0, DesktopScene.WIDTH, DesktopScene.HEIGHT));
        }
        desktop.ticker.scheduleWithFixedDelay(desktop::tick, 100, 100, TimeUnit.MILLISECONDS);
        return desktop;
    }

    @Override
    public int width() {
        return DesktopScene.WIDTH;
    }

    @Override
    public int height() {
        return DesktopScene.HEIGHT;
    }

    @Override
    public String name() {
        return model.name;
    }

    /** What viewers typed into the text field so far. */
    public String typedText() {
        synchronized (lock) {
            return model.text.toString();
        }
    }

    /** A copy of the current picture. */
    public BufferedImage snapshot() {
        synchronized (lock) {
            BufferedImage copy = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
            copy.setRGB(0, 0, width(), height(), pixels, 0, width());
            return copy;
        }
    }

    @Override
    public <T> T read(Function<int[], T> reader) {
        synchronized (lock) {
            return reader.apply(pixels);
        }
    }

    @Override
    public FramebufferChanges changes() {
        return changes;
    }

    @Override
    public void key(int keysym, boolean down) {
        if (!down) {
            return;
        }
        synchronized (lock) {
            TypedKey key = TypedKey.of(keysym);
            model.lastKey = key.description();
            repaint(DesktopScene.LAST_KEY);
            switch (key.action()) {
                case INSERT -> {
                    if (model.text.length() < DesktopModel.MAX_TEXT) {
                        model.text.appendCodePoint(key.codePoint());
                    }
                }
                case BACKSPACE -> {
                    if (!model.text.isEmpty()) {
                        model.text.setLength(model.text.length() - 1);
                    }
                }
                case ENTER -> {
                    addEvent("entered: " + model.text);
                    model.text.setLength(0);
                }
                case CLEAR -> model.text.setLength(0);
                case NONE -> {
                    return;
                }
            }
            repaint(DesktopScene.TEXT_FIELD);
        }
    }

    @Override
    public void pointer(int x, int y, int buttonMask) {
        synchronized (lock) {
            boolean pressed = (buttonMask & 1) != 0;
            if (pressed && (lastButtons & 1) == 0) {
                addEvent("click at " + x + "," + y);
            }
            lastButtons = buttonMask;
            DesktopModel.TrailPoint p = new DesktopModel.TrailPoint(x, y, pressed, clock.millis());
            DesktopModel.TrailPoint last = model.trail.peekLast();
            if (last != null && last.x() == x && last.y() == y && last.pressed() == pressed) {
                return;
            }
            model.trail.addLast(p);
            repaint(DesktopScene.segmentBounds(last != null ? last : p, p));
            if (model.trail.size() > DesktopModel.MAX_TRAIL) {
                dropOldestTrailPoint();
            }
        }
    }

    @Override
    public void viewer(String who, boolean connected) {
        synchronized (lock) {
            model.viewers += connected ? 1 : -1;
            addEvent(connected ? "viewer connected" : "viewer left");
            repaint(DesktopScene.VIEWERS);
        }
    }

    private void tick() {
        synchronized (lock) {
            String now = clockText();
            if (!now.equals(model.clock)) {
                model.clock = now;
                repaint(DesktopScene.CLOCK);
            }
            long expiry = clock.millis() - TRAIL_MILLIS;
            while (!model.trail.isEmpty() && model.trail.peekFirst().atMillis() < expiry) {
                dropOldestTrailPoint();
            }
        }
    }

    private void dropOldestTrailPoint() {
        DesktopModel.TrailPoint gone = model.trail.removeFirst();
        DesktopModel.TrailPoint next = model.trail.peekFirst();
        repaint(DesktopScene.segmentBounds(gone, next != null ? next : gone));
    }

    private String clockText() {
        return ZonedDateTime.now(clock).format(CLOCK);
    }

    /** Adds a line to the event panel; when it is full the lines scroll up by a copy, which CopyRect can send. */
    private void addEvent(String text) {
        String line = clockText() + " " + (text.length() > 30 ? text.substring(0, 29) + "\u2026" : text);
        Rect lines = DesktopScene.LINES;
        int h = DesktopScene.LINE_HEIGHT;
        if (model.events.size() >= DesktopScene.SLOTS) {
            model.events.remove(0);
            Rect source = new Rect(lines.x(), lines.y() + h, lines.w(), lines.h() - h);
            graphics.setClip(null);
            graphics.copyArea(source.x(), source.y(), source.w(), source.h(), 0, -h);
            changes.copied(source, 0, -h);
        }
        model.events.add(line);
        int slot = model.events.size() - 1;
        repaint(new Rect(lines.x(), lines.y() + slot * h, lines.w(), h));
    }

    private void repaint(Rect area) {
        Rect clipped = area.intersect(new Rect(0, 0, width(), height()));
        if (clipped.isEmpty()) {
            return;
        }
        scene.paint(graphics, clipped, model);
        changes.changed(clipped);
    }

    /** Stops the clock; sessions still connected see no further changes. */
    @Override
    public void close() {
        ticker.shutdownNow();
        synchronized (lock) {
            graphics.dispose();
        }
    }
}
