package dev.ums.agent.demo.internal.rfb;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * Reads RFB client-to-server messages one at a time and reports each to a {@link Handler}. Message types this
 * server did not announce support for, and oversized lists or texts, are refused with an {@link RfbRefusal}:
 * their lengths are unknown or unbounded, so nothing after them could be trusted. Runs on the reader thread.
 */
final class ClientMessageReader {
    static final int MAX_ENCODINGS = 1024;
    static final int MAX_CUT_TEXT = 1 << 20;

    /** What the session does with each message. */
    interface Handler {
        void pixelFormat(PixelFormat format) throws RfbRefusal;

        void encodings(int[] codes);

        void updateRequest(boolean incremental, int x, int y, int w, int h);

        void key(int keysym, boolean down);

        void pointer(int buttonMask, int x, int y);

        void cutText(int length);
    }

    private final DataInputStream in;
    private final Handler handler;

    ClientMessageReader(DataInputStream in, Handler handler) {
        this.in = in;
        this.handler = handler;
    }

    void readOne() throws IOException {
        int type = in.readUnsignedByte();
        switch (type) {
            case 0 -> {
                in.skipNBytes(3);
                handler.pixelFormat(PixelFormat.read(in));
            }
            case 2 -> {
                in.skipNBytes(1);
                int count = in.readUnsignedShort();
                if (count > MAX_ENCODINGS) {
                    throw new RfbRefusal("the client listed " + count + " encodings, more than " + MAX_ENCODINGS);
                }
                int[] codes = new int[count];
                for (int i = 0; i < count; i++) {
                    codes[i] = in.readInt();
                }
                handler.encodings(codes);
            }
            case 3 -> handler.updateRequest(in.readUnsignedByte() != 0, in.readUnsignedShort(), in.readUnsignedShort(),
                    in.readUnsignedShort(), in.readUnsignedShort());
            case 4 -> {
                boolean down = in.readUnsignedByte() != 0;
                in.skipNBytes(2);
                handler.key(in.readInt(), down);
            }
            case 5 -> handler.pointer(in.readUnsignedByte(), in.readUnsignedShort(), in.readUnsignedShort());
            case 6 -> {
                in.skipNBytes(3);
                int length = in.readInt();
                if (length < 0 || length > MAX_CUT_TEXT) {
                    throw new RfbRefusal("the client sent a clipboard of " + Integer.toUnsignedString(length)
                            + " bytes (extended clipboard was not offered; the limit is " + MAX_CUT_TEXT + ")");
                }
                in.skipNBytes(length);
                handler.cutText(length);
            }
            default -> throw new RfbRefusal("the client sent message type " + type + ", which this server does not support");
        }
    }
}
