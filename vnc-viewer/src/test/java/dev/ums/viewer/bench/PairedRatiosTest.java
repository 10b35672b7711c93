package dev.ums.viewer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PairedRatiosTest {
    @Test
    void summarisesRoundsWonAndTheIntervalOfTheRoundRatios() {
        // Round ratios 1.1, 1.0 and 1.21: logarithms 0.0953, 0 and 0.1906, mean 0.0953 (ratio 1.100),
        // standard deviation 0.0953, t(2) = 4.303, half width 0.2366.
        String summary = PairedRatios.describe(new long[] {110, 100, 121, 0}, new long[] {100, 100, 100, 50});

        assertThat(summary).isEqualTo("ratio of totals 1.103 (331 vs 300); rounds won 2, lost 0, tied 1; "
                + "geometric mean of round ratios 1.100, 95 % interval 0.868–1.394");
    }

    @Test
    void saysSoWhenNoRoundIsComplete() {
        assertThat(PairedRatios.describe(new long[] {0}, new long[] {10})).isEqualTo("no complete rounds");
    }
}
