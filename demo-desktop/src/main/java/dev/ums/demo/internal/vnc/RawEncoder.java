package dev.ums.demo.internal.vnc;

import dev.ums.rfb.EncodingType;
import java.io.IOException;
import java.io.OutputStream;

/** Raw: every pixel in the client's format, row by row. */
final class RawEncoder implements RectEncoder {
    private byte[] row = new byte[0];

    @Override
    public int code() {
        return EncodingType.RAW;
    }

    @Override
    public void encode(int[] rgb, int w, int h, PixelWriter pixels, OutputStream out) throws IOException {
        int rowBytes = w * pixels.bytesPerPixel();
        if (row.length < rowBytes) {
            row = new byte[rowBytes];
        }
        for (int y = 0; y < h; y++) {
            int off = 0;
            for (int x = 0; x < w; x++) {
                off = pixels.put(row, off, pixels.pack(rgb[y * w + x]));
            }
            out.write(row, 0, rowBytes);
        }
    }
}
