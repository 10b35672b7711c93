package dev.ums.viewer;

import dev.ums.protocol.log.PeerText;
import dev.ums.rfb.ClientCutText;
import dev.ums.rfb.ClientMessage;
import dev.ums.rfb.EnableContinuousUpdates;
import dev.ums.rfb.FramebufferUpdateRequest;
import dev.ums.rfb.KeyEvent;
import dev.ums.rfb.PixelFormat;
import dev.ums.rfb.PointerEvent;
import dev.ums.rfb.RfbInput;
import dev.ums.rfb.ServerInit;
import dev.ums.rfb.SetPixelFormat;
import dev.ums.viewer.internal.encoding.DecodeContext;
import dev.ums.viewer.internal.encoding.FramebufferUpdateReader;
import dev.ums.viewer.internal.encoding.JpegWarmUp;
import dev.ums.viewer.internal.encoding.PixelReader;
import dev.ums.viewer.internal.handshake.Handshake;
import dev.ums.viewer.internal.handshake.Transport;
import dev.ums.viewer.internal.message.ExtendedClipboard;
import dev.ums.viewer.internal.message.OutgoingQueue;
import dev.ums.viewer.internal.quality.AdaptiveQuality;
import dev.ums.viewer.internal.quality.MeteredInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RFB client connection over any pair of streams (a socket, a TLS tunnel, a WebSocket
 * bridge). {@link #start()} spawns two named threads: the reader runs the handshake, reads and
 * decodes every server message into the {@link Framebuffer} and calls the listeners, and itself
 * writes the messages whose delay the server sees (its first ones, with ClientInit; update
 * requests; fence answers); the writer sends the other client messages from a bounded queue. The
 * input methods ({@link #sendKey}, {@link #sendPointer}, ...) may be called from any thread,
 * including the Swing event thread: they only enqueue and never block.
 */
public final class VncSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VncSession.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** The characters of the desktop's name (the server's choice, up to 64 KiB) a log line or a title quotes. */
    static final int SHOWN_NAME = 100;

    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final VncSettings settings;
    private final String name;
    private final Framebuffer framebuffer = new Framebuffer();
    private final Transport transport;
    private final RfbInput in;
    private final OutgoingQueue outgoing;
    private final ListenerList listeners = new ListenerList();
    private final FramebufferUpdateReader updates = new FramebufferUpdateReader();
    private final CountDownLatch firstFrame = new CountDownLatch(1);
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Thread reader;
    private final ExtendedClipboard clipboard;
    private final AdaptiveQuality quality;
    private final QualitySignals qualitySignals;
    private final Set<Integer> pressedKeys = ConcurrentHashMap.newKeySet();
    private volatile boolean viewOnly;
    private volatile int buttons;
    private volatile int pointerX;
    private volatile int pointerY;
    private volatile String desktopName = "";
    private volatile CursorShape cursor = CursorShape.HIDDEN;
    private volatile long updateCount;
    private volatile VncProtocolException error;
    private volatile boolean connected;
    private volatile String protocolVersion = "";
    private volatile String security = "";
    private volatile boolean timedOut;
    private volatile HandshakeWatchdog watchdog;

    public VncSession(InputStream in, OutputStream out, VncSettings settings) {
        this.rawIn = in;
        this.rawOut = out;
        this.settings = settings;
        this.name = "vnc-" + COUNTER.incrementAndGet();
        this.quality = new AdaptiveQuality(settings);
        this.viewOnly = settings.viewOnly();
        this.transport = new Transport(new MeteredInputStream(in, quality.meter(), this::judgeLinkPartway), out);
        this.in = new RfbInput(transport.in());
        this.outgoing = new OutgoingQueue(transport.out(), name + "-writer");
        this.qualitySignals = new QualitySignals(quality, settings, outgoing, framebuffer, () -> viewOnly, name);
        this.reader = new Thread(this::readLoop, name + "-reader");
        this.reader.setDaemon(true);
        this.clipboard = new ExtendedClipboard(outgoing::offer, listeners::clipboardReceived, () -> !this.viewOnly);
    }

    /**
     * Registers a listener. One added after the session connected hears at once, on the calling thread, what it
     * missed of the session's state: {@code connected} with the desktop's name and present size, the cursor shape
     * if the server set one, and {@code closed} if the session has ended; so a window may be built while the
     * handshake and the first picture are under way, and paint the framebuffer as it then is. Updates decoded
     * before are not repeated.
     */
    public void addListener(VncSessionListener listener) {
        listeners.add(listener);
    }

    public void removeListener(VncSessionListener listener) {
        listeners.remove(listener);
    }

    /** Starts the reader thread, which performs the handshake; returns at once. */
    public VncSession start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("The session was already started.");
        }
        if (quality.current().jpeg() || quality.automatic()) {
            JpegWarmUp.begin();
        }
        watchdog = HandshakeWatchdog.watch(this, settings.handshakeTimeout());
        reader.start();
        return this;
    }

    /** Called by the watchdog when the handshake took too long: ends the session with that reason. */
    void handshakeTimedOut() {
        if (!connected && !finished.get()) {
            timedOut = true;
            closeQuietly(rawIn);
            closeQuietly(rawOut);
            reader.interrupt();
        }
    }

    public Framebuffer framebuffer() {
        return framebuffer;
    }

    public VncSettings settings() {
        return settings;
    }

    public String desktopName() {
        return desktopName;
    }

    /** The RFB version agreed with the server ("3.3", "3.7" or "3.8"); empty before the handshake. */
    public String protocolVersion() {
        return protocolVersion;
    }

    /** The security type agreed, as TigerVNC names it ("None", "VncAuth", "TLSVnc", "X509Plain", ...); empty before. */
    public String security() {
        return security;
    }

    public CursorShape cursor() {
        return cursor;
    }

    /** Whether input is dropped; starts as the settings say and may change while the session runs. */
    public boolean viewOnly() {
        return viewOnly;
    }

    /**
     * Switches view-only mode on a running session, from any thread. Switching on first releases every key and button
     * this session holds pressed on the remote side; the server is told whether to send the cursor shape (a watcher
     * sees the remote user's cursor in the picture). Listeners hear {@code viewOnlyChanged} on the calling thread.
     */
    public void setViewOnly(boolean on) {
        if (viewOnly == on) {
            return;
        }
        if (on) {
            for (Integer keysym : pressedKeys) {
                sendKey(keysym, false);
            }
            if (buttons != 0) {
                sendPointer(pointerX, pointerY, 0);
            }
        }
        viewOnly = on;
        clipboard.viewOnlyChanged();
        if (connected && !closing.get()) {
            outgoing.offer(ServerMessages.setEncodings(settings, on, quality.current()));
        }
        listeners.viewOnlyChanged(on);
    }

    /** The picture quality asked for now; with automatic quality it changes as the link's measurements do. */
    public VncQuality quality() {
        return quality.current();
    }

    /** The figures at this moment; two of them give rates ({@link VncStatistics#since}). Any thread. */
    public VncStatistics statistics() {
        return new VncStatistics(System.nanoTime(), updateCount, bytesReceived(), quality.current());
    }

    /** FramebufferUpdate messages decoded so far. */
    public long updateCount() {
        return updateCount;
    }

    public long bytesReceived() {
        return in.bytesRead();
    }

    public long rectangleCount(Encoding encoding) {
        return updates.rectangles(encoding);
    }

    /** The decoders; the reader thread closes them when it ends. */
    FramebufferUpdateReader updateReader() {
        return updates;
    }

    public boolean isClosed() {
        return closedLatch.getCount() == 0;
    }

    /** The reason the session ended, or null while it runs or when it was closed locally. */
    public VncProtocolException error() {
        return error;
    }

    /** Waits until the first complete frame was decoded; false on timeout or if the session ended first. */
    public boolean awaitFirstFrame(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (System.nanoTime() < deadline) {
            if (firstFrame.await(20, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (isClosed()) {
                return false;
            }
        }
        return false;
    }

    public boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
        return closedLatch.await(timeout, unit);
    }

    /** Sends an X11 keysym press or release; ignored in view-only mode. */
    public void sendKey(int keysym, boolean down) {
        if (viewOnly) {
            return;
        }
        if (down) {
            pressedKeys.add(keysym);
        } else {
            pressedKeys.remove(keysym);
        }
        LOG.trace("{}: key {} {}", name, Integer.toHexString(keysym), down ? "down" : "up");
        send(new KeyEvent(keysym, down));
    }

    /** Sends the pointer position in framebuffer pixels with the pressed buttons; ignored in view-only mode. */
    public void sendPointer(int x, int y, int buttonMask) {
        int cx = Math.max(0, Math.min(framebuffer.width() - 1, x));
        int cy = Math.max(0, Math.min(framebuffer.height() - 1, y));
        if (viewOnly) {
            return;
        }
        buttons = buttonMask & 0xff;
        pointerX = cx;
        pointerY = cy;
        send(new PointerEvent(buttonMask & 0xff, cx, cy));
    }

    /**
     * Offers our clipboard text to the server: as UTF-8 when the server speaks the Extended
     * Clipboard extension, otherwise as Latin-1. Ignored in view-only mode.
     */
    public void sendClipboard(String text) {
        if (viewOnly) {
            return;
        }
        if (clipboard.active()) {
            clipboard.offerLocal(text);
        } else {
            send(new ClientCutText(text));
        }
    }

    /** Presses and releases Ctrl+Alt+Del on the remote side, which the local system would otherwise catch. */
    public void sendCtrlAltDel() {
        int[] keys = {Keysyms.CONTROL_L, Keysyms.ALT_L, Keysyms.DELETE};
        for (int k : keys) {
            sendKey(k, true);
        }
        for (int i = keys.length - 1; i >= 0; i--) {
            sendKey(keys[i], false);
        }
    }

    /** Asks the server to send the whole desktop again. */
    public void requestRefresh() {
        outgoing.offer(fullRequest(false));
    }

    private void send(ClientMessage message) {
        if (!viewOnly) {
            outgoing.offer(message);
        }
    }

    /** Ends the session; the listeners get {@code closed(null)} on the reader thread. Idempotent. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        updates.stop();             // rectangles already buffered (up to an update's 65,535) are not decoded
        outgoing.stop();
        closeQuietly(rawIn);
        closeQuietly(rawOut);
        reader.interrupt();
        if (!started.get()) {
            finish(null);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("closing stream", e);
        }
    }

    private void readLoop() {
        VncProtocolException failure = null;
        DecodeContext decodeContext = null;
        try {
            Handshake handshake = new Handshake(in, transport, settings, watchdog);
            PixelFormat format = settings.colorDepth().wireFormat();
            // SetPixelFormat and SetEncodings go with ClientInit: until the server has read SetEncodings, a desktop
            // resize (another viewer's remote resize) makes Xvnc close this connection, and reading ServerInit and
            // answering it in a cold JVM took long enough for that to happen.
            ServerInit init = handshake.perform(new SetPixelFormat(format),
                    ServerMessages.setEncodings(settings, viewOnly, quality.current()));
            protocolVersion = handshake.version().label();
            security = handshake.security();
            connected = true;
            desktopName = init.name();
            framebuffer.resize(init.width(), init.height());
            outgoing.sendNow(fullRequest(false));
            outgoing.start();
            decodeContext = new DecodeContext(framebuffer, new PixelReader(format), settings.jpegThreads(), name);
            ServerMessages messages = new ServerMessages(in, decodeContext, updates, listeners, this::cursorChanged,
                    clipboard);
            LOG.info("{}: connected to '{}' {}x{}", name, PeerText.of(init.name(), SHOWN_NAME), init.width(),
                    init.height());
            listeners.connected(init.name(), init.width(), init.height());
            // Until the server offers continuous updates, ask for the next update as soon as this
            // one starts arriving, so the server encodes it while we decode this one.
            boolean[] continuous = {false};
            messages.onUpdateStarting(() -> {
                LOG.trace("{}: update {} starts at byte {}", name, updateCount, in.bytesRead());
                quality.meter().updateStarted();
                if (!continuous[0]) {
                    outgoing.sendNow(fullRequest(true));
                }
            });
            // Answered on this thread at once: the server times the answers to pace its updates.
            messages.onFence(answer -> {
                quality.serverSpeaksFences();
                outgoing.sendNow(answer);
                LOG.trace("{}: fence flags {} answered at byte {}", name, Integer.toHexString(answer.flags()),
                        in.bytesRead());
            });
            messages.onFenceResponse(quality::answered);
            FrameCoverage coverage = new FrameCoverage();
            while (!closing.get()) {
                ServerMessages.Outcome outcome = messages.readOne();
                if (outcome == ServerMessages.Outcome.UPDATE || outcome == ServerMessages.Outcome.RESIZED) {
                    quality.meter().updateEnded();
                    if (LOG.isTraceEnabled()) {
                        FramebufferUpdateReader.Result r = messages.lastUpdate();
                        LOG.trace("{}: update {} ends at byte {}, changed {},{} to {},{}", name, updateCount,
                                in.bytesRead(), r.x0, r.y0, r.x1, r.y1);
                    }
                    qualitySignals.updateEnded(messages.lastUpdate(), decodeContext.takeJpegRows());
                    updateCount++;
                    if (outcome == ServerMessages.Outcome.RESIZED) {
                        coverage.restart();
                    }
                    if (coverage.add(messages.lastUpdate(), framebuffer)) {
                        if (firstFrame.getCount() > 0) {
                            qualitySignals.firstPicture();
                        }
                        listeners.frameComplete();
                        firstFrame.countDown();
                    }
                    if (outcome == ServerMessages.Outcome.RESIZED) {
                        if (continuous[0]) {
                            outgoing.put(continuousUpdates());
                        }
                        outgoing.put(fullRequest(false));
                    }
                } else if (outcome == ServerMessages.Outcome.FENCE) {
                    qualitySignals.fenceArrived();
                } else if (outcome == ServerMessages.Outcome.COLOURS_CHANGED) {
                    outgoing.put(fullRequest(false));
                } else if (outcome == ServerMessages.Outcome.CONTINUOUS_UPDATES_OFFERED && !continuous[0]) {
                    // The server pushes changes from now on, paced by fences; no more requests.
                    continuous[0] = true;
                    outgoing.put(continuousUpdates());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | OutOfMemoryError | LinkageError e) {
            failure = ReaderFailure.of(e);
        } catch (Error e) {
            // A fault of the viewer's own (a listener's assertion, a stack overflow): the session still ends, its
            // listeners told and its decoders' native memory freed, rather than with a reader that died in silence.
            LOG.error("{}: the session's reader failed", name, e);
            failure = ReaderFailure.of(e);
        }
        qualitySignals.stop();
        if (decodeContext != null) {
            decodeContext.close();
        }
        updates.close();
        if (timedOut) {
            failure = ReaderFailure.handshakeTimedOut(settings.handshakeTimeout());
        }
        finish(closing.get() ? null : failure);
    }

    /** After every raw read (reader thread): see {@link QualitySignals#judgePartway()}. */
    private void judgeLinkPartway() {
        qualitySignals.judgePartway();
    }

    private EnableContinuousUpdates continuousUpdates() {
        return new EnableContinuousUpdates(true, 0, 0, framebuffer.width(), framebuffer.height());
    }

    private FramebufferUpdateRequest fullRequest(boolean incremental) {
        return new FramebufferUpdateRequest(incremental, 0, 0, framebuffer.width(), framebuffer.height());
    }

    private void cursorChanged(CursorShape shape) {
        cursor = shape;
        listeners.cursorChanged(shape);
    }

    private void finish(VncProtocolException failure) {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        this.error = failure;
        if (failure != null) {
            LOG.info("{}: session ended: {}", name, failure.getMessage());
            LOG.debug("{}: cause", name, failure);
        }
        closing.set(true);
        outgoing.stop();
        closeQuietly(rawIn);
        closeQuietly(rawOut);
        listeners.closed(failure);
        closedLatch.countDown();
    }
}
