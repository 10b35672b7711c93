package dev.ums.console.gui;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Pictures for a test's Xvnc to show, whose edges make scaling, clipping and colour errors visible. Any thread. */
public final class TestPictures {
    private TestPictures() {
    }

    /** A dark blue picture of {@code w × h} with an orange oval a quarter of its size from the top left. */
    public static BufferedImage shapes(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x204080));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.ORANGE);
        g.fillOval(w / 8, h / 8, w / 2, h / 2);
        g.dispose();
        return image;
    }
}
