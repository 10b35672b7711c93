package dev.ums.demo.internal.vnc;

import dev.ums.rfb.CutText;
import dev.ums.rfb.FramebufferUpdateRequest;
import dev.ums.rfb.ImplausibleLengthException;
import dev.ums.rfb.KeyEvent;
import dev.ums.rfb.MessageType;
import dev.ums.rfb.PixelFormat;
import dev.ums.rfb.PointerEvent;
import dev.ums.rfb.RfbInput;
import dev.ums.rfb.SetEncodings;
import dev.ums.rfb.SetPixelFormat;
import java.io.IOException;
import java.util.List;

/**
 * Reads RFB client-to-server messages one at a time and reports each to a {@link Handler}. Message types this
 * server did not announce support for, and oversized lists or texts, are refused with an {@link RfbRefusal}:
 * their lengths are unknown or unbounded, so nothing after them could be trusted. Runs on the reader thread.
 */
record ClientMessageReader(RfbInput in, Handler handler) {
    static final int MAX_ENCODINGS = 1024;
    static final int MAX_CUT_TEXT = 1 << 20;

    /** What the session does with each message. */
    interface Handler {
        void pixelFormat(PixelFormat format) throws RfbRefusal;

        void encodings(List<Integer> codes);

        void updateRequest(FramebufferUpdateRequest request);

        void key(KeyEvent key);

        void pointer(PointerEvent pointer);

        void cutText(int length);
    }

    void readOne() throws IOException {
        int type = in.u8();
        switch (type) {
            case MessageType.SET_PIXEL_FORMAT -> handler.pixelFormat(SetPixelFormat.decode(in).format());
            case MessageType.SET_ENCODINGS -> handler.encodings(encodings());
            case MessageType.FRAMEBUFFER_UPDATE_REQUEST -> handler.updateRequest(FramebufferUpdateRequest.decode(in));
            case MessageType.KEY_EVENT -> handler.key(KeyEvent.decode(in));
            case MessageType.POINTER_EVENT -> handler.pointer(PointerEvent.decode(in));
            case MessageType.CLIENT_CUT_TEXT -> {
                int length = CutText.readLength(in);
                if (CutText.isExtended(length) || length > MAX_CUT_TEXT) {
                    throw new RfbRefusal("the client sent a clipboard of " + Integer.toUnsignedString(length)
                            + " bytes (extended clipboard was not offered; the limit is " + MAX_CUT_TEXT + ")");
                }
                in.skip(length);
                handler.cutText(length);
            }
            default -> throw new RfbRefusal("the client sent message type " + type + ", which this server does not support");
        }
    }

    private List<Integer> encodings() throws IOException {
        try {
            return SetEncodings.decode(in, MAX_ENCODINGS).encodings();
        } catch (ImplausibleLengthException e) {
            throw new RfbRefusal("the client listed " + e.length().value() + " encodings, more than " + MAX_ENCODINGS);
        }
    }
}
