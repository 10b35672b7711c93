package dev.ums.viewer.internal.encoding;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * The JPEG bytes of one Tight rectangle as an {@code ImageInputStream}, read straight from the
 * received array. {@code MemoryCacheImageInputStream} would copy them into cache blocks it
 * allocates per rectangle, which at dozens of JPEG rectangles per update showed up as garbage.
 */
final class JpegBytesInput extends ImageInputStreamImpl {
    private final byte[] bytes;
    private final int length;

    JpegBytesInput(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    @Override
    public int read() {
        bitOffset = 0;
        if (streamPos >= length) {
            return -1;
        }
        return bytes[(int) streamPos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - streamPos);
        System.arraycopy(bytes, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return length;
    }
}
