package dev.ums.console.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizes as the download's sentences name them: whole units where exact, one decimal otherwise. */
class SizeTextTest {
    @ParameterizedTest
    @CsvSource({"0, 0 bytes", "1, 1 byte", "1023, 1023 bytes", "1024, 1 KiB", "307200, 300 KiB", "1536, 1.5 KiB",
            "1048576, 1 MiB", "1572864, 1.5 MiB", "4294967296, 4 GiB", "5000000000, 4.7 GiB", "1099511627776, 1 TiB"})
    void aSizeReadsInItsLargestWholeUnit(long bytes, String text) {
        assertThat(SizeText.of(bytes)).isEqualTo(text);
    }
}
