package dev.ums.agent.internal.indicator;

import dev.ums.agent.SessionIndicator;
import dev.ums.protocol.imi.IndicatorPosition;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A stand-in for the agent's JVM in {@code WindowsEndWithTheirAgentTest}: shows the indicator on its {@code DISPLAY}
 * as {@code ums agent} does, prints {@code indicator <pid>}, then waits for a line on standard input and exits without
 * closing the indicator (as a JVM whose shutdown hook lost the race), unless it is killed first. Main thread only.
 */
public final class IndicatorParent {
    private IndicatorParent() {
    }

    public static void main(String[] args) throws Exception {
        SessionIndicator.forThisDisplay().show(new SessionIndicator.Request("s1", "alice", Instant.now(), true,
                IndicatorPosition.TOP_LEFT, true), () -> { });
        ProcessHandle indicator = ProcessHandle.current().children().findFirst().orElseThrow();
        System.out.println("indicator " + indicator.pid());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        System.exit(0);
    }
}
