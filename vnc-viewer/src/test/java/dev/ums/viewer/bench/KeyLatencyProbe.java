package dev.ums.viewer.bench;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Input-to-screen latency in one viewer's X display, run as its own process with {@code DISPLAY} set to the display
 * the viewer draws into: it sends key presses through XTEST (as {@code xdotool key} does, without a process start
 * inside the timed interval) to the window under the pointer and times until a character appears in a region (from
 * a picture that stood still for 800 ms): several pixels moving most of the way between background and text colour,
 * which a lossless refresh of JPEG-coded text does not do. Commands on standard input, one a line: {@code focus X Y}
 * moves the pointer there and clicks; {@code key X Y W H} presses and releases the next letter and answers
 * {@code latency MS} (or {@code latency -1} after 5 s without a change); standard error gets, per key, the wall-clock
 * time it was pressed. Threads: {@code main} only.
 */
public final class KeyLatencyProbe {
    private static final long TIMEOUT_NANOS = 5_000_000_000L;
    /** A pixel counts as changed by a glyph when a channel moves this much. */
    private static final int GLYPH_STEP = 128;
    private static final int GLYPH_PIXELS = 40;
    /**
     * How long the screen-reading loop runs before the first key, so that it is compiled when keys are timed: cold,
     * one read and comparison of the 520x300 region took several milliseconds, coarsening the first keys of each
     * round but the first (where keys that timed out while the xterm started had warmed it).
     */
    private static final long WARM_UP_NANOS = 3_000_000_000L;

    private KeyLatencyProbe() {
    }

    public static void main(String[] args) throws Exception {
        Robot robot = new Robot();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int letter = 0;
        for (String line; (line = in.readLine()) != null; ) {
            String[] w = line.trim().split(" ");
            if (w[0].equals("focus")) {
                robot.mouseMove(Integer.parseInt(w[1]), Integer.parseInt(w[2]));
                robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
                robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
                warmUp(robot, new Rectangle(0, 0, 520, 300));
                System.out.println("ok");
            } else if (w[0].equals("key")) {
                Rectangle region = new Rectangle(Integer.parseInt(w[1]), Integer.parseInt(w[2]),
                        Integer.parseInt(w[3]), Integer.parseInt(w[4]));
                int[] before = settled(robot, region);
                int key = KeyEvent.VK_A + letter++ % 26;
                long wallStart = System.currentTimeMillis();
                long start = System.nanoTime();
                robot.keyPress(key);
                robot.keyRelease(key);
                double millis = -1;
                int reads = 0;
                while (System.nanoTime() - start < TIMEOUT_NANOS) {
                    reads++;
                    if (glyphChanged(before, pixels(robot.createScreenCapture(region)))) {
                        millis = (System.nanoTime() - start) / 1e6;
                        break;
                    }
                }
                System.out.printf(Locale.ROOT, "latency %.1f%n", millis);
                // When the key went, to set against a viewer's own log (standard error, not the table).
                System.err.printf(Locale.ROOT, "key-probe %s: key at %s, latency %.1f ms, %d screen reads%n",
                        System.getenv("DISPLAY"), java.time.Instant.ofEpochMilli(wallStart), millis, reads);
            }
            System.out.flush();
        }
    }

    /**
     * Whether a character (or the text cursor) appeared: many pixels turned (a glyph and the block cursor moving on:
     * about 80 in xterm's default font) from the terminal's background to its text colour or back. A server's lossless
     * refresh of a JPEG-coded area also changes pixels, but by far less.
     */
    private static boolean glyphChanged(int[] before, int[] now) {
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            int a = before[i];
            int b = now[i];
            int d = Math.max(Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)), Math.max(
                    Math.abs((a >> 8 & 0xff) - (b >> 8 & 0xff)), Math.abs((a & 0xff) - (b & 0xff))));
            if (d > GLYPH_STEP && ++changed >= GLYPH_PIXELS) {
                return true;
            }
        }
        return false;
    }

    /** The region's pixels once they have not changed for 800 ms (at most 8 s), so no earlier echo is timed. */
    private static int[] settled(Robot robot, Rectangle region) throws InterruptedException {
        int[] last = pixels(robot.createScreenCapture(region));
        for (int i = 0; i < 10; i++) {
            Thread.sleep(800);
            int[] now = pixels(robot.createScreenCapture(region));
            if (Arrays.equals(last, now)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** Reads and compares the screen as timing does, for {@link #WARM_UP_NANOS}; reports the last read's time. */
    private static void warmUp(Robot robot, Rectangle region) {
        int[] first = pixels(robot.createScreenCapture(region));
        long start = System.nanoTime();
        int reads = 0;
        long last = 0;
        while (System.nanoTime() - start < WARM_UP_NANOS) {
            long t = System.nanoTime();
            glyphChanged(first, pixels(robot.createScreenCapture(region)));
            last = System.nanoTime() - t;
            reads++;
        }
        System.err.printf(Locale.ROOT, "key-probe %s: warmed up, %d screen reads, the last %.2f ms%n",
                System.getenv("DISPLAY"), reads, last / 1e6);
    }

    /**
     * The picture's pixels as 0xRRGGBB (the top byte unused): the screen capture's own array when it has one, read
     * without converting pixel by pixel, so a read costs little more than the X server's copy.
     */
    private static int[] pixels(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB && image.getRaster().getDataBuffer() instanceof DataBufferInt d
                && d.getNumBanks() == 1 && d.getOffset() == 0
                && d.getData().length == image.getWidth() * image.getHeight()) {
            return d.getData();
        }
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
