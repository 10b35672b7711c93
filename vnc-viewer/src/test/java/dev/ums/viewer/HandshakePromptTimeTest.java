package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.rfb.Bytes;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The time a prompt is open is not counted against the handshake's limit: a scripted server asks for VNC
 * authentication, and the prompt answers only after the watchdog's checks for twice the limit have run.
 */
class HandshakePromptTimeTest {
    // the rest of the handshake (the reader thread's start, the first DES use) must fit in it on a loaded machine
    private static final Duration LIMIT = Duration.ofSeconds(3);

    @Test
    void aPromptOpenLongerThanTheHandshakeLimitDoesNotEndTheSession() throws Exception {
        byte[] script = new Bytes().ascii("RFB 003.008\n")
                .u8(1, 2)                                                  // one security type: VNC authentication
                .raw(new byte[16])                                         // its challenge
                .s32(0)                                                    // SecurityResult: OK
                .u16(4, 4).u8(32, 24, 0, 1).u16(255, 255, 255).u8(16, 8, 0, 0, 0, 0).s32(1).ascii("t")
                .u8(0, 0).u16(1)                                           // FramebufferUpdate, one rectangle
                .u16(0, 0, 4, 4).s32(0)                                    // 4×4 raw
                .raw(new byte[4 * 4 * 4])
                .toArray();
        CountDownLatch asked = new CountDownLatch(1);
        VncCredentialsPrompt slowUser = request -> {
            asked.countDown();
            CountDownLatch limitPassedTwice = new CountDownLatch(1);
            // The watchdog's single timer runs its tasks in the order they fall due: once this one ran, every check
            // due within the limit has run too.
            HandshakeWatchdog.TIMER.schedule(limitPassedTwice::countDown, 2 * LIMIT.toNanos(), TimeUnit.NANOSECONDS);
            try {
                limitPassedTwice.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            return VncCredentials.password("pw".toCharArray());
        };
        VncSettings settings = VncSettings.builder().credentials(slowUser).handshakeTimeout(LIMIT).build();
        ScriptedServer server = new ScriptedServer(script, true);
        try (VncSession session = new VncSession(server, new ByteArrayOutputStream(), settings).start()) {
            assertThat(asked.await(20, TimeUnit.SECONDS)).as("the prompt was asked").isTrue();
            assertThat(session.awaitFirstFrame(20, TimeUnit.SECONDS)).as("error: %s", session.error()).isTrue();
            assertThat(session.error()).isNull();
        }
    }
}
