package dev.ums.viewer.internal.encoding;

import dev.ums.viewer.Framebuffer;
import java.awt.Point;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The destination raster for the JDK's JPEG reader that holds no pixels: the reader hands over
 * each decoded scanline ({@link #setRect}), and it is converted from 8-bit R, G, B straight into
 * the framebuffer at the rectangle's place. This saves copying every scanline into an
 * intermediate image and reading it back, which with hundreds of JPEG rectangles a second was
 * a fifth of the viewer's CPU time. It presents an RGB byte layout so that the reader accepts it
 * without colour conversion; its one-byte data buffer is never touched.
 */
final class JpegRowSink extends WritableRaster {
    private static final VarHandle BIG_ENDIAN_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Framebuffer framebuffer;
    private int originX;
    private int originY;
    private int rectWidth;
    private int rectHeight;
    private Raster checkedRow;
    private boolean checkedPacked;

    JpegRowSink(int width, int height) {
        super(new PixelInterleavedSampleModel(DataBuffer.TYPE_BYTE, width, height, 3, width * 3, new int[] {0, 1, 2}),
                new DataBufferByte(1), new Point(0, 0));
    }

    /** Where the next picture goes: a {@code w×h} rectangle at {@code (x, y)} of {@code fb}. */
    void target(Framebuffer fb, int x, int y, int w, int h) {
        this.framebuffer = fb;
        this.originX = x;
        this.originY = y;
        this.rectWidth = w;
        this.rectHeight = h;
    }

    /** The reader asks for a child covering its destination region, which is all of ours from (0, 0). */
    @Override
    public WritableRaster createWritableChild(int parentX, int parentY, int w, int h, int childMinX, int childMinY,
                                              int[] bandList) {
        if (parentX != 0 || parentY != 0 || childMinX != 0 || childMinY != 0 || bandList != null) {
            throw new UnsupportedOperationException("JPEG rows are only written from (0, 0) with all bands");
        }
        return this;
    }

    @Override
    public void setRect(int dx, int dy, Raster row) {
        int y = dy + row.getMinY();
        int x = dx + row.getMinX();
        for (int r = 0; r < row.getHeight(); r++) {
            copyRow(row, r, x, y + r);
        }
    }

    @Override
    public void setDataElements(int x, int y, Raster row) {
        setRect(x, y, row);
    }

    /**
     * True when the reader's scanline is bytes R, G, B side by side in one bank. The reader hands over the same
     * scanline raster for every row of a picture, so the answer is kept for it (the sample model's getters copy
     * arrays on every call).
     */
    private boolean isPackedRgb(Raster row) {
        if (row != checkedRow) {
            checkedRow = row;
            checkedPacked = false;
            if (row.getSampleModel() instanceof ComponentSampleModel sm && row.getDataBuffer() instanceof DataBufferByte db) {
                int[] bands = sm.getBandOffsets();
                checkedPacked = db.getNumBanks() == 1 && sm.getPixelStride() == 3 && bands.length == 3
                        && bands[0] == 0 && bands[1] == 1 && bands[2] == 2;
            }
        }
        return checkedPacked;
    }

    private void copyRow(Raster row, int r, int x, int y) {
        int w = Math.min(row.getWidth(), rectWidth - x);
        if (y < 0 || y >= rectHeight || x < 0 || w <= 0) {
            return;
        }
        int[] px = framebuffer.pixels();
        int o = (originY + y) * framebuffer.width() + originX + x;
        if (isPackedRgb(row)) {
            ComponentSampleModel sm = (ComponentSampleModel) row.getSampleModel();
            DataBufferByte db = (DataBufferByte) row.getDataBuffer();
            byte[] rgb = db.getData();
            int i = db.getOffset() + (r + row.getMinY() - row.getSampleModelTranslateY()) * sm.getScanlineStride()
                    + (row.getMinX() - row.getSampleModelTranslateX()) * 3;
            // One big-endian int per pixel (R, G, B and the next pixel's R), the low byte dropped;
            // the last pixel byte by byte, as four bytes from it could run past the buffer.
            for (int end = o + w - 1; o < end; o++, i += 3) {
                px[o] = (int) BIG_ENDIAN_INT.get(rgb, i) >>> 8;
            }
            px[o] = (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff);
        } else {
            int[] samples = row.getPixels(row.getMinX(), row.getMinY() + r, w, 1, (int[]) null);
            for (int c = 0; c < w; c++) {
                px[o + c] = samples[c * 3] << 16 | samples[c * 3 + 1] << 8 | samples[c * 3 + 2];
            }
        }
    }
}
