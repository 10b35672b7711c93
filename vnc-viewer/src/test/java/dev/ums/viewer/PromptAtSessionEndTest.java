package dev.ums.viewer;

import static dev.ums.viewer.SwingProbe.find;
import static dev.ums.viewer.SwingProbe.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.rfb.Bytes;
import java.awt.AWTEvent;
import java.awt.Toolkit;
import java.awt.Window;
import java.awt.event.AWTEventListener;
import java.awt.event.WindowEvent;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.JDialog;
import javax.swing.JPasswordField;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A password dialog open when its session ends goes with the session, and what was typed into it is wiped. A
 * scripted server asks for VNC authentication and then waits. Needs a display (Xvfb).
 */
class PromptAtSessionEndTest {
    private static final String TITLE = "VNC password";

    private final CountDownLatch opened = new CountDownLatch(1);
    private final AtomicReference<JDialog> dialog = new AtomicReference<>();
    private final AWTEventListener openings = event -> {
        if (event.getID() == WindowEvent.WINDOW_OPENED && event.getSource() instanceof JDialog d
                && TITLE.equals(d.getTitle())) {
            dialog.set(d);
            opened.countDown();
        }
    };

    @BeforeEach
    void watchWindows() {
        Toolkit.getDefaultToolkit().addAWTEventListener(openings, AWTEvent.WINDOW_EVENT_MASK);
    }

    @AfterEach
    void stopWatching() throws Exception {
        Toolkit.getDefaultToolkit().removeAWTEventListener(openings);
        SwingUtilities.invokeLater(() -> {                  // a dialog left over by a failure must not stay modal
            if (dialog.get() != null) {
                dialog.get().dispose();
            }
        });
    }

    @Test
    void closingTheSessionClosesItsPasswordDialogAndWipesWhatWasTyped() throws Exception {
        byte[] script = new Bytes().ascii("RFB 003.008\n")
                .u8(1, 2)                                   // one security type: VNC authentication
                .raw(new byte[16])                          // its challenge
                .toArray();
        ScriptedServer server = new ScriptedServer(script, true);
        VncSettings settings = VncSettings.builder()
                .credentials(new VncPasswordDialog(() -> null, "scripted:5900")).build();
        VncSession session = new VncSession(server, new ByteArrayOutputStream(), settings).start();
        assertThat(opened.await(20, TimeUnit.SECONDS)).as("the password dialog opened").isTrue();
        JPasswordField field = onEdt(() -> find(dialog.get(), JPasswordField.class));
        SwingUtilities.invokeAndWait(() -> field.setText("typed-secret"));

        session.close();

        assertThat(session.awaitClosed(20, TimeUnit.SECONDS)).isTrue();
        assertThat(onEdt(PromptAtSessionEndTest::passwordDialogsShowing)).as("password dialogs showing").isZero();
        assertThat(onEdt(field::getPassword)).as("what the dialog holds").isEmpty();
    }

    private static long passwordDialogsShowing() {
        return Arrays.stream(Window.getWindows())
                .filter(w -> w instanceof JDialog d && d.isShowing() && TITLE.equals(d.getTitle())).count();
    }
}
