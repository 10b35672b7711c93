package dev.ums.demo;

import dev.ums.demo.internal.vnc.Rect;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Area;
import java.awt.geom.Rectangle2D;
import java.util.Iterator;
import java.util.List;

/**
 * Paints a {@link DesktopModel} with Java2D: wallpaper, a top bar with the clock, a window with the device's
 * name and the text field, an event panel and the pointer trail. Painting a clip gives exactly the pixels a
 * full paint gives there, so a change repaints only its rectangle; the trail is kept out of the event lines so
 * scrolling them can be a plain copy.
 */
final class DesktopScene {
    static final int WIDTH = 1024;
    static final int HEIGHT = 640;
    static final Rect CLOCK = new Rect(860, 0, 164, 36);
    static final Rect WINDOW = new Rect(60, 80, 560, 300);
    static final Rect TEXT_FIELD = new Rect(80, 226, 520, 40);
    /** The greeting's heading and the line or two under it, as wide as the text field. */
    static final Rect GREETING = new Rect(80, 126, 520, 76);
    static final Rect VIEWERS = new Rect(80, 282, 520, 26);
    static final Rect LAST_KEY = new Rect(80, 312, 520, 26);
    static final Rect EVENTS = new Rect(660, 80, 320, 420);
    static final int LINE_HEIGHT = 22;
    static final int SLOTS = 17;
    static final Rect LINES = new Rect(668, 116, 304, LINE_HEIGHT * SLOTS);
    static final int TRAIL_RADIUS = 10;

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font HEADING = new Font(Font.SANS_SERIF, Font.BOLD, 22);
    private static final Font BODY = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    private static final Font MONO = new Font(Font.MONOSPACED, Font.PLAIN, 13);
    private static final Font FIELD = new Font(Font.MONOSPACED, Font.BOLD, 20);
    private static final Font CLOCK_FONT = new Font(Font.MONOSPACED, Font.BOLD, 20);
    private static final String SEPARATOR = " \u00b7 ";
    private static final String ABOUT = "a demo desktop served over VNC";
    private static final Color TRAIL = new Color(0xf59e0b);
    private static final Color CLICK = new Color(0xef4444);

    void paint(Graphics2D g, Rect clip, DesktopModel m) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setClip(clip.x(), clip.y(), clip.w(), clip.h());
        g.setPaint(new GradientPaint(0, 0, new Color(0x0f766e), 0, HEIGHT, new Color(0x1e3a8a)));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(new Color(255, 255, 255, 200));
        g.setFont(BODY);
        g.drawString("Move the pointer to draw a trail, click to log a click, type into the field"
                + " (Enter logs the text, Esc clears it).", 60, 600);
        paintWindow(g, m);
        paintEvents(g, m);
        paintTopBar(g, m);
        Area outsideLines = new Area(new Rectangle2D.Double(clip.x(), clip.y(), clip.w(), clip.h()));
        outsideLines.subtract(new Area(new Rectangle2D.Double(LINES.x(), LINES.y(), LINES.w(), LINES.h())));
        g.setClip(outsideLines);
        paintTrail(g, m);
    }

    private static void paintTopBar(Graphics2D g, DesktopModel m) {
        g.setColor(new Color(0x111827));
        g.fillRect(0, 0, WIDTH, 36);
        g.setColor(new Color(0x34d399));
        g.fillOval(16, 12, 12, 12);
        g.setColor(Color.WHITE);
        g.setFont(TITLE);
        drawFitted(g, m.name + "  \u00b7  UMS demo desktop", 38, 24, CLOCK.x() - 38);
        g.setFont(CLOCK_FONT);
        g.drawString(m.clock, CLOCK.x() + 14, 25);
    }

    private static void paintWindow(Graphics2D g, DesktopModel m) {
        Rect w = WINDOW;
        g.setColor(new Color(0, 0, 0, 70));
        g.fillRoundRect(w.x() + 5, w.y() + 6, w.w(), w.h(), 12, 12);
        g.setColor(new Color(0xf9fafb));
        g.fillRoundRect(w.x(), w.y(), w.w(), w.h(), 12, 12);
        g.setColor(new Color(0xe5e7eb));
        g.fillRoundRect(w.x(), w.y(), w.w(), 32, 12, 12);
        g.fillRect(w.x(), w.y() + 20, w.w(), 12);
        int[] dots = {0xef4444, 0xf59e0b, 0x22c55e};
        for (int i = 0; i < dots.length; i++) {
            g.setColor(new Color(dots[i]));
            g.fillOval(w.x() + 12 + i * 20, w.y() + 10, 12, 12);
        }
        g.setColor(new Color(0x111827));
        g.setFont(TITLE);
        drawFitted(g, m.name, w.x() + 80, w.y() + 22, w.right() - 20 - (w.x() + 80));
        List<String> subtitle = subtitle(g.getFontMetrics(BODY), m.description);
        // Two lines of subtitle take the room the heading leaves above it.
        boolean oneLine = subtitle.size() == 1;
        g.setFont(HEADING);
        drawFitted(g, "Hello from " + m.name, GREETING.x(), oneLine ? 150 : 144, GREETING.w());
        g.setFont(BODY);
        g.setColor(new Color(0x374151));
        int baseline = oneLine ? 176 : 167;
        for (String line : subtitle) {
            g.drawString(line, GREETING.x(), baseline);
            baseline += g.getFontMetrics().getHeight();
        }
        g.drawString("Type here:", 80, 214);
        Rect f = TEXT_FIELD;
        g.setColor(Color.WHITE);
        g.fillRect(f.x(), f.y(), f.w(), f.h());
        g.setColor(new Color(0x2563eb));
        g.setStroke(new BasicStroke(2));
        g.drawRect(f.x() + 1, f.y() + 1, f.w() - 2, f.h() - 2);
        g.setColor(new Color(0x111827));
        g.setFont(FIELD);
        String text = m.text.toString();
        g.drawString(text, f.x() + 12, f.y() + 28);
        int caret = f.x() + 12 + g.getFontMetrics().stringWidth(text) + 1;
        g.fillRect(caret, f.y() + 9, 2, 23);
        g.setFont(BODY);
        g.setColor(new Color(0x374151));
        g.drawString("Viewers connected: " + m.viewers, VIEWERS.x(), VIEWERS.y() + 18);
        g.drawString("Last key: " + m.lastKey, LAST_KEY.x(), LAST_KEY.y() + 18);
    }

    /**
     * The description and what the desktop is, as one line when that fits the window, else as two: the
     * description, then the rest. A line that still does not fit ends in an ellipsis, so a long description (or a
     * font wider than ours) stays inside the window instead of running under the event panel.
     */
    private static List<String> subtitle(FontMetrics metrics, String description) {
        String whole = description + SEPARATOR + ABOUT;
        if (metrics.stringWidth(whole) <= GREETING.w()) {
            return List.of(whole);
        }
        return List.of(ellipsized(description, metrics, GREETING.w()), ellipsized(ABOUT, metrics, GREETING.w()));
    }

    /** Draws {@code text} in the current font, ending in an ellipsis where it would be wider than {@code width}. */
    private static void drawFitted(Graphics2D g, String text, int x, int baseline, int width) {
        g.drawString(ellipsized(text, g.getFontMetrics(), width), x, baseline);
    }

    private static String ellipsized(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String shorter = text;
        while (!shorter.isEmpty() && metrics.stringWidth(shorter + "\u2026") > width) {
            shorter = shorter.substring(0, shorter.length() - 1);
        }
        return shorter.strip() + "\u2026";
    }

    private static void paintEvents(Graphics2D g, DesktopModel m) {
        Rect e = EVENTS;
        g.setColor(new Color(0x111827));
        g.fillRect(e.x(), e.y(), e.w(), e.h());
        g.setColor(new Color(0x374151));
        g.fillRect(e.x(), e.y(), e.w(), 28);
        g.setColor(Color.WHITE);
        g.setFont(TITLE);
        g.drawString("Events", e.x() + 10, e.y() + 20);
        g.setFont(MONO);
        g.setColor(new Color(0xd1d5db));
        int first = Math.max(0, m.events.size() - SLOTS);
        for (int i = first; i < m.events.size(); i++) {
            g.drawString(m.events.get(i), LINES.x(), LINES.y() + (i - first) * LINE_HEIGHT + 16);
        }
    }

    private static void paintTrail(Graphics2D g, DesktopModel m) {
        g.setStroke(new BasicStroke(4, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        DesktopModel.TrailPoint previous = null;
        for (Iterator<DesktopModel.TrailPoint> it = m.trail.iterator(); it.hasNext(); ) {
            DesktopModel.TrailPoint p = it.next();
            if (previous != null) {
                g.setColor(TRAIL);
                g.drawLine(previous.x(), previous.y(), p.x(), p.y());
            }
            if (p.pressed()) {
                g.setColor(CLICK);
                g.fillOval(p.x() - TRAIL_RADIUS, p.y() - TRAIL_RADIUS, 2 * TRAIL_RADIUS, 2 * TRAIL_RADIUS);
            }
            previous = p;
        }
    }

    /** The pixels a trail segment (or a single point) can touch, with room for the stroke and the click dot. */
    static Rect segmentBounds(DesktopModel.TrailPoint a, DesktopModel.TrailPoint b) {
        int pad = TRAIL_RADIUS + 2;
        int x0 = Math.min(a.x(), b.x()) - pad;
        int y0 = Math.min(a.y(), b.y()) - pad;
        return Rect.of(x0, y0, Math.max(a.x(), b.x()) + pad - x0 + 1, Math.max(a.y(), b.y()) + pad - y0 + 1);
    }
}
