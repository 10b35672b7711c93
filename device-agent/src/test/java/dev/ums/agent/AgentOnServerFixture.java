package dev.ums.agent;

import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.XvncServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent's end-to-end tests share: a real Xvnc for the whole class (the subclass starts it, in the size it
 * needs, in its {@code @BeforeAll}), and the real server and agent a test starts, both closed after each test.
 * Called by JUnit's test thread.
 */
abstract class AgentOnServerFixture {
    static XvncServer xvnc;

    @TempDir
    Path dir;
    UmsServer server;
    DeviceAgent agent;

    @AfterAll
    static void stopXvnc() {
        if (xvnc != null) {
            xvnc.close();
            xvnc = null;
        }
    }

    @AfterEach
    void stopServerAndAgent() {
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Where X puts the pointer on the Xvnc display, as {@code X=.. Y=..}. */
    static String pointerOnXvnc() throws IOException {
        String shell = new String(xvnc.runClient("xdotool", "getmouselocation", "--shell"), StandardCharsets.US_ASCII);
        String x = shell.lines().filter(l -> l.startsWith("X=")).findFirst().orElseThrow();
        String y = shell.lines().filter(l -> l.startsWith("Y=")).findFirst().orElseThrow();
        return x + " " + y;
    }
}
