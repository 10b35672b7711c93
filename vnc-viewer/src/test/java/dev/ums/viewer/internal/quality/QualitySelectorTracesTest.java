package dev.ums.viewer.internal.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The automatic quality's decisions on throughput traces: recorded from real sessions through a shaped link (one
 * from when sessions started lossless, one from the JPEG 8 start; the tiers must suit each phase's rate, and the
 * current selector and pacing must reproduce every decision recorded with them) and over open loopback, and one made
 * up of the case that makes selectors flap: a link that looks fast whenever it is not saturated.
 */
class QualitySelectorTracesTest {

    record Sample(long millis, double kbit, double rtt, int tierBefore, int tierAfter) {
    }

    private static List<Sample> trace(String name) throws IOException {
        List<Sample> samples = new ArrayList<>();
        try (InputStream in = QualitySelectorTracesTest.class.getResourceAsStream("/quality-traces/" + name)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.strip().split(",");
                samples.add(new Sample(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[4]),
                        Integer.parseInt(f[5]), Integer.parseInt(f[6])));
            }
        }
        return samples;
    }

    /** Replays the trace's estimates through a fresh selector and pacing; the tiers chosen after each. */
    private static List<Integer> replay(List<Sample> samples) {
        UpgradePacing pacing = new UpgradePacing();
        int tier = samples.get(0).tierBefore();
        List<Integer> chosen = new ArrayList<>();
        for (Sample s : samples) {
            LinkEstimate estimate = new LinkEstimate(s.kbit(), 0, 0, s.rtt());
            tier = pacing.allow(tier, QualitySelector.tier(tier, estimate), s.millis());
            chosen.add(tier);
        }
        return chosen;
    }

    @ParameterizedTest
    @ValueSource(strings = {"animation-2-10-400-mbit.csv", "jpeg-start-2-10-400-mbit.csv"})
    void recordedShapedLinkSuitsEachPhase(String file) throws IOException {
        List<Sample> samples = trace(file);
        List<Integer> chosen = replay(samples);
        int twoMbit = 0;
        int twoMbitAtJpeg6 = 0;
        for (int i = 0; i < samples.size(); i++) {
            double kbit = samples.get(i).kbit();
            int tier = chosen.get(i);
            if (kbit < 1_000) {
                assertThat(tier).as("below 1 Mbit/s: JPEG 5 or less").isBetween(3, 4);
            } else if (kbit < 3_000) {
                twoMbit++;
                twoMbitAtJpeg6 += tier == 2 ? 1 : 0;
                assertThat(tier).as("2 Mbit/s: JPEG 6, or 5 until the link has shown a quarter more").isBetween(2, 3);
            } else if (kbit < 12_000) {
                assertThat(tier).as("10 Mbit/s: JPEG 6").isEqualTo(2);
            } else if (kbit < 50_000) {
                assertThat(tier).as("12-50 Mbit/s: JPEG 6 or better (up needs a quarter more)").isBetween(0, 2);
            } else {
                assertThat(tier).as("an open link: lossless").isZero();
            }
        }
        assertThat(twoMbitAtJpeg6).as("2 Mbit/s samples at JPEG 6, as vncviewer").isGreaterThan(twoMbit * 3 / 4);
        assertThat(QualitySelector.jpegQuality(2)).isEqualTo(6);
        assertThat(QualitySelector.jpegQuality(3)).isEqualTo(5);
        assertThat(QualitySelector.compressionLevel(3)).as("compression 2 at every JPEG tier").isEqualTo(2);
        assertThat(QualitySelector.jpegQuality(0)).isEqualTo(dev.ums.viewer.VncSettings.LOSSLESS);
    }

    @Test
    void jpegStartIsDecidedAsRecordedAndMovesDownOnASlowLinkAtTheFirstEstimate() throws IOException {
        List<Sample> samples = trace("jpeg-start-2-10-400-mbit.csv");
        assertThat(samples.get(0).tierBefore()).as("recorded from the JPEG 8 start").isEqualTo(QualitySelector.START_TIER);
        List<Integer> chosen = replay(samples);
        assertThat(chosen).as("the current selector's recorded decisions")
                .containsExactlyElementsOf(samples.stream().map(Sample::tierAfter).toList());
        assertThat(chosen.get(0)).as("2 Mbit/s: straight to JPEG 6").isEqualTo(2);
    }

    @Test
    void openLoopbackLiftsTheJpegStartToLosslessAtTheFirstEstimateAndStays() throws IOException {
        List<Sample> samples = trace("open-loopback.csv");
        assertThat(samples.get(0).tierBefore()).isEqualTo(QualitySelector.START_TIER);
        assertThat(samples.get(0).kbit()).as("a first picture's measurement").isGreaterThan(50_000);
        List<Integer> chosen = replay(samples);
        assertThat(chosen).containsExactlyElementsOf(samples.stream().map(Sample::tierAfter).toList());
        assertThat(chosen).as("lossless from the first estimate on").allMatch(t -> t == 0);
    }

    @Test
    void theStartIsTigerVncsDefaultJpegAndCompression() {
        assertThat(QualitySelector.jpegQuality(QualitySelector.START_TIER)).isEqualTo(8);
        assertThat(QualitySelector.compressionLevel(QualitySelector.START_TIER)).isEqualTo(2);
    }

    @Test
    void aLinkThatLooksFastWhenIdleDoesNotFlap() {
        // Made up: 8 Mbit/s. Lossless saturates it (measured 8000); JPEG 6 does not (its reads hardly wait, measured
        // 60000). Without pacing every window would switch tiers; with it, failed probes back off.
        UpgradePacing pacing = new UpgradePacing();
        int tier = 0;
        int changes = 0;
        for (long t = 0; t < 120_000; t += 120) {
            double measured = tier == 0 ? 8_000 : 60_000;
            int next = pacing.allow(tier, QualitySelector.tier(tier, new LinkEstimate(measured, 0, 0, 20)), t);
            changes += next != tier ? 1 : 0;
            tier = next;
        }
        assertThat(changes).as("switches in two minutes").isLessThanOrEqualTo(12);
        assertThat(pacing.backoffMillis()).isEqualTo(UpgradePacing.MAX_BACKOFF_MILLIS);
    }

    @Test
    void longRoundTripCountsAsOneTierSlowerButNotBelowJpeg6() {
        assertThat(QualitySelector.tier(0, new LinkEstimate(20_000, 0, 0, 10))).isEqualTo(1);
        assertThat(QualitySelector.tier(0, new LinkEstimate(20_000, 0, 0, 200))).isEqualTo(2);
        assertThat(QualitySelector.tier(2, new LinkEstimate(2_000, 0, 0, 300))).as("a slow link's queue").isEqualTo(2);
        assertThat(QualitySelector.tier(4, new LinkEstimate(100, 0, 0, 400))).isEqualTo(4);
    }

    @Test
    void movingUpNeedsAQuarterMoreThanTheThreshold() {
        assertThat(QualitySelector.tier(2, new LinkEstimate(13_000, 0, 0, 10))).as("12000 × 1.25 not reached").isEqualTo(2);
        assertThat(QualitySelector.tier(2, new LinkEstimate(15_000, 0, 0, 10))).isEqualTo(1);
        assertThat(QualitySelector.tier(1, new LinkEstimate(11_000, 0, 0, 10))).as("down at once").isEqualTo(2);
    }
}
