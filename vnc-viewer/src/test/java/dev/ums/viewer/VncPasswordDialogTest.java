package dev.ums.viewer;

import static dev.ums.viewer.SwingProbe.find;
import static dev.ums.viewer.SwingProbe.onEdt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.vnc.XvncServer;
import java.awt.Window;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.swing.JDialog;
import javax.swing.JOptionPane;
import javax.swing.JPasswordField;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

/**
 * The password dialog against a real Xvnc that wants VNC authentication: it appears only when the server asks, the
 * password typed into it opens the session, Cancel ends it with a sentence. Needs a display (Xvfb).
 */
class VncPasswordDialogTest {

    private static VncSession open(XvncServer server) throws Exception {
        Socket socket = new Socket(server.host(), server.port());
        VncSettings settings = VncSettings.builder().jpegQuality(VncSettings.LOSSLESS)
                .credentials(new VncPasswordDialog(() -> null, server.host() + ":" + server.port())).build();
        return new VncSession(socket.getInputStream(), socket.getOutputStream(), settings).start();
    }

    /** Waits for the dialog, then, on the event thread, types {@code password} (null: Cancel) and closes it. */
    private static void answer(String password) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Optional<JDialog> dialog = Optional.empty();
        while (dialog.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            dialog = onEdt(() -> java.util.Arrays.stream(Window.getWindows())
                    .filter(w -> w instanceof JDialog d && d.isShowing() && "VNC password".equals(d.getTitle()))
                    .map(w -> (JDialog) w).findFirst());
        }
        assertThat(dialog).as("the password dialog").isPresent();
        JDialog shown = dialog.get();
        SwingUtilities.invokeAndWait(() -> {
            JOptionPane pane = find(shown, JOptionPane.class);
            if (password != null) {
                find(shown, JPasswordField.class).setText(password);
            }
            pane.setValue(password == null ? JOptionPane.CANCEL_OPTION : JOptionPane.OK_OPTION);
        });
    }

    @Test
    void thePasswordTypedIntoTheDialogOpensTheSession() throws Exception {
        try (XvncServer xvnc = XvncServer.startWithPassword(160, 120, "dialogpw")) {
            VncSession session = open(xvnc);
            answer("dialogpw");
            try (session) {
                assertThat(session.awaitFirstFrame(10, TimeUnit.SECONDS)).as("error: %s", session.error()).isTrue();
                assertThat(session.framebuffer().copyPixels()).isEqualTo(xvnc.screenPixels());
            }
        }
    }

    @Test
    void cancellingEndsTheSessionWithASentence() throws Exception {
        try (XvncServer xvnc = XvncServer.startWithPassword(160, 120, "dialogpw")) {
            VncSession session = open(xvnc);
            answer(null);
            assertThat(session.awaitClosed(10, TimeUnit.SECONDS)).isTrue();
            assertThat(session.error()).isInstanceOf(VncAuthenticationException.class)
                    .hasMessage("The VNC server asks for a password, but none was given.");
        }
    }

    @Test
    void noDialogWhenTheServerWantsNoPassword() throws Exception {
        try (XvncServer xvnc = XvncServer.start(160, 120); VncSession session = open(xvnc)) {
            assertThat(session.awaitFirstFrame(10, TimeUnit.SECONDS)).isTrue();
            assertThat(onEdt(() -> java.util.Arrays.stream(Window.getWindows()).noneMatch(Window::isShowing))).isTrue();
        }
    }
}
