package dev.ums.viewer.internal.quality;

import dev.ums.rfb.Fence;
import dev.ums.viewer.Encoding;
import dev.ums.viewer.VncQuality;
import dev.ums.viewer.VncSettings;
import dev.ums.viewer.internal.encoding.RowSpan;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's picture quality: fixed where the settings fix it, otherwise chosen by the {@link QualitySelector}
 * from the {@link LinkMeter}'s estimates and revisited after every window of measurements, moves to a better
 * quality paced by {@link UpgradePacing}. An automatic session starts at {@link QualitySelector#START_TIER} (JPEG 8,
 * compression 2, as TigerVNC's viewer starts) and climbs to lossless once the link measures fast; when it does, the
 * session asks for the whole screen again ({@link #cameLossless()}), so what was sent as JPEG is replaced by the
 * exact picture. Also times fence round
 * trips: once the server has shown it speaks fences, a fence request goes out at most every
 * {@value #PROBE_INTERVAL_MILLIS} ms and its answer, which comes after everything the server sent before it, gives
 * the round trip including the data queued on the link. Used by the reader thread; {@link #current()} by any.
 */
public final class AdaptiveQuality {
    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveQuality.class);
    static final long PROBE_INTERVAL_MILLIS = 1000;
    /** Marks our own fence requests, so that an answer is known as ours. */
    private static final long PROBE_MARK = 0x756d732d72747400L;   // "ums-rtt\0"

    private final VncSettings settings;
    private final LinkMeter meter = new LinkMeter();
    private final UpgradePacing pacing = new UpgradePacing();
    private final StillRefresh still = new StillRefresh();
    private final long startNanos = System.nanoTime();
    private final boolean autoQuality;
    private final boolean autoCompression;
    private int tier;
    private boolean cameLossless;
    private volatile VncQuality current;
    private boolean fencesSeen;
    private long probeSentNanos = -1;
    private long lastProbeNanos;

    public AdaptiveQuality(VncSettings settings) {
        this.settings = settings;
        this.autoQuality = settings.jpegQuality() == VncSettings.AUTO;
        this.autoCompression = settings.compressionLevel() == VncSettings.AUTO;
        this.tier = automatic() ? QualitySelector.START_TIER : 0;
        this.current = quality();
    }

    public LinkMeter meter() {
        return meter;
    }

    /** The quality asked for now. */
    public VncQuality current() {
        return current;
    }

    public boolean automatic() {
        return autoQuality || autoCompression;
    }

    /**
     * Called after each update: revisits the choice when a window of measurements is complete.
     *
     * @return true when the quality changed and the server must be told (SetEncodings)
     */
    public boolean updateDone() {
        LinkEstimate estimate = meter.takeEstimate();
        if (estimate == null || !automatic()) {
            return false;
        }
        long now = millisSinceStart();
        int next = pacing.allow(tier, QualitySelector.tier(tier, estimate), now);
        LOG.trace("estimate {} {} {} {} {} tier {} -> {}", now, Math.round(estimate.kbitPerSecond()), estimate.bytes(),
                Math.round(estimate.waitedMillis()), Math.round(estimate.rttMillis()), tier, next);
        if (next == tier) {
            return false;
        }
        LOG.debug("link {} kbit/s over {} ms ({} bytes), round trip {} ms: tier {} -> {}",
                Math.round(estimate.kbitPerSecond()), Math.round(estimate.waitedMillis()), estimate.bytes(),
                Math.round(estimate.rttMillis()), tier, next);
        return moveTo(next);
    }

    /**
     * Called after every read while an update may be arriving. Over a slow link one picture takes seconds (a first
     * 1920×1080 photo at JPEG 8 is about 700 KiB, 3 s at 2 Mbit/s), and the server encodes the next picture before
     * this one has arrived: a lower quality chosen at the update's end comes too late for that picture, which then
     * costs as much again and delays the one after it. So a window that already shows the link too slow for the tier
     * in use lowers the quality at once; moves up still wait for the update's end.
     *
     * @return true when the quality went down and the server must be told (SetEncodings)
     */
    public boolean partway() {
        if (!automatic()) {
            return false;
        }
        LinkEstimate estimate = meter.partwayEstimate();
        if (estimate == null || QualitySelector.tier(tier, estimate) <= tier) {
            return false;
        }
        return updateDone();
    }

    /**
     * Called once, when the first complete picture of the screen has arrived. A picture that came in fewer than
     * {@link LinkMeter#FIRST_MIN_BYTES} bytes is too small to measure the link by, and cheap to send again exactly:
     * the session moves to lossless (a move up like any other, undone as soon as the link measures slow), so a small
     * desktop that then stands still is exact on a LAN too.
     *
     * @return true when the quality changed and the server must be told (SetEncodings, then a full update)
     */
    public boolean firstPictureDone() {
        if (!autoQuality || tier == 0 || !meter.firstWindowBelow(LinkMeter.FIRST_MIN_BYTES)) {
            return false;
        }
        long now = millisSinceStart();
        int next = pacing.allow(tier, 0, now);
        if (next == tier) {
            return false;
        }
        LOG.debug("first picture under {} bytes: tier {} -> {}", LinkMeter.FIRST_MIN_BYTES, tier, next);
        return moveTo(next);
    }

    /** Moves to tier {@code next}; @return true (the server must be told) */
    private boolean moveTo(int next) {
        tier = next;
        VncQuality before = current;
        current = quality();
        cameLossless = before.jpeg() && !current.jpeg();
        if (cameLossless) {
            still.forget();   // the full update that follows replaces every row
        }
        return true;
    }

    private long millisSinceStart() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /**
     * Whether the last change of quality, reported by {@link #updateDone()} or {@link #firstPictureDone()}, went from JPEG to lossless: the screen
     * then holds JPEG's approximation, which only a full update replaces with the exact picture.
     */
    public boolean cameLossless() {
        return cameLossless;
    }

    /** A step of the still refresh: a band to ask for again (or null), and whether {@link #current()} changed. */
    public record RefreshStep(RowSpan band, boolean qualityChanged) {
    }

    /**
     * After each update, with the rows its JPEG rectangles covered (null if none did).
     *
     * @return whether the screen now holds JPEG that the {@link StillRefresh} will replace: the caller makes sure
     *     {@link #refreshStep} runs again once {@link StillRefresh#STILL_MILLIS} ms have passed without JPEG
     */
    public boolean jpegArrived(RowSpan rows) {
        if (rows == null || !autoQuality || tier == 0 && !still.refreshing()) {
            return false;   // lossless now: JPEG still on its way is replaced by the full update a move up asks for
        }
        still.jpegArrived(rows, System.nanoTime());
        return true;
    }

    /**
     * After each update that changed {@code updated} (null: none, or a fence arrived): starts or continues the
     * lossless refresh of a still screen.
     *
     * @return what to tell the server (SetEncodings if the quality changed, then a non-incremental request for the
     *     band), or null when nothing is to be sent
     */
    public RefreshStep refreshStep(RowSpan updated, int width, int height) {
        double kbitPerSecond = meter.estimateNow().kbitPerSecond();
        if (!still.refreshing()) {
            RowSpan first = autoQuality ? still.start(System.nanoTime(), width, height, kbitPerSecond) : null;
            if (first == null) {
                return null;
            }
            LOG.debug("still screen with JPEG on it: asking for it again lossless from row {}", first.top());
            return changeForRefresh(first);
        }
        RowSpan next = still.bandArrived(updated, width, kbitPerSecond);
        if (next != null) {
            return new RefreshStep(next, false);
        }
        if (still.refreshing()) {
            return null;
        }
        LOG.debug("still screen refreshed lossless");
        return changeForRefresh(null);
    }

    private RefreshStep changeForRefresh(RowSpan band) {
        current = quality();
        cameLossless = false;
        return new RefreshStep(band, true);
    }

    private VncQuality quality() {
        Encoding preferred = settings.encodings().contains(Encoding.TIGHT) ? Encoding.TIGHT
                : settings.encodings().stream().filter(e -> e != Encoding.COPY_RECT).findFirst()
                        .orElse(settings.encodings().get(0));
        int jpeg = !autoQuality ? settings.jpegQuality()
                : still.refreshing() ? VncSettings.LOSSLESS : QualitySelector.jpegQuality(tier);
        int compression = autoCompression ? QualitySelector.compressionLevel(tier) : settings.compressionLevel();
        return new VncQuality(preferred, jpeg, compression, settings.colorDepth(), automatic());
    }

    /** The server sent a fence: from now on we may send ours. */
    public void serverSpeaksFences() {
        fencesSeen = true;
    }

    /** Whether the server has shown it speaks fences. */
    public boolean fencesSeen() {
        return fencesSeen;
    }

    /** A fence request to send now to time the round trip, or null. */
    public Fence probe() {
        long now = System.nanoTime();
        if (!fencesSeen || probeSentNanos >= 0 || now - lastProbeNanos < PROBE_INTERVAL_MILLIS * 1_000_000) {
            return null;
        }
        probeSentNanos = now;
        lastProbeNanos = now;
        return new Fence(Fence.REQUEST, ByteBuffer.allocate(8).putLong(PROBE_MARK).array());
    }

    /** @return true if {@code answer} answered our probe (and was timed) */
    public boolean answered(Fence answer) {
        byte[] p = answer.payload();
        if (answer.isRequest() || p.length != 8 || ByteBuffer.wrap(p).getLong() != PROBE_MARK || probeSentNanos < 0) {
            return false;
        }
        meter.fenceRoundTrip(System.nanoTime() - probeSentNanos);
        LOG.trace("own fence answered after {} ms", (System.nanoTime() - probeSentNanos) / 1_000_000);
        probeSentNanos = -1;
        return true;
    }
}
