package dev.ums.console.gui.internal.playback;

import dev.ums.viewer.VncInputEvent;
import dev.ums.viewer.VncReplayTimeline;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.function.LongConsumer;
import javax.swing.JComponent;
import javax.swing.UIManager;

/**
 * The recording's length as a strip with a mark for each input event the console sent (keys tall, pointer clicks
 * middle, pointer moves short) and a line at the current position; a click or drag seeks there. Event thread.
 */
final class TimelineStrip extends JComponent {
    private static final long serialVersionUID = 1L;
    private static final Color KEY = new Color(0xe0, 0x6c, 0x00);
    private static final Color CLICK = new Color(0x1f, 0x7a, 0xd6);
    private static final Color MOVE = new Color(0x80, 0x80, 0x80, 0x90);

    private final transient VncReplayTimeline timeline;
    private final transient LongConsumer seek;
    private long position;

    TimelineStrip(VncReplayTimeline timeline, LongConsumer seek) {
        this.timeline = timeline;
        this.seek = seek;
        setName("playerTimeline");
        setToolTipText("Input events: keys (orange), clicks (blue), pointer moves (grey); click to go there");
        MouseAdapter mouse = new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                seekTo(e.getX());
            }

            @Override
            public void mouseDragged(MouseEvent e) {
                seekTo(e.getX());
            }
        };
        addMouseListener(mouse);
        addMouseMotionListener(mouse);
    }

    @Override
    public Dimension getPreferredSize() {
        return new Dimension(400, 26);
    }

    /** How many input events it marks. */
    int events() {
        return timeline.events().size();
    }

    void setPosition(long micros) {
        if (micros != position) {
            position = micros;
            repaint();
        }
    }

    /** The x of a moment on the strip. */
    int xOf(long micros) {
        long d = Math.max(1, timeline.durationMicros());
        return (int) Math.round((getWidth() - 1) * (double) Math.min(micros, d) / d);
    }

    private void seekTo(int x) {
        if (!isEnabled()) {
            return;
        }
        long d = timeline.durationMicros();
        seek.accept(Math.round(Math.max(0, Math.min(1, x / (double) Math.max(1, getWidth() - 1))) * d));
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            int h = getHeight();
            Color background = UIManager.getColor("Panel.background");
            g2.setColor(background == null ? Color.LIGHT_GRAY : background.darker());
            g2.fillRect(0, 0, getWidth(), h);
            int buttons = 0;
            for (VncInputEvent e : timeline.events()) {
                int x = xOf(e.atMicros());
                if (e.kind() == VncInputEvent.Kind.KEY) {
                    g2.setColor(KEY);
                    g2.drawLine(x, 2, x, h - 3);
                } else if (e.buttons() != buttons && e.buttons() != 0) {
                    g2.setColor(CLICK);
                    g2.drawLine(x, h / 4, x, h - 3);
                } else {
                    g2.setColor(MOVE);
                    g2.drawLine(x, h - h / 3, x, h - 3);
                }
                if (e.kind() == VncInputEvent.Kind.POINTER) {
                    buttons = e.buttons();
                }
            }
            int x = xOf(position);
            g2.setColor(UIManager.getColor("Component.focusColor") == null ? Color.RED
                    : UIManager.getColor("Component.focusColor"));
            g2.fillRect(x - 1, 0, 3, h);
        } finally {
            g2.dispose();
        }
    }
}
