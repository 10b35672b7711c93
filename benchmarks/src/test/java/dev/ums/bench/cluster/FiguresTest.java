package dev.ums.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.device.DeviceCounters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Figures}: nearest-rank percentiles in milliseconds, the rows written as a Markdown table. */
class FiguresTest {
    @TempDir
    Path dir;

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        List<Long> nanos = List.of(5_000_000L, 1_000_000L, 4_000_000L, 2_000_000L, 3_000_000L, 10_000_000L,
                6_000_000L, 8_000_000L, 7_000_000L, 9_000_000L);

        assertThat(Figures.ms(nanos, 50)).isEqualTo(5.0);
        assertThat(Figures.ms(nanos, 95)).isEqualTo(10.0);
        assertThat(Figures.ms(nanos, 90)).isEqualTo(9.0);
        assertThat(Figures.ms(nanos, 0)).isEqualTo(1.0);
        assertThat(Figures.ms(List.of(2_500_000L), 99)).isEqualTo(2.5);
        assertThat(Figures.ms(List.of(), 50)).isNaN();
    }

    @Test
    void noFailedDialsAddNothingToAFigure() {
        assertThat(Figures.failures(new DeviceCounters())).isEmpty();
    }

    @Test
    void rowsAreWrittenInTheOrderAddedIntoDirectoriesMadeOnTheWay() throws Exception {
        Figures figures = new Figures();
        figures.add("all held by node 2", "12.5 s");
        figures.add("dials given up", "136");
        Path file = dir.resolve("target/cluster-figures.md");

        figures.write(file);

        assertThat(Files.readString(file)).isEqualTo("| all held by node 2 | 12.5 s |\n| dials given up | 136 |\n");
    }
}
