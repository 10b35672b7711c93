package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Rates from two samples of the figures, in updates and KiB per second. */
class VncStatisticsTest {
    private static final VncQuality QUALITY = new VncQuality(Encoding.TIGHT, 6, 2, ColorDepth.TRUE_COLOR_24, true);

    @Test
    void ratesAreUpdatesAndKibibytesPerSecond() {
        VncStatistics before = new VncStatistics(1_000_000_000L, 10, 4096, QUALITY);
        VncStatistics after = new VncStatistics(3_000_000_000L, 50, 4096 + 2 * 1024 * 300, QUALITY);
        VncStatistics.Rates rates = after.since(before);
        assertThat(rates.updatesPerSecond()).isEqualTo(20.0);
        assertThat(rates.kibPerSecond()).isEqualTo(300.0);
        assertThat(rates.describe()).isEqualTo("20.0 updates/s, 300.0 KiB/s, Tight JPEG 6, compression 2, full colour (auto)");
    }

    @Test
    void qualityDescribesLosslessAndOtherEncodings() {
        assertThat(new VncQuality(Encoding.TIGHT, VncSettings.LOSSLESS, VncSettings.DEFAULT_COMPRESSION,
                ColorDepth.TRUE_COLOR_24, false).describe()).isEqualTo("Tight lossless, full colour");
        assertThat(new VncQuality(Encoding.ZRLE, 8, 1, ColorDepth.COLOURS_64, false).describe())
                .isEqualTo("ZRLE, compression 1, 64 colours");
        assertThat(new VncQuality(Encoding.TIGHT, 8, 1, ColorDepth.COLOURS_256, false).jpeg()).isFalse();
    }
}
