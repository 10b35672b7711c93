package dev.ums.bench.cluster;

import dev.ums.testkit.device.DeviceCounters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The benchmark's figures as Markdown table rows, printed as they come and written at the end. Main thread only. */
final class Figures {
    private final List<String> rows = new ArrayList<>();

    void add(String what, String value) {
        String row = "| " + what + " | " + value + " |";
        rows.add(row);
        System.out.println(row);
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, String.join("\n", rows) + "\n");
    }

    /** The failed connection attempts since the last call, if any, as the end of a figure. */
    static String failures(DeviceCounters counters) {
        DeviceCounters.Failures failed = counters.takeFailures();
        return failed.count() == 0 ? ""
                : "; " + failed.count() + " failed attempts, retried (first: " + failed.first() + ")";
    }

    /** The {@code percentile} of these durations (nanoseconds) in milliseconds; NaN for none. */
    static double ms(List<Long> nanos, int percentile) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
