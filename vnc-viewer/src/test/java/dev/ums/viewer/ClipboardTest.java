package dev.ums.viewer;

import static dev.ums.viewer.RealXvncTest.connect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.vnc.XvncServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Clipboard both ways through a real Xvnc, with an X client on the server side. Xvnc speaks the
 * Extended Clipboard extension, so text outside Latin-1 must survive.
 */
class ClipboardTest {

    private static Process xclient(XvncServer xvnc, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), XClipboardClient.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", xvnc.display());
        return pb.start();
    }

    @Test
    void serverClipboardReachesUsAndOursReachesTheServer() throws Exception {
        try (XvncServer xvnc = XvncServer.start(160, 120);
             VncSession session = connect(xvnc, VncSettings.defaults())) {
            RecordingListener listener = new RecordingListener();
            session.addListener(listener);
            Process owner = xclient(xvnc, "set", "grüße – привет € from X", "20");
            try {
                assertThat(new String(owner.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("owned");
                for (int i = 0; i < 300 && !listener.events.contains("clipboard grüße – привет € from X"); i++) {
                    Thread.sleep(20);
                }
                assertThat(listener.events).contains("clipboard grüße – привет € from X");
            } finally {
                owner.destroy();
                owner.waitFor(5, TimeUnit.SECONDS);
            }

            session.sendClipboard("café – 日本 from VNC");
            String seen = "";
            for (int i = 0; i < 50 && !seen.equals("café – 日本 from VNC"); i++) {
                Thread.sleep(100);
                Process reader = xclient(xvnc, "get");
                seen = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                reader.waitFor(10, TimeUnit.SECONDS);
            }
            assertThat(seen).isEqualTo("café – 日本 from VNC");
        }
    }
}
