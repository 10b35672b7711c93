package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.testkit.rfb.Bytes;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * A session's reader thread closes its decoders (and with them their zlib streams' native memory) when it ends,
 * whether the server ended the session or the session was closed here.
 */
class DecodersEndWithTheSessionTest {
    private static Bytes withZrleUpdate(Bytes script) {
        byte[] z = Bytes.deflate(new Deflater(), new Bytes().u8(1).cpixel(0x336699).toArray());   // a solid tile
        return script.u8(0, 0).u16(1).u16(0, 0, 2, 2).s32(16).s32(z.length).raw(z);
    }

    @Test
    void whenTheServerHangsUp() throws Exception {
        ScriptedServer server = new ScriptedServer(withZrleUpdate(ScriptedServer.greeting(2, 2)).toArray(), false);
        VncSession session = new VncSession(server, server.written, VncSettings.defaults()).start();
        assertThat(session.awaitClosed(5, TimeUnit.SECONDS)).isTrue();
        assertThat(session.rectangleCount(Encoding.ZRLE)).isEqualTo(1);
        assertThat(session.updateReader().closed()).isTrue();
    }

    @Test
    void whenTheSessionIsClosedHere() throws Exception {
        ScriptedServer server = new ScriptedServer(withZrleUpdate(ScriptedServer.greeting(2, 2)).toArray(), true);
        VncSession session = new VncSession(server, server.written, VncSettings.defaults()).start();
        assertThat(session.awaitFirstFrame(5, TimeUnit.SECONDS)).isTrue();
        assertThat(session.updateReader().closed()).isFalse();
        session.close();
        assertThat(session.awaitClosed(5, TimeUnit.SECONDS)).isTrue();
        assertThat(session.updateReader().closed()).isTrue();
    }
}
