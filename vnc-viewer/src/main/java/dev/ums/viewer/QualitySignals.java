package dev.ums.viewer;

import dev.ums.rfb.ClientMessage;
import dev.ums.rfb.Fence;
import dev.ums.rfb.FramebufferUpdateRequest;
import dev.ums.viewer.internal.encoding.FramebufferUpdateReader;
import dev.ums.viewer.internal.encoding.RowSpan;
import dev.ums.viewer.internal.message.OutgoingQueue;
import dev.ums.viewer.internal.quality.AdaptiveQuality;
import dev.ums.viewer.internal.quality.StillRefresh;
import dev.ums.viewer.internal.quality.StillTimer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's side of the picture quality: hands the {@link AdaptiveQuality} what the reader sees (updates, the
 * rows that came as JPEG, fences, every raw read) and tells the server what it chooses (SetEncodings, the full
 * update a move to lossless asks for, the bands of a still screen's lossless refresh, the timing fence). Reader
 * thread only, except the {@link StillTimer}'s task, which only queues a message.
 */
final class QualitySignals {
    private static final Logger LOG = LoggerFactory.getLogger(QualitySignals.class);
    /** The payload of the fence that wakes the reader to check for a still screen. */
    private static final byte[] STILL_CHECK = "ums-stil".getBytes(StandardCharsets.US_ASCII);

    private final AdaptiveQuality quality;
    private final VncSettings settings;
    private final OutgoingQueue outgoing;
    private final Framebuffer framebuffer;
    private final BooleanSupplier viewOnly;
    private final String name;
    private final StillTimer stillTimer = new StillTimer();
    /** A change of quality the server was not told of yet. */
    private boolean untold;

    QualitySignals(AdaptiveQuality quality, VncSettings settings, OutgoingQueue outgoing, Framebuffer framebuffer,
                   BooleanSupplier viewOnly, String name) {
        this.quality = quality;
        this.settings = settings;
        this.outgoing = outgoing;
        this.framebuffer = framebuffer;
        this.viewOnly = viewOnly;
        this.name = name;
    }

    /** After each update: revisits the choice, times the link, and starts or continues a still screen's refresh. */
    void updateEnded(FramebufferUpdateReader.Result update, RowSpan jpegRows) throws InterruptedException, IOException {
        if (quality.updateDone() || untold) {
            untold = false;
            tell();
        }
        Fence probe = quality.probe();
        if (probe != null) {
            outgoing.sendNow(probe);
        }
        if (quality.jpegArrived(jpegRows)) {
            armStillCheck();
        }
        refreshStillScreen(update.changed() ? new RowSpan(update.y0, update.y1) : null);
    }

    /** The first complete picture has arrived. */
    void firstPicture() throws InterruptedException {
        if (quality.firstPictureDone()) {
            tell();
        }
    }

    /** A fence arrived: perhaps the answer that wakes the still check. */
    void fenceArrived() throws InterruptedException, IOException {
        refreshStillScreen(null);
    }

    /**
     * After every raw read, possibly inside a TLS record's read: a long update over a slow link may lower the
     * quality before it has arrived ({@link AdaptiveQuality#partway()}), so the server's next picture is already the
     * cheaper one. Never waits for the writer; what does not fit the queue goes after the update.
     */
    void judgePartway() {
        if (quality.partway()) {
            LOG.info("{}: quality now {} (judged while an update arrives)", name, quality.current().describe());
            untold = !outgoing.offer(ServerMessages.setEncodings(settings, viewOnly.getAsBoolean(), quality.current()));
        }
    }

    void stop() {
        stillTimer.cancel();
    }

    /** Tells the server the quality now chosen; one that came lossless asks for the whole picture again. */
    private void tell() throws InterruptedException {
        LOG.info("{}: quality now {}", name, quality.current().describe());
        outgoing.put(ServerMessages.setEncodings(settings, viewOnly.getAsBoolean(), quality.current()));
        if (quality.cameLossless()) {
            outgoing.put(new FramebufferUpdateRequest(false, 0, 0, framebuffer.width(), framebuffer.height()));
        }
    }

    /**
     * The screen holds JPEG: in {@link StillRefresh#STILL_MILLIS} ms, unless more JPEG comes first, something is sent
     * whose answer wakes the reader to check whether the screen stood still: a fence request, or where the server
     * speaks no fences a request for one pixel.
     */
    private void armStillCheck() {
        ClientMessage wake = quality.fencesSeen() ? new Fence(Fence.REQUEST, STILL_CHECK)
                : new FramebufferUpdateRequest(false, 0, 0, 1, 1);
        stillTimer.arm(() -> outgoing.offer(wake));
    }

    /** Starts or continues the lossless refresh of a still screen; {@code updated}: the rows the last update changed. */
    private void refreshStillScreen(RowSpan updated) throws InterruptedException, IOException {
        AdaptiveQuality.RefreshStep step = quality.refreshStep(updated, framebuffer.width(), framebuffer.height());
        if (step == null) {
            return;
        }
        if (step.qualityChanged()) {
            tell();
        }
        if (step.band() != null) {
            outgoing.sendNow(new FramebufferUpdateRequest(false, 0, step.band().top(), framebuffer.width(),
                    step.band().height()));
        }
    }
}
