package dev.ums.testkit.vnc;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * A deterministic desktop picture that exercises every VNC encoding: flat areas (fill, RRE),
 * few-colour text (palettes), smooth gradients (Tight gradient filter, JPEG) and noise (raw tiles).
 */
public final class TestPattern {
    private TestPattern() {
    }

    public static BufferedImage render(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x2a4d69));
        g.fillRect(0, 0, width, height);
        g.setPaint(new GradientPaint(0, 0, new Color(0xff3000), width / 2f, height / 3f, new Color(0x0040ff)));
        g.fillRect(0, 0, width / 2, height / 3);
        g.setColor(Color.WHITE);
        g.fillRect(width / 2, 0, width / 2, height / 3);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, height / 20)));
        for (int y = height / 20; y < height / 3; y += height / 16 + 1) {
            g.drawString("UMS VNC test 0123", width / 2 + 4, y + height / 40);
        }
        Random random = new Random(42);
        for (int y = height / 3; y < 2 * height / 3; y++) {
            for (int x = 0; x < width / 3; x++) {
                img.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        for (int y = height / 3; y < 2 * height / 3; y++) {
            for (int x = width / 3; x < 2 * width / 3; x++) {
                img.setRGB(x, y, ((x * 255 / width) << 16) | ((y * 255 / height) << 8) | 0x80);
            }
        }
        int[] palette = {0xffcc00, 0x00aa44, 0xcc0044, 0xffffff};
        for (int y = 2 * height / 3; y < height; y += 8) {
            for (int x = 0; x < width; x += 8) {
                g.setColor(new Color(palette[((x / 8) + (y / 8)) % palette.length]));
                g.fillRect(x, y, 8, 8);
            }
        }
        g.setColor(new Color(0x101010));
        g.fillOval(2 * width / 3 + 4, height / 3 + 4, width / 3 - 8, height / 3 - 8);
        g.dispose();
        return img;
    }

    /** A plainly different second picture, for tests that need the screen to change: an orange oval on dark blue. */
    public static BufferedImage oval(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x204080));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 8, height / 8, width / 2, height / 2);
        g.dispose();
        return image;
    }
}
