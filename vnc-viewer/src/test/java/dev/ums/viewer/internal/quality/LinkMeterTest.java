package dev.ums.viewer.internal.quality;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the meter has seen enough to judge the link: the session's first picture sooner than later windows. */
class LinkMeterTest {

    private static void update(LinkMeter meter, int bytes, long waitedNanos) {
        meter.read(0, 5_000_000);   // waiting for the update to begin counts for nothing
        meter.updateStarted();
        meter.read(bytes, waitedNanos);
        meter.updateEnded();
    }

    @Test
    void theFirstPictureOf64KibIsJudgedAtOnce() {
        LinkMeter meter = new LinkMeter();
        update(meter, 60 * 1024, 1_000_000);
        assertThat(meter.takeEstimate()).as("60 KiB is too little to judge").isNull();
        update(meter, 10 * 1024, 1_000_000);
        LinkEstimate first = meter.takeEstimate();
        assertThat(first).isNotNull();
        assertThat(first.bytes()).isEqualTo(70 * 1024);
        assertThat(first.kbitPerSecond()).isEqualTo(70 * 1024 * 8 / 1000.0 / 0.002);
        assertThat(first.waitedMillis()).isEqualTo(2.0);
    }

    @Test
    void laterWindowsNeedATenthOfASecondOfWaitingOrHalfAMebibyte() {
        LinkMeter meter = new LinkMeter();
        update(meter, 100 * 1024, 2_000_000);
        assertThat(meter.takeEstimate()).isNotNull();
        update(meter, 100 * 1024, 2_000_000);
        assertThat(meter.takeEstimate()).as("100 KiB after 2 ms").isNull();
        update(meter, 10 * 1024, 98_000_000);
        assertThat(meter.takeEstimate()).as("100 ms waited in all").isNotNull();
        update(meter, 512 * 1024, 1_000_000);
        assertThat(meter.takeEstimate()).as("512 KiB").isNotNull();
        assertThat(meter.estimateNow().bytes()).isEqualTo(512 * 1024);
    }

    @Test
    void aLongUpdateIsJudgedPartwayOnceItHoldsAFirstPictureWorth() {
        LinkMeter meter = new LinkMeter();
        meter.read(12, 1_000_000);
        assertThat(meter.partwayEstimate()).as("between updates").isNull();
        meter.updateStarted();
        meter.read(60 * 1024, 240_000_000);
        assertThat(meter.partwayEstimate()).as("60 KiB into the first update").isNull();
        meter.read(8 * 1024, 32_000_000);
        LinkEstimate partway = meter.partwayEstimate();
        assertThat(partway).isNotNull();
        assertThat(partway.kbitPerSecond()).isEqualTo(68 * 1024 * 8 / 1000.0 / 0.272);
        assertThat(meter.partwayEstimate().bytes()).as("the window stays open").isEqualTo(68 * 1024);
        assertThat(meter.takeEstimate().bytes()).isEqualTo(68 * 1024);
        meter.read(64 * 1024, 50_000_000);
        assertThat(meter.partwayEstimate()).as("a later window needs 100 ms of waiting too").isNull();
        meter.read(1024, 60_000_000);
        assertThat(meter.partwayEstimate()).isNotNull();
        meter.updateEnded();
        assertThat(meter.partwayEstimate()).as("after the update").isNull();
    }

    /**
     * A 2 Mbit/s link whose reader spent 300 ms on the session's first JPEG decode early in the first picture: the
     * link filled the socket's buffer meanwhile and the next reads found 64 KiB there without waiting. Over the
     * waiting alone that read as 67 Mbit/s (lossless); counting the busy time before those reads, it reads as the
     * link's rate.
     */
    @Test
    void aSlowReaderAtTheStartCannotClaimTheBufferedBytesAsARate() {
        LinkMeter meter = new LinkMeter();
        meter.read(12, 5_000_000);
        meter.updateStarted();
        meter.read(2 * 1024, 8_000_000, 10_000);
        meter.read(16 * 1024, 20_000, 300_000_000);
        for (int i = 0; i < 3; i++) {
            meter.read(16 * 1024, 20_000, 50_000);
        }
        meter.updateEnded();
        LinkEstimate first = meter.takeEstimate();
        assertThat(first).isNotNull();
        assertThat(first.waitedMillis()).isEqualTo(8.08);
        double linkSeconds = (8_000_000 + 4 * 20_000 + 300_000_000 + 3 * 50_000) / 1e9;
        assertThat(first.kbitPerSecond()).isEqualTo(66 * 1024 * 8 / 1000.0 / linkSeconds);
        assertThat(first.kbitPerSecond()).isLessThan(2_000);
        assertThat(QualitySelector.tier(QualitySelector.START_TIER, first)).as("not lossless").isPositive();
    }

    @Test
    void busyTimeCountsOnlyBeforeReadsThatFoundDataInTheFirstWindow() {
        LinkMeter meter = new LinkMeter();
        meter.updateStarted();
        meter.read(32 * 1024, 1_000_000, 40_000_000);
        meter.read(32 * 1024, 1_000_000, 0);
        meter.updateEnded();
        assertThat(meter.takeEstimate().kbitPerSecond()).as("the read waited: the link brought nothing before it")
                .isEqualTo(64 * 1024 * 8 / 1000.0 / 0.002);
        meter.updateStarted();
        meter.read(512 * 1024, 20_000, 400_000_000);
        meter.updateEnded();
        assertThat(meter.takeEstimate().kbitPerSecond()).as("a later window: a fast link's busy time is the reader's")
                .isEqualTo(512 * 1024 * 8 / 1000.0 / 0.001);
    }
}
