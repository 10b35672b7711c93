package dev.ums.viewer.internal.replay;

import dev.ums.rfb.ClientMessage;
import dev.ums.rfb.ClientMessageLengths;
import dev.ums.rfb.KeyEvent;
import dev.ums.rfb.MessageType;
import dev.ums.rfb.PointerEvent;
import dev.ums.rfb.RfbInput;
import dev.ums.rfb.SetPixelFormat;
import dev.ums.viewer.VncProtocolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Reads a recorded client's messages one at a time, by the lengths {@code rfb} knows: the pixel format and the
 * input events are decoded, everything else is skipped. Called on the replay's thread.
 */
public final class RecordedClientMessages {
    /** The longest header a client message needs before its length is known; the body of a skipped one is never held. */
    private static final int MAX_HEADER = 16;

    private final RfbInput in;
    private final byte[] header = new byte[MAX_HEADER];

    public RecordedClientMessages(RfbInput in) {
        this.in = in;
    }

    /**
     * The next message: a {@link SetPixelFormat}, {@link KeyEvent} (QEMU's extended key events too, as their keysym)
     * or {@link PointerEvent}, else null (skipped).
     */
    public ClientMessage next() throws IOException {
        header[0] = (byte) in.u8();
        int fill = 1;
        int need = ClientMessageLengths.headerLength(header, fill);
        while (need != ClientMessageLengths.UNKNOWN && fill < need) {
            in.readFully(header, fill, need - fill);
            fill = need;
            need = ClientMessageLengths.headerLength(header, fill);
        }
        long total = need == ClientMessageLengths.UNKNOWN ? need : ClientMessageLengths.totalLength(header);
        if (total == ClientMessageLengths.UNKNOWN) {
            throw new VncProtocolException("The recorded client sent a message the replay does not know (type "
                    + (header[0] & 0xff) + ").");
        }
        int type = header[0] & 0xff;
        if (type == MessageType.SET_PIXEL_FORMAT || type == MessageType.KEY_EVENT
                || type == MessageType.POINTER_EVENT) {
            byte[] body = new byte[(int) total - 1];
            System.arraycopy(header, 1, body, 0, fill - 1);
            in.readFully(body, fill - 1, body.length - (fill - 1));
            RfbInput message = new RfbInput(new ByteArrayInputStream(body));
            return switch (type) {
                case MessageType.SET_PIXEL_FORMAT -> SetPixelFormat.decode(message);
                case MessageType.KEY_EVENT -> KeyEvent.decode(message);
                default -> PointerEvent.decode(message);
            };
        }
        if (type == MessageType.QEMU) {
            // QEMU's extended key event (noVNC sends these when the server offers them): down flag, keysym, keycode
            byte[] body = new byte[(int) total - fill];
            in.readFully(body, 0, body.length);
            int down = (body[0] & 0xff) << 8 | body[1] & 0xff;
            int keysym = (body[2] & 0xff) << 24 | (body[3] & 0xff) << 16 | (body[4] & 0xff) << 8 | body[5] & 0xff;
            return new KeyEvent(keysym, down != 0);
        }
        in.skip(total - fill);
        return null;
    }
}
