package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.rfb.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Whole sessions against scripted server bytes: server messages, pseudo-encodings and failures. */
class ServerMessagesTest {

    private static RecordingListener run(Bytes script, VncSettings settings) throws Exception {
        ScriptedServer server = new ScriptedServer(script.toArray(), false);
        VncSession session = new VncSession(server, server.written, settings);
        RecordingListener listener = new RecordingListener();
        session.addListener(listener);
        session.start();
        assertThat(session.awaitClosed(5, TimeUnit.SECONDS)).isTrue();
        return listener;
    }

    private static Bytes rawRect(Bytes b, int x, int y, int w, int h, int rgb) {
        b.u16(x, y, w, h).s32(0);   // position, size, encoding Raw
        for (int i = 0; i < w * h; i++) {
            b.pixel32(rgb);
        }
        return b;
    }

    @Test
    void updateBellAndClipboard() throws Exception {
        Bytes script = ScriptedServer.greeting(2, 2);
        rawRect(script.u8(0, 0).u16(1), 0, 0, 2, 2, 0x445566);   // FramebufferUpdate, 1 rectangle
        script.u8(2);                                              // Bell
        script.u8(3, 0, 0, 0).s32(5).ascii("hallo");               // ServerCutText
        RecordingListener l = run(script, VncSettings.defaults());
        assertThat(l.events).containsExactly("connected t 2x2", "updated 0,0 2x2", "frame", "bell",
                "clipboard hallo", "closed");
        assertThat(l.error).hasMessage("The VNC server closed the connection.");
    }

    @Test
    void cursorDesktopSizeAndLastRect() throws Exception {
        Bytes script = ScriptedServer.greeting(2, 2);
        script.u8(0, 0).u16(0xffff);                               // update, rectangle count unknown
        script.u16(1, 0, 2, 1).s32(-239)                           // Cursor 2×1, hot spot 1,0
                .pixel32(0xff0000, 0x00ff00).u8(0b1000_0000);     // only the first pixel is opaque
        script.u16(0, 0, 3, 1).s32(-223);                          // DesktopSize 3×1
        rawRect(script, 0, 0, 3, 1, 0x010203);
        script.u16(0, 0, 0, 0).s32(-224);                          // LastRect
        script.u8(0, 0).u16(1);                                    // next update: ExtendedDesktopSize 4×1
        script.u16(0, 0, 4, 1).s32(-308).u8(1, 0, 0, 0)
                .s32(0).u16(0, 0, 4, 1).s32(0);                    // one screen: id, x, y, w, h, flags
        script.u8(0, 0).u16(1);
        rawRect(script, 0, 0, 4, 1, 0x0a0b0c);
        RecordingListener l = run(script, VncSettings.defaults());
        assertThat(l.events).containsExactly("connected t 2x2", "cursor 2x1 hot 1,0", "resized 3x1",
                "updated 0,0 3x1", "frame", "resized 4x1", "updated 0,0 4x1", "frame", "closed");
    }

    @Test
    void frameIsCompleteOnlyOncePixelsSpanTheDesktop() throws Exception {
        Bytes script = ScriptedServer.greeting(2, 2);
        script.u8(0, 0).u16(1).u16(0, 0, 0, 0).s32(-239);    // cursor only: hidden cursor
        script.u8(0, 0).u16(1);
        rawRect(script, 0, 0, 2, 1, 0x111111);                // top half
        script.u8(0, 0).u16(1);
        rawRect(script, 0, 1, 2, 1, 0x222222);                // bottom half
        script.u8(0, 0).u16(1);
        rawRect(script, 0, 0, 1, 1, 0x333333);                // later change
        RecordingListener l = run(script, VncSettings.defaults());
        assertThat(l.events).containsExactly("connected t 2x2", "cursor 0x0 hot 0,0", "updated 0,0 2x1",
                "updated 0,1 2x1", "frame", "updated 0,0 1x1", "closed");
    }

    @Test
    void clientAnnouncesFormatEncodingsAndRequestsUpdates() throws Exception {
        ScriptedServer server = new ScriptedServer(ScriptedServer.greeting(2, 2).toArray(), true);
        VncSettings settings = VncSettings.builder().encodings(Encoding.TIGHT, Encoding.RAW).jpegQuality(5)
                .compressionLevel(2).viewOnly(true).build();
        try (VncSession session = new VncSession(server, server.written, settings).start()) {
            byte[] expected = new Bytes().ascii("RFB 003.008\n").u8(1).u8(1)      // version, None, shared
                    .u8(0, 0, 0, 0, 32, 24, 0, 1).u16(255, 255, 255).u8(16, 8, 0, 0, 0, 0)
                    .u8(2, 0).u16(10).s32(7, 0, -308, -223, -224, 0xC0A1E5CE, -312, -313, -32 + 5, -256 + 2)   // view-only: no Cursor
                    .u8(3, 0).u16(0, 0, 2, 2)                               // full update request
                    .toArray();
            awaitWritten(server.written, expected.length);
            session.sendKey(Keysyms.RETURN, true);                         // view-only: dropped
            session.sendPointer(1, 1, 1);
            session.requestRefresh();
            awaitWritten(server.written, expected.length + 10);
            byte[] written = server.written();
            assertThat(java.util.Arrays.copyOf(written, expected.length)).isEqualTo(expected);
            assertThat(java.util.Arrays.copyOfRange(written, expected.length, written.length))
                    .isEqualTo(new Bytes().u8(3, 0).u16(0, 0, 2, 2).toArray());
        }
    }

    @Test
    void firstMessagesAreWrittenByTheReaderBeforeListenersHearOfTheConnection() throws Exception {
        ScriptedServer server = new ScriptedServer(ScriptedServer.greeting(2, 2).toArray(), true);
        List<String> writingThreads = new CopyOnWriteArrayList<>();
        OutputStream noting = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                writingThreads.add(Thread.currentThread().getName());
                server.written.write(b, off, len);
            }
        };
        CompletableFuture<byte[]> writtenWhenConnected = new CompletableFuture<>();
        VncSession session = new VncSession(server, noting, VncSettings.defaults());
        session.addListener(new VncSessionListener() {
            @Override
            public void connected(String desktopName, int width, int height) {
                writtenWhenConnected.complete(server.written());
            }
        });
        try (session) {
            session.start();
            byte[] written = writtenWhenConnected.get(5, TimeUnit.SECONDS);
            byte[] pixelFormat = new Bytes().u8(0, 0, 0, 0, 32, 24, 0, 1).u16(255, 255, 255).u8(16, 8, 0, 0, 0, 0)
                    .toArray();
            byte[] fullRequest = new Bytes().u8(3, 0).u16(0, 0, 2, 2).toArray();
            // version, security None, shared; SetPixelFormat and SetEncodings with ClientInit, then the full
            // request: all written before the listeners heard, by the reader thread itself, no hand-over between
            assertThat(Arrays.copyOfRange(written, 14, 34)).isEqualTo(pixelFormat);
            assertThat(written[34]).isEqualTo((byte) 2);
            assertThat(Arrays.copyOfRange(written, written.length - 10, written.length)).isEqualTo(fullRequest);
            assertThat(writingThreads).allMatch(t -> t.endsWith("-reader"));
        }
    }

    @Test
    void inputIsSentWhenNotViewOnly() throws Exception {
        ScriptedServer server = new ScriptedServer(ScriptedServer.greeting(2, 2).toArray(), true);
        try (VncSession session = new VncSession(server, server.written, VncSettings.defaults()).start()) {
            awaitWritten(server.written, 1);
            int before = awaitStable(server.written);
            session.sendCtrlAltDel();
            session.sendPointer(5, -3, 4);   // clamped into the 2×2 desktop
            session.sendClipboard("hi");
            awaitWritten(server.written, before + 6 * 8 + 6 + 10);
            byte[] written = server.written();
            assertThat(java.util.Arrays.copyOfRange(written, before, written.length)).isEqualTo(new Bytes()
                    .u8(4, 1, 0, 0).s32(0xffe3).u8(4, 1, 0, 0).s32(0xffe9).u8(4, 1, 0, 0).s32(0xffff)
                    .u8(4, 0, 0, 0).s32(0xffff).u8(4, 0, 0, 0).s32(0xffe9).u8(4, 0, 0, 0).s32(0xffe3)
                    .u8(5, 4).u16(1, 0)
                    .u8(6, 0, 0, 0).s32(2).ascii("hi").toArray());
        }
    }

    @Test
    void continuousUpdatesAndFences() throws Exception {
        Bytes script = ScriptedServer.greeting(2, 1);
        script.u8(150);                                                // EndOfContinuousUpdates: supported
        script.u8(248, 0, 0, 0).s32(0x80000000 | 0b11).u8(2, 0xab, 0xcd);  // Fence request, 2-byte payload
        script.u8(0, 0).u16(1).u16(0, 0, 2, 1).s32(0).pixel32(1, 2);   // a pushed update
        ScriptedServer server = new ScriptedServer(script.toArray(), true);
        // Lossless: with automatic quality the tiny first picture would also move the session to lossless.
        VncSettings lossless = VncSettings.builder().jpegQuality(VncSettings.LOSSLESS).build();
        try (VncSession session = new VncSession(server, server.written, lossless).start()) {
            assertThat(session.awaitFirstFrame(5, TimeUnit.SECONDS)).isTrue();
            byte[] tail = new Bytes()
                    .u8(3, 0).u16(0, 0, 2, 1)                          // the initial full request
                    .u8(150, 1).u16(0, 0, 2, 1)                        // EnableContinuousUpdates for the desktop
                    .u8(248, 0, 0, 0).s32(0b11).u8(2, 0xab, 0xcd)      // fence answered, request bit cleared
                    .u8(248, 0, 0, 0).s32(0x80000000).u8(8).ascii("ums-rtt").u8(0)  // our fence, timing the round trip
                    .toArray();
            awaitWritten(server.written, 0);
            int before = awaitStable(server.written);
            byte[] written = server.written();
            assertThat(java.util.Arrays.copyOfRange(written, before - tail.length, before))
                    .as("no incremental request once updates are pushed; the server speaks fences, so we time one")
                    .isEqualTo(tail);
        }
    }

    @Test
    void cursorIsDrawnLocallyOnlyWhenWeHaveAPointer() {
        assertThat(ServerMessages.setEncodings(VncSettings.defaults(), false).encodings()).contains(-239);
        assertThat(ServerMessages.setEncodings(VncSettings.defaults(), true).encodings())
                .doesNotContain(-239);
        assertThat(ServerMessages.setEncodings(VncSettings.builder().localCursor(false).build(), false).encodings())
                .doesNotContain(-239);
    }

    @Test
    void silentPeerEndsTheSessionAfterTheHandshakeTimeout() throws Exception {
        ScriptedServer silent = new ScriptedServer(new byte[0], true);
        VncSettings settings = VncSettings.builder().handshakeTimeout(java.time.Duration.ofMillis(300)).build();
        VncSession session = new VncSession(silent, silent.written, settings).start();
        assertThat(session.awaitClosed(10, TimeUnit.SECONDS)).isTrue();
        assertThat(session.error()).hasMessage("The VNC server did not complete the connection within 300 ms.");
    }

    @Test
    void continuousUpdatesCanBeSwitchedOff() {
        assertThat(ServerMessages.setEncodings(VncSettings.defaults(), false).encodings()).contains(-312, -313);
        assertThat(ServerMessages.setEncodings(VncSettings.builder().continuousUpdates(false).build(), false).encodings())
                .doesNotContain(-312, -313);
    }

    @Test
    void unknownMessageTypeEndsTheSession() throws Exception {
        RecordingListener l = run(ScriptedServer.greeting(2, 2).u8(77), VncSettings.defaults());
        assertThat(l.error).hasMessageContaining("type 77");
    }

    @Test
    void unknownEncodingEndsTheSession() throws Exception {
        Bytes script = ScriptedServer.greeting(2, 2).u8(0, 0).u16(1).u16(0, 0, 1, 1).s32(99);
        assertThat(run(script, VncSettings.defaults()).error).hasMessageContaining("encoding this viewer does not know (99)");
    }

    @Test
    void rectangleOutsideTheDesktopEndsTheSession() throws Exception {
        Bytes script = ScriptedServer.greeting(2, 2).u8(0, 0).u16(1).u16(1, 1, 2, 2).s32(0);
        assertThat(run(script, VncSettings.defaults()).error).hasMessageContaining("outside the desktop");
    }

    @Test
    void implausibleLengthEndsTheSessionWithASentenceNamingIt() throws Exception {
        Bytes script = ScriptedServer.greeting(2, 2).u8(0, 0).u16(1).u16(0, 0, 2, 2).s32(16)   // a ZRLE rectangle
                .s32(0x7fffffff);                                                             // of 2 GiB
        assertThat(run(script, VncSettings.defaults()).error)
                .hasMessage("The server sent an implausible ZRLE data length (2147483647 bytes).");
    }

    @Test
    void implausibleDesktopNameOrRefusalReasonEndsTheSessionWithASentence() throws Exception {
        Bytes name = new Bytes().ascii("RFB 003.008\n").u8(1, 1).s32(0)
                .u16(2, 2).u8(32, 24, 0, 1).u16(255, 255, 255).u8(16, 8, 0, 0, 0, 0)
                .s32(0xffffffff).ascii("t");                                      // a name of 4 GiB
        assertThat(run(name, VncSettings.defaults()).error)
                .hasMessage("The server sent an implausible desktop name length (4294967295 bytes).");
        Bytes reason = new Bytes().ascii("RFB 003.008\n").u8(0).s32(64 * 1024 + 1).ascii("busy");   // refused
        assertThat(run(reason, VncSettings.defaults()).error)
                .hasMessage("The server sent an implausible failure reason length (65537 bytes).");
    }

    @Test
    void implausibleFencePayloadEndsTheSession() throws Exception {
        Bytes script = ScriptedServer.greeting(2, 2).u8(248, 0, 0, 0).s32(0).u8(65);   // Fence with 65 bytes
        assertThat(run(script, VncSettings.defaults()).error)
                .hasMessage("The server sent an implausible fence payload length (65 bytes).");
    }

    @Test
    void absurdDesktopSizeEndsTheSession() throws Exception {
        Bytes script = ScriptedServer.greeting(2, 2).u8(0, 0).u16(1).u16(0, 0, 65535, 65535).s32(-223);
        assertThat(run(script, VncSettings.defaults()).error).hasMessageContaining("unusable desktop size");
    }

    @Test
    void colourMapFeedsIndexedPixels() throws Exception {
        Bytes script = ScriptedServer.greeting(2, 1);
        script.u8(1, 0).u16(3, 1).u16(0xffff, 0x8000, 0x0000);   // SetColourMapEntries: entry 3 = orange
        script.u8(0, 0).u16(1).u16(0, 0, 2, 1).s32(0).u8(3, 3);   // Raw, 8-bit indices
        ScriptedServer server = new ScriptedServer(script.toArray(), false);
        VncSession session = new VncSession(server, server.written,
                VncSettings.builder().colorDepth(ColorDepth.INDEXED_8).build()).start();
        assertThat(session.awaitClosed(5, TimeUnit.SECONDS)).isTrue();
        assertThat(session.framebuffer().copyPixels()).containsExactly(0xff8000, 0xff8000);
    }

    private static void awaitWritten(ByteArrayOutputStream out, int atLeast) throws InterruptedException {
        for (int i = 0; i < 500 && out.size() < atLeast; i++) {
            Thread.sleep(10);
        }
        assertThat(out.size()).isGreaterThanOrEqualTo(atLeast);
    }

    private static int awaitStable(ByteArrayOutputStream out) throws InterruptedException {
        int last = -1;
        while (out.size() != last) {
            last = out.size();
            Thread.sleep(100);
        }
        return last;
    }
}
