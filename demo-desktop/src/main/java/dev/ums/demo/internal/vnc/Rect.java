package dev.ums.demo.internal.vnc;

import java.util.ArrayList;
import java.util.List;

/** An axis-aligned rectangle of framebuffer pixels; immutable, empty when either side is not positive. */
public record Rect(int x, int y, int w, int h) {

    public static Rect of(int x, int y, int w, int h) {
        return new Rect(x, y, Math.max(0, w), Math.max(0, h));
    }

    public boolean isEmpty() {
        return w <= 0 || h <= 0;
    }

    public int right() {
        return x + w;
    }

    public int bottom() {
        return y + h;
    }

    public long area() {
        return isEmpty() ? 0 : (long) w * h;
    }

    public Rect intersect(Rect o) {
        int x0 = Math.max(x, o.x);
        int y0 = Math.max(y, o.y);
        return of(x0, y0, Math.min(right(), o.right()) - x0, Math.min(bottom(), o.bottom()) - y0);
    }

    public boolean intersects(Rect o) {
        return !intersect(o).isEmpty();
    }

    public boolean contains(Rect o) {
        return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom();
    }

    /** The smallest rectangle covering both; an empty side is ignored. */
    public Rect union(Rect o) {
        if (isEmpty()) {
            return o;
        }
        if (o.isEmpty()) {
            return this;
        }
        int x0 = Math.min(x, o.x);
        int y0 = Math.min(y, o.y);
        return of(x0, y0, Math.max(right(), o.right()) - x0, Math.max(bottom(), o.bottom()) - y0);
    }

    public Rect translate(int dx, int dy) {
        return new Rect(x + dx, y + dy, w, h);
    }

    /** This rectangle minus {@code o}: up to four disjoint pieces (bands above and below, sides between). */
    public List<Rect> subtract(Rect o) {
        Rect cut = intersect(o);
        List<Rect> pieces = new ArrayList<>(4);
        if (cut.isEmpty()) {
            if (!isEmpty()) {
                pieces.add(this);
            }
            return pieces;
        }
        addIfNotEmpty(pieces, of(x, y, w, cut.y - y));
        addIfNotEmpty(pieces, of(x, cut.bottom(), w, bottom() - cut.bottom()));
        addIfNotEmpty(pieces, of(x, cut.y, cut.x - x, cut.h));
        addIfNotEmpty(pieces, of(cut.right(), cut.y, right() - cut.right(), cut.h));
        return pieces;
    }

    private static void addIfNotEmpty(List<Rect> list, Rect r) {
        if (!r.isEmpty()) {
            list.add(r);
        }
    }
}
