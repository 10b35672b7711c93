package dev.ums.viewer.bench;

import java.awt.Graphics;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * A full-screen slideshow of photo-like pictures for the WAN benchmark, run as its own process on the VNC server's
 * display: each picture is a smooth sky-to-ground gradient with soft coloured shapes, a sharp horizon and sensor-like
 * noise, generated from a fixed seed (so every run shows the same pictures), switched every {@code millis}.
 * Arguments: width, height, milliseconds per picture. Threads: {@code main} only schedules; the Swing event thread
 * paints.
 */
public final class Slideshow extends JPanel {
    private static final long serialVersionUID = 1L;
    private static final int PICTURES = 5;
    private final transient List<BufferedImage> pictures;
    private int shown;

    private Slideshow(List<BufferedImage> pictures) {
        this.pictures = pictures;
    }

    public static void main(String[] args) {
        int width = Integer.parseInt(args[0]);
        int height = Integer.parseInt(args[1]);
        int millis = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        List<BufferedImage> pictures = new ArrayList<>();
        for (int i = 0; i < PICTURES; i++) {
            pictures.add(picture(width, height, 1000 + i));
        }
        SwingUtilities.invokeLater(() -> {
            JFrame window = new JFrame("slideshow");
            window.setUndecorated(true);
            Slideshow panel = new Slideshow(pictures);
            window.setContentPane(panel);
            window.setBounds(0, 0, width, height);
            window.setVisible(true);
            new Timer(millis, e -> {
                panel.shown = (panel.shown + 1) % PICTURES;
                panel.repaint();
            }).start();
        });
    }

    /** One photo-like picture, the same for the same seed. */
    static BufferedImage picture(int width, int height, long seed) {
        Random random = new Random(seed);
        int horizon = height / 3 + random.nextInt(height / 3);
        float[][] sky = {{40 + random.nextInt(60), 90 + random.nextInt(80), 170 + random.nextInt(80)},
            {180 + random.nextInt(70), 190 + random.nextInt(60), 200 + random.nextInt(50)}};
        float[][] ground = {{60 + random.nextInt(80), 70 + random.nextInt(60), 20 + random.nextInt(40)},
            {20 + random.nextInt(50), 40 + random.nextInt(50), 10 + random.nextInt(30)}};
        int blobs = 6 + random.nextInt(5);
        float[][] blob = new float[blobs][6];
        for (float[] b : blob) {
            b[0] = random.nextInt(width);
            b[1] = random.nextInt(height);
            b[2] = (40 + random.nextInt(260)) * (40 + random.nextInt(260)) * 2f;
            b[3] = random.nextInt(256);
            b[4] = random.nextInt(256);
            b[5] = random.nextInt(256);
        }
        int[] rgb = new int[width * height];
        for (int y = 0; y < height; y++) {
            boolean above = y < horizon;
            float t = above ? (float) y / horizon : (float) (y - horizon) / (height - horizon);
            float[][] band = above ? sky : ground;
            for (int x = 0; x < width; x++) {
                float r = band[0][0] + (band[1][0] - band[0][0]) * t;
                float g = band[0][1] + (band[1][1] - band[0][1]) * t;
                float b = band[0][2] + (band[1][2] - band[0][2]) * t;
                for (float[] s : blob) {
                    float dx = x - s[0];
                    float dy = y - s[1];
                    float d = dx * dx + dy * dy;
                    if (d < 4 * s[2]) {
                        float w = (float) Math.exp(-d / s[2]) * 0.8f;
                        r += (s[3] - r) * w;
                        g += (s[4] - g) * w;
                        b += (s[5] - b) * w;
                    }
                }
                float noise = (float) random.nextGaussian() * 5;
                rgb[y * width + x] = clamp(r + noise) << 16 | clamp(g + noise) << 8 | clamp(b + noise);
            }
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, rgb, 0, width);
        return image;
    }

    private static int clamp(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    @Override
    protected void paintComponent(Graphics g) {
        g.drawImage(pictures.get(shown), 0, 0, null);
    }
}
