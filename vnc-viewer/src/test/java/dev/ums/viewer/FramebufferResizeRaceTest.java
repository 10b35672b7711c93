package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A desktop resized by the reader thread while the event thread reads the framebuffer: every read sees one size
 * and the pixels made for it.
 */
class FramebufferResizeRaceTest {
    private static final int READS = 2_000;

    @Test
    void readsDuringResizesSeeOneSizeAndItsPixels() throws Exception {
        Framebuffer fb = new Framebuffer();
        fb.resize(200, 100);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> resizeFailure = new AtomicReference<>();
        Thread resizer = new Thread(() -> {
            try {
                for (boolean large = true; !done.get(); large = !large) {
                    fb.resize(large ? 4000 : 200, large ? 2000 : 100);
                }
            } catch (Throwable t) {
                resizeFailure.set(t);
            }
        }, "test-resizer");
        HalfScaleCache cache = new HalfScaleCache();
        List<Throwable> failures = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        resizer.start();
        try {
            for (int i = 0; i < READS; i++) {
                try {
                    cache.image(fb, null);
                    Framebuffer.Pixels snapshot = fb.snapshot();
                    if (snapshot.array().length != snapshot.width() * snapshot.height()) {
                        mismatches.add(snapshot.width() + "x" + snapshot.height() + " with "
                                + snapshot.array().length + " pixels");
                    }
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        } finally {
            done.set(true);
            resizer.join();
        }
        assertThat(resizeFailure.get()).isNull();
        assertThat(failures).isEmpty();
        assertThat(mismatches).isEmpty();
    }
}
