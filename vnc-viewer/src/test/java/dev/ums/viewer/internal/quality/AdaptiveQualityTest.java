package dev.ums.viewer.internal.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.viewer.VncSettings;
import dev.ums.viewer.internal.encoding.RowSpan;
import org.junit.jupiter.api.Test;

/**
 * The automatic quality judged while an update arrives: over a slow link it goes down before the update ends (the
 * server encodes its next picture meanwhile), over a fast one it waits for the update's end to go up.
 */
class AdaptiveQualityTest {

    @Test
    void aSlowLinkLowersTheQualityWhileTheFirstPictureArrives() {
        AdaptiveQuality quality = new AdaptiveQuality(VncSettings.defaults());
        assertThat(quality.current().jpegQuality()).isEqualTo(8);
        quality.meter().updateStarted();
        quality.meter().read(32 * 1024, 130_000_000);
        assertThat(quality.partway()).as("32 KiB in is too early to judge").isFalse();
        quality.meter().read(32 * 1024, 130_000_000);   // 64 KiB in 260 ms: 2 Mbit/s
        assertThat(quality.partway()).isTrue();
        assertThat(quality.current().jpegQuality()).isEqualTo(6);
        assertThat(quality.partway()).as("the window was used").isFalse();
    }

    @Test
    void aFastLinkWaitsForTheUpdatesEndToGoUp() {
        AdaptiveQuality quality = new AdaptiveQuality(VncSettings.defaults());
        quality.meter().updateStarted();
        quality.meter().read(64 * 1024, 1_000_000);
        assertThat(quality.partway()).as("never up partway").isFalse();
        assertThat(quality.current().jpegQuality()).isEqualTo(8);
        quality.meter().updateEnded();
        assertThat(quality.updateDone()).isTrue();
        assertThat(quality.current().jpeg()).as("lossless once the update ended").isFalse();
    }

    @Test
    void fixedSettingsAreNeverChangedPartway() {
        AdaptiveQuality quality = new AdaptiveQuality(VncSettings.builder().jpegQuality(9).compressionLevel(1).build());
        quality.meter().updateStarted();
        quality.meter().read(64 * 1024, 2_000_000_000L);
        assertThat(quality.partway()).isFalse();
        assertThat(quality.current().jpegQuality()).isEqualTo(9);
    }

    @Test
    void aStillScreenIsAskedForAgainLosslessThenTheTiersQualityReturns() throws Exception {
        AdaptiveQuality quality = new AdaptiveQuality(VncSettings.defaults());
        assertThat(quality.jpegArrived(new RowSpan(0, 6))).as("JPEG arrived: check again later").isTrue();
        assertThat(quality.refreshStep(new RowSpan(0, 6), 640, 480)).as("not still yet").isNull();
        Thread.sleep(StillRefresh.STILL_MILLIS);
        AdaptiveQuality.RefreshStep start = quality.refreshStep(null, 640, 480);
        assertThat(start.qualityChanged()).isTrue();
        assertThat(start.band()).as("nothing measured: the smallest band").isEqualTo(new RowSpan(0, 4));
        assertThat(quality.current().jpeg()).as("lossless while refreshing").isFalse();
        assertThat(quality.current().automatic()).isTrue();
        AdaptiveQuality.RefreshStep next = quality.refreshStep(new RowSpan(0, 4), 640, 480);
        assertThat(next).isEqualTo(new AdaptiveQuality.RefreshStep(new RowSpan(4, 6), false));
        AdaptiveQuality.RefreshStep end = quality.refreshStep(new RowSpan(4, 6), 640, 480);
        assertThat(end).isEqualTo(new AdaptiveQuality.RefreshStep(null, true));
        assertThat(quality.current().jpegQuality()).as("back to the tier's JPEG").isEqualTo(8);
    }

    @Test
    void aMoveToLosslessLeavesNothingToRefresh() throws Exception {
        AdaptiveQuality quality = new AdaptiveQuality(VncSettings.defaults());
        quality.meter().updateStarted();
        quality.meter().read(64 * 1024, 1_000_000);
        quality.meter().updateEnded();
        assertThat(quality.jpegArrived(new RowSpan(0, 480))).isTrue();
        assertThat(quality.updateDone()).isTrue();
        assertThat(quality.cameLossless()).as("the full update asked for replaces the JPEG").isTrue();
        assertThat(quality.jpegArrived(new RowSpan(0, 480))).as("JPEG sent before the move").isFalse();
        Thread.sleep(StillRefresh.STILL_MILLIS);
        assertThat(quality.refreshStep(null, 640, 480)).isNull();
    }

    @Test
    void aFixedJpegQualityIsNeverRefreshed() {
        AdaptiveQuality quality = new AdaptiveQuality(VncSettings.builder().jpegQuality(6).build());
        assertThat(quality.jpegArrived(new RowSpan(0, 20))).isFalse();
    }
}
