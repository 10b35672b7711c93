package dev.ums.viewer.internal.encoding;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * The JPEG bytes of a Tight rectangle as an {@code ImageInputStream}, read straight from the
 * received array and reused from rectangle to rectangle. A new stream per rectangle (as
 * {@code MemoryCacheImageInputStream} needs) allocates an 8 KiB buffer, cache blocks and a
 * finalizer each time, which at hundreds of JPEG rectangles a second kept the collector busy.
 * Never closed: a closed stream cannot be reused, and it holds nothing to release.
 */
final class JpegBytesInput extends ImageInputStreamImpl {
    private byte[] bytes = new byte[0];
    private int length;

    /** Starts over on the first {@code length} bytes of {@code data}. */
    void reset(byte[] data, int count) {
        this.bytes = data;
        this.length = count;
        streamPos = 0;
        bitOffset = 0;
        flushedPos = 0;
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
