package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.ums.testkit.log.CapturedLog;
import dev.ums.testkit.rfb.Bytes;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Texts a server chooses (its desktop name, its reasons for refusing) reach log lines, sentences and the window title
 * as one line of bounded length: a server cannot forge log lines, move a terminal's cursor or fill a dialog.
 */
class ServerTextQuotedTest {
    /** A line break to forge a log line, a terminal escape, and 60,000 characters more. */
    private static final String HOSTILE = "desk\n12:00:00.000 [main] INFO  forged - all is well\u001b[2J"
            + "A".repeat(60_000);

    @RegisterExtension
    final CapturedLog lines = new CapturedLog(VncSession.class);

    private static Bytes named(String name) {
        return new Bytes().ascii("RFB 003.008\n").u8(1, 1).s32(0)
                .u16(4, 2).u8(32, 24, 0, 1).u16(255, 255, 255).u8(16, 8, 0, 0, 0, 0)
                .s32(name.length()).ascii(name);
    }

    private List<String> sessionLines() {
        return lines.events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static void assertOneShortLine(String text, int max) {
        assertThat(text).doesNotContain("\n", "\r", "\u001b").hasSizeLessThanOrEqualTo(max);
    }

    @Test
    void aDesktopNameIsLoggedAndShownInTheTitleAsOneShortLine() throws Exception {
        ScriptedServer server = new ScriptedServer(named(HOSTILE).toArray(), true);
        try (VncSession session = new VncSession(server, server.written, VncSettings.defaults())) {
            AtomicReference<VncViewerWindow> window = new AtomicReference<>();
            SwingUtilities.invokeAndWait(() -> window.set(new VncViewerWindow(session, "viewer")));
            try {
                ViewClipboardTest.startAndAwaitConnected(session);
                String connected = sessionLines().stream().filter(l -> l.contains("connected to")).findFirst()
                        .orElseThrow();
                assertThat(connected).contains("desk?12:00:00.000 [main] INFO  forged");
                assertOneShortLine(connected, 200);
                await().atMost(Duration.ofSeconds(10)).until(() -> window.get().frame().getTitle().contains("desk"));
                String title = window.get().frame().getTitle();
                assertThat(title).startsWith("viewer – desk?12:00");
                assertOneShortLine(title, 200);
            } finally {
                SwingUtilities.invokeAndWait(() -> window.get().frame().dispose());
            }
        }
    }

    @Test
    void aRefusalReasonEndsTheSessionWithOneShortSentenceAndLogLine() throws Exception {
        byte[] refusal = new Bytes().ascii("RFB 003.008\n").u8(0).s32(HOSTILE.length()).ascii(HOSTILE).toArray();
        ScriptedServer server = new ScriptedServer(refusal, false);
        try (VncSession session = new VncSession(server, new ByteArrayOutputStream(), VncSettings.defaults())) {
            session.start();
            assertThat(session.awaitClosed(10, TimeUnit.SECONDS)).isTrue();
            String sentence = session.error().getMessage();
            assertThat(sentence).startsWith("The VNC server refused the connection: desk?12:00:00.000 [main] INFO");
            assertOneShortLine(sentence, 300);
            assertThat(sessionLines()).filteredOn(l -> l.contains("session ended"))
                    .singleElement().satisfies(l -> assertOneShortLine(l, 350));
        }
    }

    @Test
    void aRejectedPasswordsReasonIsQuotedAsOneShortLine() throws Exception {
        byte[] rejected = new Bytes().ascii("RFB 003.008\n").u8(1, 2).raw(new byte[16])
                .s32(1).s32(HOSTILE.length()).ascii(HOSTILE).toArray();
        ScriptedServer server = new ScriptedServer(rejected, false);
        VncSettings settings = VncSettings.builder().password("pw".toCharArray()).build();
        try (VncSession session = new VncSession(server, new ByteArrayOutputStream(), settings)) {
            session.start();
            assertThat(session.awaitClosed(10, TimeUnit.SECONDS)).isTrue();
            assertThat(session.error()).isInstanceOf(VncAuthenticationException.class);
            assertThat(session.error().getMessage()).startsWith("The VNC server rejected the password: desk?12:00");
            assertOneShortLine(session.error().getMessage(), 300);
        }
    }
}
