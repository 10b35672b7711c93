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
}
