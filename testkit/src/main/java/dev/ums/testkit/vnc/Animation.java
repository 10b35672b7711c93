package dev.ums.testkit.vnc;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Toolkit;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * A full-screen animation for viewer benchmarks, run as its own process on the VNC server's
 * display: a sliding gradient, moving blocks and a frame counter, redrawn 60 times a second.
 */
public final class Animation extends JPanel {
    private static final long serialVersionUID = 1L;
    private int frame;

    public static void main(String[] args) {
        SwingUtilities.invokeLater(() -> {
            JFrame window = new JFrame("animation");
            window.setUndecorated(true);
            Animation panel = new Animation();
            window.setContentPane(panel);
            window.setBounds(0, 0, Integer.parseInt(args[0]), Integer.parseInt(args[1]));
            window.setVisible(true);
            new Timer(16, e -> {
                panel.frame++;
                panel.repaint();
                Toolkit.getDefaultToolkit().sync();
            }).start();
        });
    }

    @Override
    protected void paintComponent(Graphics g) {
        Graphics2D g2 = (Graphics2D) g;
        int w = getWidth();
        int h = getHeight();
        int shift = (frame * 8) % w;
        g2.setPaint(new GradientPaint(shift, 0, new Color(0x203060), shift + w / 2f, h, new Color(0xe0a040), true));
        g2.fillRect(0, 0, w, h);
        for (int i = 0; i < 24; i++) {
            int x = (int) ((i * 173 + frame * (3 + i % 5)) % w);
            int y = (int) ((i * 97 + frame * (2 + i % 3)) % h);
            g2.setColor(Color.getHSBColor(i / 24f, 0.8f, 0.9f));
            g2.fillRect(x, y, 120, 80);
        }
        g2.setColor(Color.WHITE);
        g2.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 48));
        g2.drawString("frame " + frame, 40, 80);
    }
}
