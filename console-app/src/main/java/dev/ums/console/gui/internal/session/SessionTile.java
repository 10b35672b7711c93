package dev.ums.console.gui.internal.session;

import dev.ums.console.gui.internal.PlainText;
import dev.ums.viewer.Framebuffer;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncStatistics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.event.FocusEvent;
import java.awt.event.FocusListener;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import javax.swing.AbstractAction;
import javax.swing.JComponent;
import javax.swing.KeyStroke;
import javax.swing.UIManager;

/**
 * One open session in the sessions overview: a thumbnail drawn from the session's own framebuffer (no second
 * connection), the device's name, the session's state and its figures with the picture quality in use. Click, Enter or Space opens the session's
 * tab. Event thread only.
 */
final class SessionTile extends JComponent {
    private static final long serialVersionUID = 1L;
    static final int THUMB_W = 256;
    static final int THUMB_H = 160;
    private static final int PAD = 8;

    private final SessionTab tab;
    private VncSession measured;
    private VncStatistics previous;
    private VncStatistics.Rates rates;

    SessionTile(SessionTab tab, Runnable open) {
        this.tab = tab;
        setName("tile-" + tab.title());
        setFocusable(true);
        setToolTipText("Open the session with " + PlainText.line(tab.device().name()) + " (click or Enter)");
        addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                open.run();
            }

            @Override
            public void mousePressed(MouseEvent e) {
                requestFocusInWindow();
            }
        });
        getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "open");
        getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_SPACE, 0), "open");
        getActionMap().put("open", new AbstractAction() {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                open.run();
            }
        });
        addFocusListener(new FocusListener() {
            @Override
            public void focusGained(FocusEvent e) {
                repaint();
            }

            @Override
            public void focusLost(FocusEvent e) {
                repaint();
            }
        });
    }

    SessionTab tab() {
        return tab;
    }

    /** Takes the session's latest figures; called a few times a second while the overview is shown. */
    void tick(boolean readFigures) {
        VncSession session = tab.vncSession();
        if (session != measured) {
            measured = session;
            previous = session == null ? null : session.statistics();
            rates = null;
        } else if (session != null && readFigures) {
            VncStatistics now = session.statistics();
            rates = now.since(previous);
            previous = now;
        }
        repaint();
    }

    /** The figures as the session describes them, e.g. "12.0 updates/s, 345.6 KiB/s, Tight lossless, …"; empty before. */
    String figuresText() {
        return rates == null ? "" : rates.describe();
    }

    @Override
    public Dimension getPreferredSize() {
        int line = getFontMetrics(getFont()).getHeight();
        return new Dimension(THUMB_W + 2 * PAD, THUMB_H + 2 * PAD + 4 * line + 4);
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g.create();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            boolean focused = isFocusOwner();
            g2.setColor(UIManager.getColor(focused ? "List.selectionBackground" : "Panel.background"));
            g2.fillRoundRect(0, 0, getWidth() - 1, getHeight() - 1, 10, 10);
            g2.setColor(UIManager.getColor("Component.borderColor"));
            g2.setStroke(new BasicStroke(1f));
            g2.drawRoundRect(0, 0, getWidth() - 1, getHeight() - 1, 10, 10);
            paintThumbnail(g2, PAD, PAD);
            Color text = UIManager.getColor(focused ? "List.selectionForeground" : "Label.foreground");
            Color soft = focused ? text : UIManager.getColor("Label.disabledForeground");
            int line = g2.getFontMetrics().getHeight();
            int y = PAD + THUMB_H + 4 + g2.getFontMetrics().getAscent();
            g2.setFont(getFont().deriveFont(Font.BOLD));
            g2.setColor(text);
            g2.drawString(clip(g2, PlainText.line(tab.title())), PAD, y);
            g2.setFont(getFont());
            g2.setColor(soft);
            g2.drawString(clip(g2, tab.state()), PAD, y + line);
            if (rates != null) {
                // The rates on one line, the quality in use on the next: the tile is too narrow for both.
                g2.drawString(clip(g2, String.format(java.util.Locale.ROOT, "%.1f updates/s, %.1f KiB/s",
                        rates.updatesPerSecond(), rates.kibPerSecond())), PAD, y + 2 * line);
                g2.drawString(clip(g2, rates.quality().describe()), PAD, y + 3 * line);
            }
        } finally {
            g2.dispose();
        }
    }

    private void paintThumbnail(Graphics2D g2, int x, int y) {
        g2.setColor(Color.DARK_GRAY);
        g2.fillRect(x, y, THUMB_W, THUMB_H);
        Framebuffer fb = tab.framebuffer();
        if (fb == null || fb.width() < 2) {
            return;
        }
        double scale = Math.min((double) THUMB_W / fb.width(), (double) THUMB_H / fb.height());
        int w = (int) Math.round(fb.width() * scale);
        int h = (int) Math.round(fb.height() * scale);
        g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g2.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g2.drawImage(fb.image(), x + (THUMB_W - w) / 2, y + (THUMB_H - h) / 2, w, h, null);
    }

    private String clip(Graphics2D g2, String s) {
        String text = s == null ? "" : s;
        int max = getWidth() - 2 * PAD;
        if (g2.getFontMetrics().stringWidth(text) <= max) {
            return text;
        }
        while (!text.isEmpty() && g2.getFontMetrics().stringWidth(text + "…") > max) {
            text = text.substring(0, text.length() - 1);
        }
        return text + "…";
    }
}
