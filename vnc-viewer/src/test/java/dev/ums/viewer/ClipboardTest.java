package dev.ums.viewer;

import static dev.ums.viewer.RealXvncTest.connect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.vnc.XvncServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Clipboard both ways through a real Xvnc, with an X client on the server side. Xvnc speaks the
 * Extended Clipboard extension, so text outside Latin-1 must survive.
 */
class ClipboardTest {

    @Test
    void serverClipboardReachesUsAndOursReachesTheServer() throws Exception {
        try (XvncServer xvnc = XvncServer.start(160, 120);
             VncSession session = connect(xvnc, VncSettings.defaults())) {
            RecordingListener listener = new RecordingListener();
            session.addListener(listener);
            Process owner = xvnc.ownClipboard("grüße – привет € from X", 20);
            try {
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
                seen = xvnc.clipboardText();
            }
            assertThat(seen).isEqualTo("café – 日本 from VNC");
        }
    }
}
