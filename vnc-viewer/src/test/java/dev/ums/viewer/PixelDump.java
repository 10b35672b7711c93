package dev.ums.viewer;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/** Writes mismatching frames to target/pixel-diffs so a failing comparison can be looked at. */
final class PixelDump {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private PixelDump() {
    }

    static void write(int[] actual, int[] expected) {
        int width = guessWidth(actual.length);
        File dir = new File("target/pixel-diffs");
        dir.mkdirs();
        int n = COUNT.incrementAndGet();
        try {
            ImageIO.write(image(actual, width), "png", new File(dir, n + "-actual.png"));
            ImageIO.write(image(expected, width), "png", new File(dir, n + "-expected.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int guessWidth(int pixels) {
        for (int w : new int[] {320, 160, 640, 1920}) {
            if (pixels % w == 0 && pixels / w * 4 == w * 3) {
                return w;
            }
        }
        return pixels;
    }

    private static BufferedImage image(int[] rgb, int width) {
        BufferedImage img = new BufferedImage(width, rgb.length / width, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, width, rgb.length / width, rgb, 0, width);
        return img;
    }
}
