package dev.ums.viewer.bench;

import org.junit.jupiter.api.Test;

/** Runs {@link ReplaySpeedBenchmark} through surefire when asked for by name ({@code -Dtest=ReplaySpeedBenchmarkRun}). */
class ReplaySpeedBenchmarkRun {
    @Test
    void run() throws Exception {
        ReplaySpeedBenchmark.main(new String[] {System.getProperty("replay.seconds", "20")});
    }
}
