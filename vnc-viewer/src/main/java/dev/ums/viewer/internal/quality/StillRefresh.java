package dev.ums.viewer.internal.quality;

import dev.ums.viewer.internal.encoding.RowSpan;

/**
 * Makes a screen that stands still exact when the automatic quality sent it as JPEG. The rows that JPEG rectangles
 * covered are remembered; once none has come for {@value #STILL_MILLIS} ms, those rows are asked for again, lossless,
 * band by band, each band sized to about {@value #BAND_MILLIS} ms of the link's measured throughput at
 * {@value #BYTES_PER_PIXEL} bytes a pixel (lossless Tight of a photo; text and flat areas cost far less), so a key
 * pressed during the refresh waits behind one band at most. The server's own lossless refresh is not relied on: Xvnc
 * 1.12's stopped after part of the screen when nothing else changed, and other servers have none. The next band is
 * asked for once an update has covered the last one. Reader thread only; times are given by the caller.
 */
public final class StillRefresh {
    static final long STILL_MILLIS = 1000;
    static final long BAND_MILLIS = 100;
    static final int BYTES_PER_PIXEL = 3;
    static final int MIN_BAND_ROWS = 4;

    /** Rows that hold JPEG's approximation and were not asked for again yet. */
    private int lossyTop = Integer.MAX_VALUE;
    private int lossyBottom;
    private long lastJpegNanos;
    /** While refreshing: the band asked for last and the rows still to ask for after it. */
    private RowSpan band;
    private int nextRow;
    private int refreshBottom;

    /** After an update whose JPEG rectangles covered {@code rows}. */
    public void jpegArrived(RowSpan rows, long nowNanos) {
        lossyTop = Math.min(lossyTop, rows.top());
        lossyBottom = Math.max(lossyBottom, rows.bottom());
        lastJpegNanos = nowNanos;
    }

    /** The whole screen is being sent again lossless anyway: no row needs a refresh. */
    public void forget() {
        lossyTop = Integer.MAX_VALUE;
        lossyBottom = 0;
    }

    public boolean refreshing() {
        return band != null;
    }

    /**
     * Starts a refresh if rows hold JPEG and none came for {@value #STILL_MILLIS} ms.
     *
     * @return the first band to ask for, or null when no refresh starts
     */
    public RowSpan start(long nowNanos, int width, int height, double kbitPerSecond) {
        if (refreshing() || lossyTop >= lossyBottom || nowNanos - lastJpegNanos < STILL_MILLIS * 1_000_000) {
            return null;
        }
        nextRow = Math.min(lossyTop, height);
        refreshBottom = Math.min(lossyBottom, height);
        lossyTop = Integer.MAX_VALUE;
        lossyBottom = 0;
        return nextBand(width, kbitPerSecond);
    }

    /**
     * While refreshing, after an update that changed {@code updated} (null: none): the next band once the last one
     * has arrived, else null; {@link #refreshing()} turns false when the last band has arrived.
     */
    public RowSpan bandArrived(RowSpan updated, int width, double kbitPerSecond) {
        if (!refreshing() || updated == null || !updated.covers(band)) {
            return null;
        }
        return nextBand(width, kbitPerSecond);
    }

    private RowSpan nextBand(int width, double kbitPerSecond) {
        if (nextRow >= refreshBottom) {
            band = null;
            return null;
        }
        double bytes = kbitPerSecond * 1000 / 8 * BAND_MILLIS / 1000;
        int rows = (int) Math.max(MIN_BAND_ROWS, Math.min(refreshBottom, bytes / (BYTES_PER_PIXEL * Math.max(1, width))));
        band = new RowSpan(nextRow, Math.min(refreshBottom, nextRow + rows));
        nextRow = band.bottom();
        return band;
    }
}
