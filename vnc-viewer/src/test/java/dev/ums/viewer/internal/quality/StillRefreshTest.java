package dev.ums.viewer.internal.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.viewer.internal.encoding.RowSpan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lossless refresh of a still screen: when it starts, which rows it asks for, and in what bands. */
class StillRefreshTest {
    private static final long MS = 1_000_000;

    @Test
    void startsOnlyOnceNoJpegCameForASecond() {
        StillRefresh still = new StillRefresh();
        assertThat(still.start(5_000 * MS, 640, 480, 10_000)).as("nothing lossy").isNull();
        still.jpegArrived(new RowSpan(100, 200), 1_000 * MS);
        still.jpegArrived(new RowSpan(300, 340), 1_500 * MS);
        assertThat(still.start(2_499 * MS, 640, 480, 10_000)).as("JPEG came 999 ms ago").isNull();
        RowSpan first = still.start(2_500 * MS, 640, 480, 10_000);
        assertThat(first).isNotNull();
        assertThat(first.top()).as("from the first row JPEG covered").isEqualTo(100);
        assertThat(still.refreshing()).isTrue();
        assertThat(still.start(9_000 * MS, 640, 480, 10_000)).as("one refresh at a time").isNull();
    }

    @Test
    void bandsCoverTheJpegRowsInAboutATenthOfASecondOfTheLinkEach() {
        StillRefresh still = new StillRefresh();
        still.jpegArrived(new RowSpan(100, 340), 0);
        // 10 Mbit/s: 125,000 bytes in 100 ms; 640 pixels a row at 3 bytes: 65 rows a band
        List<RowSpan> bands = new ArrayList<>();
        RowSpan band = still.start(1_000 * MS, 640, 480, 10_000);
        while (band != null) {
            bands.add(band);
            band = still.bandArrived(band, 640, 10_000);
        }
        assertThat(bands).containsExactly(new RowSpan(100, 165), new RowSpan(165, 230), new RowSpan(230, 295),
                new RowSpan(295, 340));
        assertThat(still.refreshing()).as("done after the last band arrived").isFalse();
    }

    @Test
    void theNextBandWaitsForAnUpdateCoveringTheLastOne() {
        StillRefresh still = new StillRefresh();
        still.jpegArrived(new RowSpan(0, 480), 0);
        RowSpan first = still.start(1_000 * MS, 640, 480, 0);
        assertThat(first).as("nothing measured: the smallest band").isEqualTo(new RowSpan(0, 4));
        assertThat(still.bandArrived(null, 640, 0)).as("a fence, no update").isNull();
        assertThat(still.bandArrived(new RowSpan(0, 2), 640, 0)).as("an update of other rows").isNull();
        assertThat(still.refreshing()).isTrue();
        assertThat(still.bandArrived(new RowSpan(0, 480), 640, 0)).isEqualTo(new RowSpan(4, 8));
    }

    @Test
    void jpegDuringARefreshIsRefreshedByTheNextOne() {
        StillRefresh still = new StillRefresh();
        still.jpegArrived(new RowSpan(0, 4), 0);
        RowSpan band = still.start(1_000 * MS, 640, 480, 0);
        still.jpegArrived(new RowSpan(400, 420), 1_050 * MS);
        assertThat(still.bandArrived(band, 640, 0)).as("the refresh ends with its own rows").isNull();
        assertThat(still.refreshing()).isFalse();
        assertThat(still.start(2_049 * MS, 640, 480, 0)).isNull();
        assertThat(still.start(2_050 * MS, 640, 480, 0)).isEqualTo(new RowSpan(400, 404));
    }

    @Test
    void rowsBeyondAShrunkenScreenAreNotAskedFor() {
        StillRefresh still = new StillRefresh();
        still.jpegArrived(new RowSpan(200, 480), 0);
        assertThat(still.start(1_000 * MS, 320, 240, 1_000_000)).isEqualTo(new RowSpan(200, 240));
    }
}
