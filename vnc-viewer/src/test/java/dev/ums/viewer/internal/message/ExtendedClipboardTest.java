package dev.ums.viewer.internal.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.rfb.ClientMessage;
import dev.ums.testkit.rfb.Bytes;
import dev.ums.viewer.VncProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Extended Clipboard exchange from annotated bytes. */
class ExtendedClipboardTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    private final List<byte[]> sent = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private final ExtendedClipboard clipboard = new ExtendedClipboard(m -> sent.add(m.encode()), received::add, () -> true);

    private void serverCaps() throws VncProtocolException {
        clipboard.handle(new Bytes()
                .s32(0x1f000000 | 0x7)            // caps; request, peek, notify, provide; text, rtf, html
                .s32(20 * 1024 * 1024, 0, 0)      // maximum sizes per format
                .toArray());
    }

    @Test
    void capsAreAnsweredWithOurs() throws Exception {
        serverCaps();
        assertThat(clipboard.active()).isTrue();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).isEqualTo(new Bytes()
                .u8(6, 0, 0, 0).s32(-8)           // ClientCutText, negative length: 8 bytes follow
                .s32(0x1f000001)                  // caps + request, peek, notify, provide; text
                .s32(16 * 1024 * 1024)            // our maximum text size
                .toArray());
    }

    @Test
    void notifyLeadsToRequestAndProvideDeliversUtf8() throws Exception {
        serverCaps();
        clipboard.handle(new Bytes().s32((1 << 27) | 1).toArray());   // notify: text available
        assertThat(sent.get(1)).isEqualTo(new Bytes().u8(6, 0, 0, 0).s32(-4).s32((1 << 25) | 1).toArray());
        byte[] provide = ExtendedClipboard.encodeText("line 1\nпривет €");
        clipboard.handle(new Bytes().s32((1 << 28) | 1).raw(provide).toArray());
        assertThat(received).containsExactly("line 1\nпривет €");
    }

    @Test
    void aProvidedTextReachesTheClipboardWithoutControlCharacters() throws Exception {
        serverCaps();
        byte[] provide = ExtendedClipboard.encodeText("ls\u001b[201~curl x|sh\nnext\u009b2J\u0000\ttab\rend");
        clipboard.handle(new Bytes().s32((1 << 28) | 1).raw(provide).toArray());
        // encodeText writes line ends as CR LF, as servers do, and a NUL at the end
        assertThat(received).containsExactly("ls[201~curl x|sh\nnext2J\ttab\nend");
    }

    @Test
    void aServerAskingForOurTextAgainAndAgainGetsItCompressedOnce() throws Exception {
        List<ClientMessage> queued = new ArrayList<>();
        ExtendedClipboard ours = new ExtendedClipboard(queued::add, received::add, () -> true);
        ours.handle(new Bytes().s32(0x1f000000 | 1).s32(1024 * 1024).toArray());   // caps: all actions; text
        StringBuilder copied = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 64 * 1024; i++) {
            copied.append((char) ('a' + random.nextInt(26)));       // compresses to about 40 KiB
        }
        ours.offerLocal(copied.toString());
        byte[] request = new Bytes().s32((1 << 25) | 1).toArray();  // request: text, 12 bytes on the wire
        ours.handle(request);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1000; i++) {
            ours.handle(request);
        }
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        // Before, each answer compressed the text anew: 435 MB allocated, and a payload of its own for each answer
        // the outgoing queue (up to 1,024 messages) held while the server did not read.
        assertThat(allocated).as("allocated answering 1,000 requests").isLessThan(1 << 20);
        assertThat(queued).hasSize(1 + 1 + 1 + 1000);               // caps, notify, the first answer, the rest
        ExtendedClipboard loopback = new ExtendedClipboard(m -> { }, received::add, () -> true);
        byte[] last = queued.get(queued.size() - 1).encode();
        loopback.handle(Arrays.copyOfRange(last, 8, last.length));
        assertThat(received).containsExactly(copied.toString());
    }

    @Test
    void ourTextIsNotifiedThenProvidedOnRequest() throws Exception {
        serverCaps();
        clipboard.offerLocal("grüße\n日本");
        assertThat(sent.get(1)).isEqualTo(new Bytes().u8(6, 0, 0, 0).s32(-4).s32((1 << 27) | 1).toArray());
        clipboard.handle(new Bytes().s32((1 << 25) | 1).toArray());   // request: text
        byte[] provide = sent.get(2);
        assertThat(ByteBuffer.wrap(provide, 8, 4).getInt()).isEqualTo((1 << 28) | 1);
        ExtendedClipboard loopback = new ExtendedClipboard(m -> { }, received::add, () -> true);
        loopback.handle(Arrays.copyOfRange(provide, 8, provide.length));
        assertThat(received).containsExactly("grüße\n日本");
    }

    /** The administrator's copied text (a password, say) is not kept once view-only mode withdraws it. */
    @Test
    void switchingToViewOnlyKeepsNoCopyOfTheTextOnceProvided() throws Exception {
        boolean[] mayProvide = {true};
        ExtendedClipboard switching = new ExtendedClipboard(m -> { }, received::add, () -> mayProvide[0]);
        switching.handle(new Bytes().s32(0x1f000001).s32(1000).toArray());
        String copied = new String("a copied password".toCharArray());
        java.lang.ref.WeakReference<String> kept = new java.lang.ref.WeakReference<>(copied);
        switching.offerLocal(copied);
        switching.handle(new Bytes().s32((1 << 25) | 1).toArray());    // request: text, answered
        copied = null;

        mayProvide[0] = false;
        switching.viewOnlyChanged();

        for (int i = 0; i < 100 && kept.get() != null; i++) {      // at most 5 s, however the collector runs
            System.gc();
            Thread.sleep(50);
        }
        assertThat(kept.get()).as("the text, held for answering requests").isNull();
    }

    @Test
    void viewOnlyNeverProvides() throws Exception {
        ExtendedClipboard viewOnly = new ExtendedClipboard(m -> sent.add(m.encode()), received::add, () -> false);
        viewOnly.handle(new Bytes().s32(0x1f000001).s32(1000).toArray());
        viewOnly.offerLocal("secret");
        viewOnly.handle(new Bytes().s32((1 << 25) | 1).toArray());
        assertThat(ByteBuffer.wrap(sent.get(0), 8, 4).getInt()).isEqualTo(0x19000001);   // caps: notify, provide; text
        assertThat(sent).hasSize(1);
    }

    @Test
    void aProvidedTextIsBufferedAsItInflatesNotAsItsSizeClaims() {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(new Bytes().s32(16 * 1024 * 1024).ascii("hi").u8(0).toArray());   // claims 16 MiB, holds 3 bytes
        deflater.finish();
        byte[] z = new byte[64];
        byte[] compressed = Arrays.copyOf(z, deflater.deflate(z));
        deflater.end();
        byte[] provide = new Bytes().s32((1 << 28) | 1).raw(compressed).toArray();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            clipboard.handle(provide);
            throw new AssertionError("a 3-byte text was taken for 16 MiB");
        } catch (VncProtocolException e) {
            assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).isLessThan(1 << 20);
            assertThat(e).hasMessage("The server sent a truncated clipboard text.");
        }
    }

    @Test
    void aLargeProvidedTextInflatesWholeAcrossTheBuffersGrowth() throws Exception {
        String text = "zeile ".repeat(40_000) + "ende";
        clipboard.handle(new Bytes().s32((1 << 28) | 1).raw(ExtendedClipboard.encodeText(text)).toArray());
        assertThat(received).containsExactly(text);
    }

    @Test
    void corruptOrOversizedProvideIsRejected() {
        assertThatThrownBy(() -> clipboard.handle(new Bytes().s32((1 << 28) | 1).u8(1, 2, 3).toArray()))
                .isInstanceOf(VncProtocolException.class).hasMessageContaining("clipboard");
        assertThatThrownBy(() -> clipboard.handle(new Bytes().u8(1).toArray()))
                .isInstanceOf(VncProtocolException.class).hasMessageContaining("malformed");
    }
}
