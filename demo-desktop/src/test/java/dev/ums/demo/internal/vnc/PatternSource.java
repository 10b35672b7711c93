package dev.ums.demo.internal.vnc;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A fixed test picture that makes each encoder use every tile kind it has: noise (raw), a gradient (runs),
 * two-, three- and ten-colour areas (packed palettes), many-colour runs (palette RLE) and solid areas. The
 * size is not a multiple of 16 or 64, so edge tiles are partial.
 */
final class PatternSource implements FramebufferSource {
    static final int WIDTH = 203;
    static final int HEIGHT = 157;

    private final int[] pixels = new int[WIDTH * HEIGHT];
    private final FramebufferChanges changes = new FramebufferChanges();
    final List<Integer> keys = new CopyOnWriteArrayList<>();

    PatternSource() {
        Random random = new Random(7);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int rgb;
                if (x < 64 && y < 64) {
                    rgb = random.nextInt(0x1000000);
                } else if (y < 64) {
                    rgb = ((x * 2) & 0xff) << 16 | y * 3;
                } else if (x < 50) {
                    rgb = ((x / 3 + y / 5) % 2 == 0) ? 0xffffff : 0x102030;
                } else if (x < 100) {
                    rgb = new int[] {0xff0000, 0x00ff00, 0x0000ff}[(x + y) % 3];
                } else if (x < 140) {
                    rgb = 0x050505 * ((x * y) % 10);
                } else if (x < 180) {
                    rgb = 0x010203 * ((x / 4 + y * 7) % 60);
                } else {
                    rgb = 0x336699;
                }
                pixels[y * WIDTH + x] = rgb;
            }
        }
    }

    int[] pixels() {
        synchronized (this) {
            return pixels.clone();
        }
    }

    /** Fills a rectangle and reports it, as a desktop would. */
    void fill(Rect r, int rgb) {
        synchronized (this) {
            for (int y = r.y(); y < r.bottom(); y++) {
                java.util.Arrays.fill(pixels, y * WIDTH + r.x(), y * WIDTH + r.right(), rgb);
            }
            changes.changed(r);
        }
    }

    /** Moves a rectangle by (dx, dy) and reports it as a copy. */
    void move(Rect source, int dx, int dy) {
        synchronized (this) {
            int[] before = pixels.clone();
            for (int y = 0; y < source.h(); y++) {
                System.arraycopy(before, (source.y() + y) * WIDTH + source.x(), pixels,
                        (source.y() + y + dy) * WIDTH + source.x() + dx, source.w());
            }
            changes.copied(source, dx, dy);
        }
    }

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public int height() {
        return HEIGHT;
    }

    @Override
    public String name() {
        return "pattern";
    }

    @Override
    public synchronized <T> T read(Function<int[], T> reader) {
        return reader.apply(pixels);
    }

    @Override
    public FramebufferChanges changes() {
        return changes;
    }

    @Override
    public void key(int keysym, boolean down) {
        if (down) {
            keys.add(keysym);
        }
    }

    @Override
    public void pointer(int x, int y, int buttonMask) {
    }
}
