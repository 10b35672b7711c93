package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.rfb.PixelFormat;
import dev.ums.rfb.RfbInput;
import dev.ums.testkit.rfb.Bytes;
import dev.ums.viewer.internal.encoding.DecodeContext;
import dev.ums.viewer.internal.encoding.FramebufferUpdateReader;
import dev.ums.viewer.internal.encoding.PixelReader;
import dev.ums.viewer.internal.message.ExtendedClipboard;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ServerCutText from annotated bytes, classic and extended: the lengths' limit, and that a length is not allocated
 * before its bytes arrive (a server that claims megabytes and hangs up costs the viewer what it sent).
 */
class ServerCutTextTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final List<String> texts = new ArrayList<>();

    private ServerMessages messages(Bytes server) throws Exception {
        Framebuffer fb = new Framebuffer();
        fb.resize(4, 4);
        VncSessionListener listener = new VncSessionListener() {
            @Override
            public void clipboardReceived(String text) {
                texts.add(text);
            }
        };
        return new ServerMessages(new RfbInput(new ByteArrayInputStream(server.toArray())),
                new DecodeContext(fb, new PixelReader(PixelFormat.RGB888)), new FramebufferUpdateReader(), listener,
                shape -> { }, new ExtendedClipboard(m -> { }, texts::add, () -> true));
    }

    /** What reading one message allocates on this thread, which must end with the stream. */
    private long allocatedUntilTheStreamEnds(ServerMessages messages) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            messages.readOne();
            throw new AssertionError("a message was read from a stream that ends within it");
        } catch (EOFException e) {
            return THREADS.getCurrentThreadAllocatedBytes() - before;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aClassicTextClaimingElevenMegabytesAndHangingUpCostsWhatArrived() throws Exception {
        ServerMessages messages = messages(new Bytes().u8(3, 0, 0, 0).s32(0x00afe4dc).ascii("text "));
        assertThat(allocatedUntilTheStreamEnds(messages)).isLessThan(1 << 20);
    }

    @Test
    void anExtendedMessageClaimingTwelveMegabytesAndHangingUpCostsWhatArrived() throws Exception {
        ServerMessages messages = messages(new Bytes().u8(3, 0, 0, 0).s32(0xff40fffc)   // -12,517,380: extended
                .s32(0x08000001));                                                        // notify, text; then nothing
        assertThat(allocatedUntilTheStreamEnds(messages)).isLessThan(1 << 20);
    }

    @Test
    void textsArriveWholeAcrossTheBuffersGrowth() throws Exception {
        String text = "x".repeat(150_000) + "ä";
        ServerMessages messages = messages(new Bytes().u8(3, 0, 0, 0).s32(text.length())
                .raw(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
        assertThat(messages.readOne()).isEqualTo(ServerMessages.Outcome.OTHER);
        assertThat(texts).containsExactly(text);
    }

    @Test
    void textsBeyondTheLimitAreRefusedWithASentence() throws Exception {
        assertThatThrownBy(messages(new Bytes().u8(3, 0, 0, 0).s32(16 * 1024 * 1024 + 1))::readOne)
                .isInstanceOf(VncProtocolException.class)
                .hasMessage("The server sent an implausibly large clipboard text (16777217 bytes).");
        assertThatThrownBy(messages(new Bytes().u8(3, 0, 0, 0).s32(-(16 * 1024 * 1024 + 1)))::readOne)
                .isInstanceOf(VncProtocolException.class)
                .hasMessage("The server sent an implausibly large clipboard message.");
        assertThatThrownBy(messages(new Bytes().u8(3, 0, 0, 0).s32(Integer.MIN_VALUE))::readOne)
                .isInstanceOf(VncProtocolException.class)
                .hasMessage("The server sent an implausibly large clipboard message.");
    }

    @Test
    void controlCharactersThatWouldActInATerminalNeverReachTheClipboard() throws Exception {
        // A paste into a terminal: ESC [201~ ends a bracketed paste, so "curl … | sh" would run as typed; CSI (0x9b)
        // is ESC [ in one byte; a NUL cuts C programs' copies short; CR LF and CR are line ends.
        byte[] text = "ls\u001b[201~curl x|sh\r\nnext\u009b2J\u0000\tend\rlast\u007f".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1);
        ServerMessages messages = messages(new Bytes().u8(3, 0, 0, 0).s32(text.length).raw(text));
        assertThat(messages.readOne()).isEqualTo(ServerMessages.Outcome.OTHER);
        // 0x9b read as windows-1252 is the printable "›", no CSI
        assertThat(texts).containsExactly("ls[201~curl x|sh\nnext\u203a2J\tend\nlast");
    }

    @Test
    void theWindowsPunctuationOfLatinOneTextIsKept() throws Exception {
        byte[] text = {'1', '0', (byte) 0x96, '2', '0', ' ', 'd', 'o', 'n', (byte) 0x92, 't', ' ', (byte) 0x80, ' ',
            (byte) 0xe9};
        ServerMessages messages = messages(new Bytes().u8(3, 0, 0, 0).s32(text.length).raw(text));
        assertThat(messages.readOne()).isEqualTo(ServerMessages.Outcome.OTHER);
        assertThat(texts).containsExactly("10\u201320 don\u2019t \u20ac \u00e9");
    }
}
