package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * An error on the session's reader thread that is neither the server's doing nor a lack of memory or of a class (a
 * listener's assertion, a stack overflow) still ends the session: its listeners hear of it, with a sentence, instead
 * of a reader that died in silence and a session that never ends.
 */
class ReaderThreadErrorTest {

    @Test
    void aListenersErrorEndsTheSessionWithASentence() throws Exception {
        ScriptedServer server = new ScriptedServer(ScriptedServer.greeting(4, 2).toArray(), true);
        AtomicReference<VncProtocolException> heard = new AtomicReference<>();
        try (VncSession session = new VncSession(server, server.written, VncSettings.defaults())) {
            session.addListener(new VncSessionListener() {
                @Override
                public void connected(String desktopName, int width, int height) {
                    throw new StackOverflowError();
                }

                @Override
                public void closed(VncProtocolException error) {
                    heard.set(error);
                }
            });
            session.start();
            assertThat(session.awaitClosed(10, TimeUnit.SECONDS)).as("the session ended").isTrue();
            assertThat(session.error()).isSameAs(heard.get())
                    .hasMessage("The VNC session failed on an internal error of the viewer (StackOverflowError).")
                    .hasCauseInstanceOf(StackOverflowError.class);
        }
    }
}
