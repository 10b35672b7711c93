package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ums.rfb.PixelFormat;
import dev.ums.testkit.rfb.Bytes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The replay of hand-built recordings, byte for byte: handshakes, pixel formats in time, seeking, input events. */
class VncReplayTest {
    private static final int RED = 0xff0000;
    private static final int GREEN = 0x00ff00;
    private static final int BLUE = 0x0000ff;

    /** ServerInit of a 4×2 desktop in RGB888 named "rec". */
    private static Bytes serverInit() {
        return new Bytes().u16(4, 2)                          // width, height
                .raw(PixelFormat.RGB888.encode())             // the server's pixel format
                .s32(3).ascii("rec");                         // name length, name
    }

    /** A FramebufferUpdate with one Raw rectangle of 32-bit pixels. */
    private static byte[] rawUpdate32(int x, int y, int w, int h, int... rgb) {
        return new Bytes().u8(0, 0).u16(1)                    // FramebufferUpdate, padding, 1 rectangle
                .u16(x, y, w, h).s32(0)                       // rectangle, Raw
                .pixel32(rgb).toArray();
    }

    /** The client's opening for RFB 3.8 with the given security choice, then ClientInit (shared). */
    private static Bytes clientOpening(int security) {
        return new Bytes().ascii("RFB 003.008\n").u8(security).u8(1);
    }

    private static RecordedChunks noneSession() {
        return new RecordedChunks()
                .server(0, new Bytes().ascii("RFB 003.008\n").toArray())
                .client(100, new Bytes().ascii("RFB 003.008\n").toArray())
                .server(200, new Bytes().u8(1, 1).toArray())             // one type offered: None
                .client(300, new Bytes().u8(1).toArray())                // chosen: None
                .server(400, new Bytes().s32(0).toArray())               // SecurityResult OK
                .client(500, new Bytes().u8(1).toArray())                // ClientInit, shared
                .server(600, serverInit().toArray())
                .client(700, new Bytes().u8(0, 0, 0, 0).raw(PixelFormat.RGB888.encode()).toArray())  // SetPixelFormat
                .server(1_000, rawUpdate32(0, 0, 2, 1, RED, RED))
                .server(2_000, rawUpdate32(2, 1, 2, 1, GREEN, BLUE));
    }

    @Test
    void followsNoneHandshakeAndStepsThroughUpdates() throws Exception {
        RecordedChunks recording = noneSession();
        try (VncReplay replay = new VncReplay(recording)) {
            assertThat(replay.advanceTo(1_500)).isTrue();
            assertThat(replay.desktopName()).isEqualTo("rec");
            assertThat(replay.security()).isEqualTo("None");
            assertThat(replay.framebuffer().copyPixels()).containsExactly(RED, RED, 0, 0, 0, 0, 0, 0);
            assertThat(replay.ended()).isFalse();

            assertThat(replay.advanceTo(2_000)).isTrue();
            assertThat(replay.framebuffer().copyPixels()).containsExactly(RED, RED, 0, 0, 0, 0, GREEN, BLUE);
            assertThat(replay.advanceTo(5_000)).isFalse();
            assertThat(replay.ended()).isTrue();
            assertThat(recording.opened()).isEqualTo(1);
        }
    }

    @Test
    void steppingBackRestartsFromTheBeginning() throws Exception {
        RecordedChunks recording = noneSession();
        try (VncReplay replay = new VncReplay(recording)) {
            replay.advanceTo(Long.MAX_VALUE);
            assertThat(replay.framebuffer().copyPixels()).containsExactly(RED, RED, 0, 0, 0, 0, GREEN, BLUE);

            replay.advanceTo(1_200);
            assertThat(recording.opened()).isEqualTo(2);
            assertThat(replay.position()).isEqualTo(1_200);
            assertThat(replay.framebuffer().copyPixels()).containsExactly(RED, RED, 0, 0, 0, 0, 0, 0);

            replay.advanceTo(800);
            assertThat(replay.framebuffer().copyPixels()).as("before the first update: black").containsOnly(0);
        }
    }

    @Test
    void consumesVncAuthenticationWithoutPassword() throws Exception {
        byte[] challenge = new byte[16];
        Arrays.fill(challenge, (byte) 0x5a);
        RecordedChunks recording = new RecordedChunks()
                .server(0, new Bytes().ascii("RFB 003.008\n").toArray())
                .client(1, new Bytes().ascii("RFB 003.008\n").toArray())
                .server(2, new Bytes().u8(2, 2, 19).toArray())           // two types: VNC authentication, VeNCrypt
                .client(3, new Bytes().u8(2).toArray())                  // chosen: VNC authentication
                .server(4, challenge)
                .client(5, new byte[16])                                 // the DES response
                .server(6, new Bytes().s32(0).toArray())                 // SecurityResult OK
                .client(7, new Bytes().u8(0).toArray())                  // ClientInit, exclusive
                .server(8, serverInit().raw(rawUpdate32(0, 0, 1, 1, BLUE)).toArray());
        try (VncReplay replay = new VncReplay(recording)) {
            replay.advanceTo(10);
            assertThat(replay.security()).isEqualTo("VncAuth");
            assertThat(replay.framebuffer().copyPixels()[0]).isEqualTo(BLUE);
        }
    }

    @Test
    void followsRfb33ImposedVncAuthentication() throws Exception {
        RecordedChunks recording = new RecordedChunks()
                .server(0, new Bytes().ascii("RFB 003.003\n").toArray())
                .client(1, new Bytes().ascii("RFB 003.003\n").toArray())
                .server(2, new Bytes().s32(2).raw(new byte[16]).toArray())   // imposed: VNC authentication; challenge
                .client(3, new byte[16])
                .server(4, new Bytes().s32(0).toArray())
                .client(5, new Bytes().u8(1).toArray())
                .server(6, serverInit().toArray())
                .server(7, rawUpdate32(3, 0, 1, 1, GREEN));
        try (VncReplay replay = new VncReplay(recording)) {
            replay.advanceTo(Long.MAX_VALUE);
            assertThat(replay.framebuffer().copyPixels()[3]).isEqualTo(GREEN);
        }
    }

    @Test
    void followsRfb37NoneWithoutSecurityResult() throws Exception {
        RecordedChunks recording = new RecordedChunks()
                .server(0, new Bytes().ascii("RFB 003.007\n").u8(1, 1).toArray())  // 3.7; one type: None
                .client(1, new Bytes().ascii("RFB 003.007\n").u8(1).u8(1).toArray())  // None; ClientInit
                .server(2, serverInit().raw(rawUpdate32(0, 1, 1, 1, RED)).toArray());  // no SecurityResult in 3.7
        try (VncReplay replay = new VncReplay(recording)) {
            replay.advanceTo(10);
            assertThat(replay.framebuffer().copyPixels()[4]).isEqualTo(RED);
        }
    }

    @Test
    void skipsVeNCryptPlainCredentials() throws Exception {
        RecordedChunks recording = new RecordedChunks()
                .server(0, new Bytes().ascii("RFB 003.008\n").u8(1, 19).toArray())  // one type: VeNCrypt
                .client(1, new Bytes().ascii("RFB 003.008\n").u8(19).toArray())
                .server(2, new Bytes().u8(0, 2).toArray())                          // VeNCrypt 0.2
                .client(3, new Bytes().u8(0, 2).toArray())
                .server(4, new Bytes().u8(0).u8(1).s32(256).toArray())              // accepted; offers Plain
                .client(5, new Bytes().s32(256)                                     // chosen: Plain
                        .s32(4, 6).ascii("anna").ascii("secret").toArray())          // user and password lengths, both
                .server(6, new Bytes().s32(0).toArray())                            // SecurityResult OK
                .client(7, new Bytes().u8(1).toArray())
                .server(8, serverInit().raw(rawUpdate32(1, 1, 1, 1, BLUE)).toArray());
        try (VncReplay replay = new VncReplay(recording)) {
            replay.advanceTo(10);
            assertThat(replay.security()).isEqualTo("Plain");
            assertThat(replay.framebuffer().copyPixels()[5]).isEqualTo(BLUE);
        }
    }

    @Test
    void appliesSetPixelFormatAtTheMomentItWasSent() throws Exception {
        RecordedChunks recording = noneSessionWithoutUpdates()
                .server(1_000, rawUpdate32(0, 0, 1, 1, RED))                                   // still 32-bit
                .client(1_500, new Bytes().u8(0, 0, 0, 0).raw(PixelFormat.RGB565.encode()).toArray())
                .server(2_000, new Bytes().u8(0, 0).u16(1).u16(1, 0, 1, 1).s32(0)
                        .u8(0xe0, 0x07).toArray());                                           // green in RGB565, little-endian
        try (VncReplay replay = new VncReplay(recording)) {
            replay.advanceTo(Long.MAX_VALUE);
            assertThat(Arrays.copyOf(replay.framebuffer().copyPixels(), 2)).containsExactly(RED, GREEN);
        }
    }

    private static RecordedChunks noneSessionWithoutUpdates() {
        return new RecordedChunks()
                .server(0, new Bytes().ascii("RFB 003.008\n").u8(1, 1).toArray())
                .client(1, clientOpening(1).toArray())
                .server(2, new Bytes().s32(0).raw(serverInit().toArray()).toArray());
    }

    @Test
    void messageSplitAcrossChunksAppearsAtItsFirstByte() throws Exception {
        byte[] update = rawUpdate32(0, 0, 2, 1, BLUE, BLUE);
        RecordedChunks recording = noneSessionWithoutUpdates()
                .server(1_000, Arrays.copyOfRange(update, 0, 10))
                .client(1_100, new Bytes().u8(5, 1).u16(3, 1).toArray())          // a pointer event in between
                .server(3_000, Arrays.copyOfRange(update, 10, update.length));
        try (VncReplay replay = new VncReplay(recording)) {
            replay.advanceTo(1_000);
            assertThat(Arrays.copyOf(replay.framebuffer().copyPixels(), 2)).containsExactly(BLUE, BLUE);
            replay.advanceTo(1_200);
            assertThat(replay.pointer()).isEqualTo(VncInputEvent.pointer(1_100, 3, 1, 1));
        }
    }

    @Test
    void cutOffRecordingKeepsItsLastCompletePicture() throws Exception {
        byte[] update = rawUpdate32(0, 0, 2, 1, GREEN, GREEN);
        RecordedChunks recording = noneSessionWithoutUpdates()
                .server(1_000, rawUpdate32(0, 0, 1, 1, RED))
                .server(2_000, Arrays.copyOf(update, update.length - 3));
        try (VncReplay replay = new VncReplay(recording)) {
            replay.advanceTo(Long.MAX_VALUE);
            assertThat(replay.ended()).isTrue();
            assertThat(replay.framebuffer().copyPixels()[0]).isEqualTo(RED);
        }
    }

    @Test
    void encryptedVeNCryptIsOneSentence() {
        RecordedChunks recording = new RecordedChunks()
                .server(0, new Bytes().ascii("RFB 003.008\n").u8(1, 19).toArray())
                .client(1, new Bytes().ascii("RFB 003.008\n").u8(19).toArray())
                .server(2, new Bytes().u8(0, 2).toArray())                            // VeNCrypt 0.2
                .client(3, new Bytes().u8(0, 2).toArray())
                .server(4, new Bytes().u8(0).u8(1).s32(258).toArray())               // accepted; offers TLSVnc
                .client(5, new Bytes().s32(258).toArray());
        assertThatThrownBy(() -> {
            try (VncReplay replay = new VncReplay(recording)) {
                replay.advanceTo(10);
            }
        }).isInstanceOf(VncProtocolException.class)
                .hasMessage("The recorded session is encrypted end to end (VeNCrypt TLSVnc), so it cannot be replayed.");
    }

    @Test
    void recordingWithoutOpeningIsOneSentenceAgainAndAgain() throws Exception {
        RecordedChunks recording = new RecordedChunks().server(0, new Bytes().ascii("RFB 003.008\n").toArray());
        try (VncReplay replay = new VncReplay(recording)) {
            for (long at : new long[] {10, 20}) {
                assertThatThrownBy(() -> replay.advanceTo(at)).isInstanceOf(VncProtocolException.class)
                        .hasMessage("The recording ends before the VNC connection was established.");
            }
        }
    }

    @Test
    void timelineListsTheConsolesInputEvents() throws Exception {
        RecordedChunks recording = noneSessionWithoutUpdates()
                .client(10, new Bytes().u8(2, 0).u16(2).s32(16, -223).toArray())     // SetEncodings: Tight, DesktopSize
                .client(20, new Bytes().u8(3, 1).u16(0, 0, 4, 2).toArray())          // FramebufferUpdateRequest
                .server(30, rawUpdate32(0, 0, 1, 1, RED))
                .client(40, new Bytes().u8(4, 1).u16(0).s32(0x61).toArray())         // KeyEvent 'a' down
                .client(50, new Bytes().u8(4, 0).u16(0).s32(0x61)                    // KeyEvent 'a' up
                        .u8(5, 0).u16(2, 1).toArray())                               // and a PointerEvent in the same chunk
                .client(60, new Bytes().u8(6, 0, 0, 0).s32(2).ascii("hi").toArray())  // ClientCutText
                .client(70, new Bytes().u8(255, 0).u16(1).s32(0x62, 48).toArray())   // QEMU extended key 'b' down, keycode
                .server(9_000, rawUpdate32(1, 0, 1, 1, RED));
        VncReplayTimeline timeline = VncReplay.timeline(recording);
        assertThat(timeline.durationMicros()).isEqualTo(9_000);
        assertThat(timeline.events()).containsExactly(
                VncInputEvent.key(40, 0x61, true),
                VncInputEvent.key(50, 0x61, false),
                VncInputEvent.pointer(50, 2, 1, 0),
                VncInputEvent.key(70, 0x62, true));
    }

    @Test
    void unknownClientMessageIsOneSentence() {
        RecordedChunks recording = noneSessionWithoutUpdates()
                .client(10, new Bytes().u8(77).toArray())
                .server(20, rawUpdate32(0, 0, 1, 1, RED));
        assertThatThrownBy(() -> {
            try (VncReplay replay = new VncReplay(recording)) {
                replay.advanceTo(100);
            }
        }).isInstanceOf(VncProtocolException.class)
                .hasMessage("The recorded client sent a message the replay does not know (type 77).");
    }
}
