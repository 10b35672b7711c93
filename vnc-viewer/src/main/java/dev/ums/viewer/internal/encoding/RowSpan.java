package dev.ums.viewer.internal.encoding;

/** Framebuffer rows {@code top} (inclusive) to {@code bottom} (exclusive). Immutable. */
public record RowSpan(int top, int bottom) {
    public int height() {
        return bottom - top;
    }

    /** Whether this span includes every row of {@code other}. */
    public boolean covers(RowSpan other) {
        return top <= other.top && bottom >= other.bottom;
    }
}
