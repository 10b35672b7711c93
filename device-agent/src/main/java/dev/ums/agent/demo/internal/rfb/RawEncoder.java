package dev.ums.agent.demo.internal.rfb;

import java.io.IOException;
import java.io.OutputStream;

/** Raw: every pixel in the client's format, row by row. */
public final class RawEncoder implements RectEncoder {
    private byte[] row = new byte[0];

    @Override
    public int code() {
        return RAW;
    }

    @Override
    public void encode(int[] rgb, int w, int h, PixelFormat format, OutputStream out) throws IOException {
        int rowBytes = w * format.bytesPerPixel();
        if (row.length < rowBytes) {
            row = new byte[rowBytes];
        }
        for (int y = 0; y < h; y++) {
            int off = 0;
            for (int x = 0; x < w; x++) {
                off = format.put(row, off, format.pack(rgb[y * w + x]));
            }
            out.write(row, 0, rowBytes);
        }
    }
}
