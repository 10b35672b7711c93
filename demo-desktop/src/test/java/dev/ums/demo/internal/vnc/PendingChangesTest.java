package dev.ums.demo.internal.vnc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-viewer bookkeeping of what still has to be sent. */
class PendingChangesTest {
    private final PendingChanges pending = new PendingChanges(100, 80);
    private final Rect all = new Rect(0, 0, 100, 80);

    @Test
    void aRequestTakesWhatLiesInsideItAndLeavesTheRest() {
        pending.markDirty(new Rect(0, 0, 50, 10));
        PendingChanges.Update update = pending.take(new Rect(0, 0, 20, 80));
        assertThat(update.rects()).containsExactly(new Rect(0, 0, 20, 10));
        assertThat(pending.take(all).rects()).containsExactly(new Rect(20, 0, 30, 10));
        assertThat(pending.isEmpty()).isTrue();
    }

    @Test
    void changesOutsideTheFramebufferAreClippedAndContainedOnesAreDropped() {
        pending.markDirty(new Rect(90, 70, 40, 40));
        pending.markDirty(new Rect(92, 72, 2, 2));
        assertThat(pending.take(all).rects()).containsExactly(new Rect(90, 70, 10, 10));
    }

    @Test
    void tooManyRectanglesAreMergedIntoTheirBoundingBox() {
        for (int i = 0; i <= PendingChanges.MAX_RECTS; i++) {
            pending.markDirty(new Rect(i * 2, i, 1, 1));
        }
        assertThat(pending.take(all).rects()).containsExactly(new Rect(0, 0, 65, 33));
    }

    @Test
    void overlappingRectanglesNeverAddUpToMoreThanTheFramebuffer() {
        pending.markDirty(new Rect(0, 0, 90, 70));
        pending.markDirty(new Rect(10, 10, 90, 70));
        assertThat(pending.take(all).rects()).containsExactly(all);
    }

    @Test
    void aCopyIsSentFirstAndItsStaleSourcePartIsResentAtTheDestination() {
        pending.markDirty(new Rect(0, 20, 10, 10));
        pending.copied(new Rect(0, 20, 50, 40), 0, -20, true);
        PendingChanges.Update update = pending.take(all);
        assertThat(update.copy()).isEqualTo(new PendingChanges.Copy(new Rect(0, 20, 50, 40), 0, -20));
        assertThat(update.rects()).containsExactlyInAnyOrder(new Rect(0, 20, 10, 10), new Rect(0, 0, 10, 10));
    }

    @Test
    void aSecondCopyOrAViewerWithoutCopyRectGetsPixels() {
        pending.copied(new Rect(0, 0, 10, 10), 20, 0, true);
        pending.copied(new Rect(0, 40, 10, 10), 20, 0, true);
        PendingChanges.Update update = pending.take(all);
        assertThat(update.copy().destination()).isEqualTo(new Rect(20, 0, 10, 10));
        assertThat(update.rects()).containsExactly(new Rect(20, 40, 10, 10));

        pending.copied(new Rect(0, 0, 10, 10), 20, 0, false);
        assertThat(pending.take(all)).isEqualTo(new PendingChanges.Update(null, List.of(new Rect(20, 0, 10, 10))));
    }

    @Test
    void aCopyOutsideTheRequestBecomesPixelsLater() {
        pending.copied(new Rect(0, 0, 10, 10), 50, 50, true);
        assertThat(pending.take(new Rect(0, 0, 40, 40)).isEmpty()).isTrue();
        assertThat(pending.take(all).rects()).containsExactly(new Rect(50, 50, 10, 10));
    }
}
