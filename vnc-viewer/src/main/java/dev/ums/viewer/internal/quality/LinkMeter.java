package dev.ums.viewer.internal.quality;

/**
 * Measures the link from the stream itself, as TigerVNC's viewer does but per read: while an update is arriving,
 * every raw read adds the bytes it returned and the time it waited. A read that began between updates waited for
 * the server to have something to say, not for the link, so it counts for neither. When reads wait, the link (or
 * the server) is the limit and bytes over waiting time is its throughput; when they do not, the data was there
 * already and the link is not the limit. Fence round trips add the latency. Used by the reader thread only, except
 * {@link #estimateNow()}, which any thread may read.
 *
 * <p>The session's first window is judged on little (one picture) and can begin while the reader is slow (the first
 * JPEG decode of a session): the link then fills the socket's buffer while nobody reads, and the reads that follow
 * return it without waiting. Bytes over waiting time read about 1.7 Gbit/s on a 2 Mbit/s link that way, and the
 * session went lossless for a quarter of a second. So in the first window a read that found its data already there
 * counts the time the reader was busy before it as time the link took to bring that data: the first estimate cannot
 * claim a rate the time does not support. Later windows need 100 ms of waiting or half a mebibyte, which a busy
 * reader's buffer does not fake on a slow link, and there the busy time of a fast link is the decoder's, not the
 * link's.
 */
public final class LinkMeter {
    /** A window needs this much waiting, or this many bytes, to say anything. */
    static final long MIN_WAIT_NANOS = 100_000_000L;
    static final long MIN_BYTES = 512 * 1024;
    /**
     * The session's first window closes with the first update that brings this much: a session starts at JPEG and
     * a desktop that stands still sends one update and then nothing, so on a fast link the first picture is all
     * there is to lift the quality to lossless with. 64 KiB is more than a distant link's TCP start sends in one
     * round trip (ten segments), so a first picture that size shows the link's pace, not one burst.
     */
    static final long FIRST_MIN_BYTES = 64 * 1024;
    /** A read that returns sooner than this found its data in the socket's buffer rather than waiting for it. */
    static final long ALREADY_THERE_NANOS = 200_000L;

    private boolean inUpdate;
    private boolean first = true;
    private long windowBytes;
    private long windowWaitNanos;
    /** The window's waiting plus, in the first window, the reader's busy time before reads that did not wait. */
    private long windowLinkNanos;
    private volatile double rttMillis = -1;
    private volatile LinkEstimate latest = new LinkEstimate(0, 0, 0, -1);

    public void updateStarted() {
        inUpdate = true;
    }

    public void updateEnded() {
        inUpdate = false;
    }

    /** One raw read: {@code bytes} returned after {@code waitedNanos}, the reader not busy before it. */
    public void read(int bytes, long waitedNanos) {
        read(bytes, waitedNanos, 0);
    }

    /**
     * One raw read: {@code bytes} returned after {@code waitedNanos}, begun {@code busyNanos} after the previous read
     * returned (the reader's own work in between).
     */
    public void read(int bytes, long waitedNanos, long busyNanos) {
        if (inUpdate) {
            windowBytes += bytes;
            windowWaitNanos += waitedNanos;
            windowLinkNanos += waitedNanos;
            if (first && bytes > 0 && waitedNanos < ALREADY_THERE_NANOS) {
                windowLinkNanos += busyNanos;
            }
        }
    }

    public void fenceRoundTrip(long nanos) {
        rttMillis = nanos / 1e6;
    }

    /**
     * The window's estimate once it holds enough to judge (then a new window starts), else null. Called between
     * updates, or while one arrives once {@link #partwayEstimate()} has shown reason to judge.
     */
    public LinkEstimate takeEstimate() {
        boolean enough = windowWaitNanos >= MIN_WAIT_NANOS || windowBytes >= MIN_BYTES
                || first && windowBytes >= FIRST_MIN_BYTES;
        if (!enough) {
            return null;
        }
        first = false;
        LinkEstimate estimate = estimate();
        windowBytes = 0;
        windowWaitNanos = 0;
        windowLinkNanos = 0;
        latest = estimate;
        return estimate;
    }

    /**
     * While an update arrives: what the open window shows so far, once it holds at least {@link #FIRST_MIN_BYTES}
     * (and, after the first window, {@link #MIN_WAIT_NANOS} of waiting), else null. The window stays open; a long
     * update on a slow link can thus be judged before it ends.
     */
    public LinkEstimate partwayEstimate() {
        if (!inUpdate || windowBytes < FIRST_MIN_BYTES || !first && windowWaitNanos < MIN_WAIT_NANOS) {
            return null;
        }
        return estimate();
    }

    private LinkEstimate estimate() {
        double seconds = Math.max(windowLinkNanos, 1_000_000L) / 1e9;
        return new LinkEstimate(windowBytes * 8 / 1000.0 / seconds, windowBytes, windowWaitNanos / 1e6, rttMillis);
    }

    /** Whether the session's first window is still open: nothing judged yet, and how much it holds. */
    public boolean firstWindowBelow(long bytes) {
        return first && windowBytes < bytes;
    }

    /** The last complete estimate. */
    public LinkEstimate estimateNow() {
        return latest;
    }
}
