package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ums.testkit.vnc.Animation;
import dev.ums.testkit.vnc.XvncServer;
import dev.ums.viewer.bench.Slideshow;
import dev.ums.viewer.internal.quality.AdaptiveQuality;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The automatic quality on real links. Shaped: Xvnc shows an animation, a relay limits what reaches the viewer to
 * 2 Mbit/s, and the session must move from its JPEG 8 start down to stronger JPEG; when the link opens up it must move
 * back up; a still photo-like picture, whose first picture takes seconds at 2 Mbit/s, must lower the quality before
 * that picture has arrived, so the server's next one is already the cheaper one. Open (loopback): a still desktop, large or small, must be lifted to lossless by its first picture and end
 * exact. The estimates the sessions made are written to target/quality-traces/ (the traces test replays such
 * recordings).
 */
class AdaptiveQualityShapedLinkTest {

    @Test
    void openLinkLiftsTheJpegStartToLosslessAndThePictureBecomesExact() throws Exception {
        ListAppender<ILoggingEvent> estimates = traceEstimates();
        try (XvncServer xvnc = XvncServer.start(1280, 720);
             Socket socket = new Socket(xvnc.host(), xvnc.port());
             VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(),
                     VncSettings.defaults()).start()) {
            assertThat(session.quality().jpeg()).as("a new session starts with JPEG").isTrue();
            assertThat(session.quality().jpegQuality()).isEqualTo(8);
            assertThat(session.quality().compressionLevel()).isEqualTo(2);
            awaitQuality(session, q -> !q.jpeg(), "lossless on loopback");
            assertBecomesExact(session, xvnc);
        } finally {
            stopTracing(estimates, "open-loopback.csv");
        }
    }

    @Test
    void aSmallStillDesktopIsLiftedToLosslessByItsFirstPicture() throws Exception {
        try (XvncServer xvnc = XvncServer.start(320, 240);
             Socket socket = new Socket(xvnc.host(), xvnc.port());
             VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(),
                     VncSettings.defaults()).start()) {
            awaitQuality(session, q -> !q.jpeg(), "lossless after a first picture under 64 KiB");
            assertBecomesExact(session, xvnc);
        }
    }

    /** Waits up to 10 s for the session's picture to equal Xvnc's screen, pixel for pixel. */
    private static void assertBecomesExact(VncSession session, XvncServer xvnc) throws Exception {
        int[] expected = xvnc.screenPixels();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline
                && RealXvncTest.differingPixels(session.framebuffer().copyPixels(), expected, 0) != 0) {
            Thread.sleep(50);
        }
        assertThat(RealXvncTest.differingPixels(session.framebuffer().copyPixels(), expected, 0))
                .as("pixels still differing from Xvnc's after 10 s").isZero();
    }

    /**
     * At 8 Mbit/s the session stays at JPEG; once the screen has stood still for a second, the rows that came as JPEG
     * are asked for again lossless, band by band, and the picture becomes exact; then the quality is JPEG again.
     */
    @Test
    void aStillScreenThatCameAsJpegBecomesExactAndTheQualityReturnsToJpeg() throws Exception {
        try (XvncServer xvnc = XvncServer.start(640, 480);
             ShapedRelay relay = new ShapedRelay(xvnc.host(), xvnc.port(), 8_000_000);
             Socket socket = new Socket("127.0.0.1", relay.port());
             VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(),
                     VncSettings.defaults()).start()) {
            assertThat(session.awaitFirstFrame(10, TimeUnit.SECONDS)).as("first frame (error: %s)", session.error())
                    .isTrue();
            int[] firstPicture = session.framebuffer().copyPixels();
            int[] expected = xvnc.screenPixels();
            assertThat(RealXvncTest.differingPixels(firstPicture, expected, 0)).as("the first picture came as JPEG")
                    .isPositive();
            assertBecomesExact(session, xvnc);
            awaitQuality(session, VncQuality::jpeg, "JPEG again after the refresh at 8 Mbit/s");
        }
    }

    @Test
    void slowLinkLeadsToJpegAndAFasterOneBack() throws Exception {
        ListAppender<ILoggingEvent> estimates = traceEstimates();
        try (XvncServer xvnc = XvncServer.start(640, 360);
             ShapedRelay relay = new ShapedRelay(xvnc.host(), xvnc.port(), 2_000_000)) {
            Process animation = xvnc.startJavaClient(Animation.class, "640", "360");
            try (Socket socket = new Socket("127.0.0.1", relay.port());
                 VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(),
                         VncSettings.defaults()).start()) {
                assertThat(session.quality().jpegQuality()).as("a new session starts at JPEG 8").isEqualTo(8);
                assertThat(session.quality().automatic()).isTrue();
                awaitQuality(session, q -> q.jpeg() && q.jpegQuality() <= 6, "JPEG at quality 6 or less at 2 Mbit/s");
                int slowQuality = session.quality().jpegQuality();
                Thread.sleep(4000);   // more of the slow link for the recording
                assertThat(session.quality().jpegQuality()).as("still JPEG, no better").isBetween(0, slowQuality);
                relay.rate(10_000_000);
                Thread.sleep(6000);   // a middling link for the recording; the choice may probe upwards here
                relay.rate(400_000_000);
                awaitQuality(session, q -> !q.jpeg() || q.jpegQuality() > slowQuality, "a better quality at 400 Mbit/s");
                Thread.sleep(2000);
            } finally {
                animation.destroy();
                animation.waitFor(5, TimeUnit.SECONDS);
            }
        } finally {
            stopTracing(estimates, "2mbit-then-open.csv");
        }
    }

    @Test
    void aSlowLinkLowersTheQualityBeforeTheFirstPictureHasArrived() throws Exception {
        try (XvncServer xvnc = XvncServer.start(1280, 720);
             ShapedRelay relay = new ShapedRelay(xvnc.host(), xvnc.port(), 2_000_000)) {
            // One photo-like picture that stands still: the slideshow's next one is ten minutes away.
            Process photo = xvnc.startJavaClient(Slideshow.class, "1280", "720", "600000");
            try {
                awaitPhoto(xvnc);
                AtomicReference<VncQuality> atFirstPicture = new AtomicReference<>();
                try (Socket socket = new Socket("127.0.0.1", relay.port());
                     VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(),
                             VncSettings.defaults())) {
                    // Heard once the update carrying the first picture has been read, before the session judges
                    // the link at that update's end.
                    session.addListener(new VncSessionListener() {
                        @Override
                        public void framebufferUpdated(int x, int y, int width, int height) {
                            atFirstPicture.compareAndSet(null, session.quality());
                        }
                    });
                    session.start();
                    assertThat(session.awaitFirstFrame(60, TimeUnit.SECONDS)).as("first picture (error: %s)",
                            session.error()).isTrue();
                    // At JPEG 8 the picture is about 300 KiB, over a second at 2 Mbit/s; judged only at its end,
                    // the server would already be encoding the next picture at JPEG 8 too.
                    assertThat(atFirstPicture.get().jpegQuality()).as("quality when the first picture had arrived")
                            .isBetween(0, 6);
                }
            } finally {
                photo.destroy();
                photo.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits until the slideshow's picture fills the screen (thousands of colours, not the empty root window). */
    private static void awaitPhoto(XvncServer xvnc) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long colours = 0;
        while (System.nanoTime() < deadline && colours < 10_000) {
            Thread.sleep(200);
            colours = Arrays.stream(xvnc.screenPixels()).distinct().count();
        }
        assertThat(colours).as("colours on the screen once the slideshow is up").isGreaterThanOrEqualTo(10_000);
    }

    private static ListAppender<ILoggingEvent> traceEstimates() {
        Logger log = (Logger) LoggerFactory.getLogger(AdaptiveQuality.class);
        ListAppender<ILoggingEvent> estimates = new ListAppender<>();
        estimates.start();
        log.addAppender(estimates);
        log.setLevel(Level.TRACE);
        return estimates;
    }

    private static void stopTracing(ListAppender<ILoggingEvent> estimates, String file) throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(AdaptiveQuality.class);
        log.detachAppender(estimates);
        log.setLevel(null);
        record(estimates.list, file);
    }

    private static void awaitQuality(VncSession session, Predicate<VncQuality> wanted, String what) throws Exception {
        for (int i = 0; i < 600 && !wanted.test(session.quality()) && !session.isClosed(); i++) {
            Thread.sleep(50);
        }
        assertThat(session.quality()).as(what + " (error: %s)", session.error()).matches(wanted);
    }

    /** One line per estimate: ms since connecting, kbit/s, bytes, waited ms, round trip ms, tier before, tier after. */
    private static void record(List<ILoggingEvent> events, String file) throws Exception {
        Path dir = Path.of("target", "quality-traces");
        Files.createDirectories(dir);
        List<String> lines = events.stream().filter(e -> e.getFormattedMessage().startsWith("estimate "))
                .map(e -> e.getFormattedMessage().substring("estimate ".length()).replace(" tier ", " ")
                        .replace(" -> ", " ").replace(' ', ','))
                .toList();
        Files.write(dir.resolve(file), lines);
    }
}
