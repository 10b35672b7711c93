package dev.ums.demo.internal.vnc;

import java.util.ArrayList;
import java.util.List;

/**
 * What one client has not been sent yet: up to {@link #MAX_RECTS} dirty rectangles of at most the framebuffer's
 * area together (more, or more area, are merged into their bounding box) and at most one pending copy. Where a
 * copy's source is dirty, the copied pixels are marked dirty at the destination too; a second copy before the
 * first was sent becomes dirty pixels.
 * Not thread-safe: the owning session guards it.
 */
public final class PendingChanges {
    static final int MAX_RECTS = 32;

    /** A CopyRect to send: the client copies {@code source} by {@code (dx, dy)}. */
    public record Copy(Rect source, int dx, int dy) {
        public Rect destination() {
            return source.translate(dx, dy);
        }
    }

    /** What to send for one request: the copy first (if any), then fresh pixels for each rectangle. */
    public record Update(Copy copy, List<Rect> rects) {
        public boolean isEmpty() {
            return copy == null && rects.isEmpty();
        }
    }

    private final Rect bounds;
    private final List<Rect> dirty = new ArrayList<>();
    private Copy copy;

    public PendingChanges(int width, int height) {
        this.bounds = new Rect(0, 0, width, height);
    }

    public void markDirty(Rect r) {
        Rect clipped = r.intersect(bounds);
        if (clipped.isEmpty()) {
            return;
        }
        for (Rect d : dirty) {
            if (d.contains(clipped)) {
                return;
            }
        }
        dirty.removeIf(clipped::contains);
        dirty.add(clipped);
        // Overlapping rectangles would each be copied and sent in full: a client asking for 32 overlapping areas
        // of the whole screen would get the screen 32 times over in one update.
        if (dirty.size() > MAX_RECTS || dirtyArea() > bounds.area()) {
            Rect all = dirty.get(0);
            for (Rect d : dirty) {
                all = all.union(d);
            }
            dirty.clear();
            dirty.add(all);
        }
    }

    private long dirtyArea() {
        long sum = 0;
        for (Rect d : dirty) {
            sum += d.area();
        }
        return sum;
    }

    /**
     * The framebuffer copied {@code source} by {@code (dx, dy)}; {@code clientCopies} says whether the client
     * takes CopyRect at all.
     */
    public void copied(Rect source, int dx, int dy, boolean clientCopies) {
        Copy c = new Copy(source.intersect(bounds), dx, dy);
        if (!clientCopies || copy != null || !bounds.contains(c.destination())) {
            markDirty(c.destination());
            return;
        }
        // Where the client's copy of the source is stale, the copied pixels will be stale too: resend them.
        for (Rect d : List.copyOf(dirty)) {
            Rect stale = d.intersect(c.source());
            if (!stale.isEmpty()) {
                markDirty(stale.translate(dx, dy));
            }
        }
        copy = c;
    }

    public boolean isEmpty() {
        return dirty.isEmpty() && copy == null;
    }

    /** Removes and returns what lies inside {@code requested}; the rest stays pending. */
    public Update take(Rect requested) {
        Copy sendCopy = null;
        if (copy != null) {
            if (requested.contains(copy.destination())) {
                sendCopy = copy;
            } else {
                markDirty(copy.destination());
            }
            copy = null;
        }
        List<Rect> send = new ArrayList<>();
        List<Rect> keep = new ArrayList<>();
        for (Rect d : dirty) {
            Rect inside = d.intersect(requested);
            if (!inside.isEmpty()) {
                send.add(inside);
            }
            keep.addAll(d.subtract(requested));
        }
        dirty.clear();
        keep.forEach(this::markDirty);
        return new Update(sendCopy, send);
    }
}
