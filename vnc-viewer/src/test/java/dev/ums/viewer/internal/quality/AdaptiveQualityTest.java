package dev.ums.viewer.internal.quality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.viewer.VncSettings;
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
}
