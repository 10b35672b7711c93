package dev.ums.viewer.bench;

import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * How closely a viewer's window shows the server's picture: finds where in the viewer's screen the server's
 * picture is (the offset with the least difference on a sample grid, so window chrome and placement need not be
 * known) and gives the PSNR over all pixels and channels there. Called from the benchmark's main thread.
 *
 * @param offset where the server's top-left pixel is on the viewer's screen
 * @param psnr   peak signal-to-noise ratio in dB; {@link Double#POSITIVE_INFINITY} when every pixel is equal
 */
record PictureMatch(Point offset, double psnr) {
    private static final int MAX_OFFSET_X = 120;
    private static final int MAX_OFFSET_Y = 160;

    /** The screen of an X display, as ImageMagick's {@code import} reads it. */
    static BufferedImage grab(String display) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("import", "-display", display, "-window", "root", "png:-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] png = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || png.length == 0) {
            throw new IOException("Could not read the screen of " + display);
        }
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    static PictureMatch of(BufferedImage server, BufferedImage viewer) {
        int w = server.getWidth();
        int h = server.getHeight();
        int[] s = server.getRGB(0, 0, w, h, null, 0, w);
        int vw = viewer.getWidth();
        int[] v = viewer.getRGB(0, 0, vw, viewer.getHeight(), null, 0, vw);
        int maxX = Math.min(MAX_OFFSET_X, vw - w);
        int maxY = Math.min(MAX_OFFSET_Y, viewer.getHeight() - h);
        long best = Long.MAX_VALUE;
        Point offset = new Point();
        for (int oy = 0; oy <= maxY; oy++) {
            for (int ox = 0; ox <= maxX; ox++) {
                long diff = 0;
                for (int y = 3; y < h && diff < best; y += h / 37) {
                    for (int x = 5; x < w; x += w / 61) {
                        diff += distance(s[y * w + x], v[(y + oy) * vw + x + ox]);
                    }
                }
                if (diff < best) {
                    best = diff;
                    offset = new Point(ox, oy);
                }
            }
        }
        double sum = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = s[y * w + x];
                int b = v[(y + offset.y) * vw + x + offset.x];
                for (int shift = 0; shift <= 16; shift += 8) {
                    int d = (a >> shift & 0xff) - (b >> shift & 0xff);
                    sum += d * d;
                }
            }
        }
        double mse = sum / (3.0 * w * h);
        return new PictureMatch(offset, mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(255 * 255 / mse));
    }

    private static int distance(int a, int b) {
        return Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)) + Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff))
                + Math.abs((a & 0xff) - (b & 0xff));
    }
}
