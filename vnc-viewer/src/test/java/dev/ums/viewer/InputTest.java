package dev.ums.viewer;

import static dev.ums.viewer.RealXvncTest.connect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.vnc.XKeyLog;
import dev.ums.testkit.vnc.XvncServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Keys and pointer through a real Xvnc into a real X application. */
class InputTest {

    @Test
    void unicodeKeysymsAndPointerReachAnXApplication() throws Exception {
        try (XvncServer xvnc = XvncServer.start(200, 150);
             VncSession session = connect(xvnc, VncSettings.defaults())) {
            Process probe = xvnc.startJavaClient(XInputProbe.class, "200", "150");
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(probe.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        lines.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // the probe was killed
                }
            });
            pump.start();
            try {
                awaitLine(lines, "ready");
                session.sendPointer(50, 40, 0);
                session.sendPointer(50, 40, 1);
                session.sendPointer(50, 40, 0);
                awaitLine(lines, "pressed 50,40 button 1");
                String text = "aZ9é€Ж";
                text.codePoints().forEach(cp -> {
                    session.sendKey(Keysyms.forCodePoint(cp), true);
                    session.sendKey(Keysyms.forCodePoint(cp), false);
                });
                for (int cp : text.codePoints().toArray()) {
                    awaitLine(lines, "typed " + cp);
                }
                assertThat(lines).contains("pressed 50,40 button 1", "typed " + (int) 'Ж');
            } finally {
                probe.destroy();
                probe.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void ctrlAltDelArrivesAsThreeKeysPressedThenReleased() throws Exception {
        try (XvncServer xvnc = XvncServer.start(160, 120);
             VncSession session = connect(xvnc, VncSettings.defaults());
             XKeyLog keys = xvnc.keyLog()) {
            session.sendCtrlAltDel();
            List<String> expected = List.of("press Control_L", "press Alt_L", "press Delete",
                    "release Delete", "release Alt_L", "release Control_L");
            for (int i = 0; i < 250 && keys.events().size() < expected.size(); i++) {
                Thread.sleep(20);
            }
            assertThat(keys.events()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void viewOnlyChangesOnARunningSessionAndReleasesHeldKeys() throws Exception {
        try (XvncServer xvnc = XvncServer.start(160, 120);
             VncSession session = connect(xvnc, VncSettings.defaults());
             XKeyLog keys = xvnc.keyLog()) {
            List<Boolean> heard = new CopyOnWriteArrayList<>();
            session.addListener(new VncSessionListener() {
                @Override
                public void viewOnlyChanged(boolean viewOnly) {
                    heard.add(viewOnly);
                }
            });
            session.sendKey(Keysyms.SHIFT_L, true);          // held when the session turns view-only
            session.setViewOnly(true);
            session.sendKey(Keysyms.forCodePoint('a'), true);   // dropped
            session.sendKey(Keysyms.forCodePoint('a'), false);
            session.setViewOnly(false);
            session.sendKey(Keysyms.forCodePoint('b'), true);
            session.sendKey(Keysyms.forCodePoint('b'), false);
            List<String> expected = List.of("press Shift_L", "release Shift_L", "press b", "release b");
            for (int i = 0; i < 250 && keys.events().size() < expected.size(); i++) {
                Thread.sleep(20);
            }
            assertThat(keys.events()).containsExactlyElementsOf(expected);
            assertThat(heard).containsExactly(true, false);
            assertThat(session.viewOnly()).isFalse();
        }
    }

    private static void awaitLine(List<String> lines, String line) throws InterruptedException {
        for (int i = 0; i < 500 && !lines.contains(line); i++) {
            Thread.sleep(20);
        }
        assertThat(lines).contains(line);
    }
}
