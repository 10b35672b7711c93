package dev.ums.launcher;

import static dev.ums.launcher.UmsProcesses.ADMIN_PASSWORD;
import static dev.ums.launcher.UmsProcesses.ENROLLMENT_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.vnc.XvncServer;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ums proxy} when its server dies mid-session ({@code kill -9}): the viewer sees the end and the
 * command says the true reason and exits with 1, with real processes (server, agent, proxy) and a real Xvnc.
 */
class ProxyServerLostIT {
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path work;
    final UmsProcesses processes = new UmsProcesses();
    XvncServer xvnc;

    @AfterEach
    void stopEverything() {
        processes.close();
        if (xvnc != null) {
            xvnc.close();
        }
    }

    @Test
    void whenTheServerDiesMidSessionTheProxySaysTheConnectionWasLost() throws Exception {
        xvnc = XvncServer.start(320, 240);
        UmsProcesses.Server started = processes.startServer(work, START);
        UmsProcess server = started.process();
        String fingerprint = started.fingerprint();
        String serverUrl = started.url();
        UmsProcess agent = processes.start("agent", work, Map.of("UMS_ENROLLMENT_TOKEN", ENROLLMENT_TOKEN), "agent",
                "--server", serverUrl, "--fingerprint", fingerprint, "--name", "Fragile",
                "--vnc", xvnc.host() + ":" + xvnc.port(), "--data", work.resolve("agent").toString(),
                "--no-prompt-user");
        agent.awaitLine("online", START);

        UmsProcess proxy = processes.start("proxy", work, Map.of("UMS_PASSWORD", ADMIN_PASSWORD), "proxy",
                "--server", serverUrl, "--fingerprint", fingerprint, "--user", "admin", "--device", "Fragile",
                "--view-only");
        String listening = proxy.awaitLine("listening: ", START);
        int colon = listening.lastIndexOf(':');
        try (Socket viewer = new Socket(listening.substring(0, colon), Integer.parseInt(listening.substring(colon + 1)))) {
            viewer.setSoTimeout(30_000);
            InputStream in = viewer.getInputStream();
            assertThat(new String(in.readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("RFB 003.008\n");

            server.close();

            assertThat(in.read()).as("end of stream at the viewer").isEqualTo(-1);
        }
        Captures.assertEndedAbnormally(proxy, "the connection to the server was lost");
    }
}
