package dev.ums.server.internal.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.recording.Direction;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The secrets of an RFB handshake are zeroed in the recorded console stream, byte for byte, and nothing else. */
class HandshakeCredentialsTest {
    private static final byte[] ANSWER = filled(16, 0x5a);

    @Test
    void theAnswerToAVncChallengeIsZeroedInRfb38() {
        HandshakeCredentials credentials = new HandshakeCredentials();
        byte[] server = concat(ascii("RFB 003.008\n"), new byte[] {1, 2}, filled(16, 0x11));
        byte[] console = concat(ascii("RFB 003.008\n"), new byte[] {2}, ANSWER, new byte[] {1});

        credentials.blank(Direction.FROM_DEVICE, server);
        credentials.blank(Direction.FROM_CONSOLE, console);

        assertThat(console).isEqualTo(concat(ascii("RFB 003.008\n"), new byte[] {2}, new byte[16], new byte[] {1}));
        assertThat(server).as("the device's bytes are never changed")
                .isEqualTo(concat(ascii("RFB 003.008\n"), new byte[] {1, 2}, filled(16, 0x11)));
    }

    @Test
    void inRfb33TheServerChoosesAndTheAnswerFollowsTheVersionEvenSplitOverChunks() {
        HandshakeCredentials credentials = new HandshakeCredentials();
        credentials.blank(Direction.FROM_DEVICE, concat(ascii("RFB 003.003\n"), new byte[] {0, 0}));
        credentials.blank(Direction.FROM_DEVICE, new byte[] {0, 2});
        byte[] first = concat(ascii("RFB 003.003\n"), Arrays.copyOf(ANSWER, 5));
        byte[] second = concat(Arrays.copyOfRange(ANSWER, 5, 16), new byte[] {1, 9, 9});

        credentials.blank(Direction.FROM_CONSOLE, first);
        credentials.blank(Direction.FROM_CONSOLE, second);

        assertThat(first).isEqualTo(concat(ascii("RFB 003.003\n"), new byte[5]));
        assertThat(second).isEqualTo(concat(new byte[11], new byte[] {1, 9, 9}));
    }

    @Test
    void theVencryptPlainPasswordIsZeroedAndTheUserNameAndLengthsStay() {
        HandshakeCredentials credentials = new HandshakeCredentials();
        credentials.blank(Direction.FROM_DEVICE, concat(ascii("RFB 003.008\n"), new byte[] {1, 19}));
        byte[] head = concat(ascii("RFB 003.008\n"), new byte[] {19, 0, 2, 0, 0, 1, 0}, u32(5), u32(6));
        byte[] secrets = concat(ascii("admin"), ascii("s3cret"), new byte[] {1});

        credentials.blank(Direction.FROM_CONSOLE, head);
        byte[] headBefore = head.clone();
        credentials.blank(Direction.FROM_CONSOLE, secrets);

        assertThat(head).isEqualTo(headBefore);
        assertThat(secrets).isEqualTo(concat(ascii("admin"), new byte[6], new byte[] {1}));
    }

    @Test
    void withoutAPasswordNothingIsChanged() {
        HandshakeCredentials credentials = new HandshakeCredentials();
        credentials.blank(Direction.FROM_DEVICE, concat(ascii("RFB 003.008\n"), new byte[] {1, 1}));
        byte[] console = concat(ascii("RFB 003.008\n"), new byte[] {1, 1}, filled(40, 0x33));
        byte[] before = console.clone();

        credentials.blank(Direction.FROM_CONSOLE, console);

        assertThat(console).isEqualTo(before);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static byte[] u32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
