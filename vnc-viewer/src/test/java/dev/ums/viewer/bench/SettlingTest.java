package dev.ums.viewer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettlingTest {
    private static final long MS = 1_000_000L;
    /** 2 s at least, 1 s of quiet, 15 s at most. */
    private final Settling settling = new Settling(2000 * MS, 1000 * MS, 15000 * MS);

    @Test
    void waitsAtLeastTheMinimumAfterThePause() {
        // Both links quiet since long before the pause: only the minimum is left.
        assertThat(settling.remaining(0, 500 * MS, -5000 * MS, -4000 * MS)).isEqualTo(1500 * MS);
    }

    @Test
    void waitsForTheLinkThatDeliveredLast() {
        // One viewer's lossless refresh still arriving 1.64 s after the pause: 2 s after the pause it is 640 ms short
        // of 1 s of quiet; once it has ended for 1 s, the screens are read.
        long pause = 5000 * MS;
        long now = pause + 2000 * MS;
        assertThat(settling.remaining(pause, now, pause + 1640 * MS, pause + 300 * MS)).isEqualTo(640 * MS);
        assertThat(settling.remaining(pause, pause + 3360 * MS, pause + 2360 * MS, pause + 300 * MS)).isZero();
    }

    @Test
    void readsAtTheMaximumThoughALinkNeverGoesQuiet() {
        assertThat(settling.remaining(0, 14800 * MS, 14800 * MS, 0)).isEqualTo(200 * MS);
        assertThat(settling.remaining(0, 15000 * MS, 15000 * MS, 0)).isZero();
    }
}
