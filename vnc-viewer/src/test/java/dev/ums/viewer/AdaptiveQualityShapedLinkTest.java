package dev.ums.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ums.testkit.vnc.Animation;
import dev.ums.testkit.vnc.XvncServer;
import dev.ums.viewer.internal.quality.AdaptiveQuality;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The automatic quality on a real, shaped link: Xvnc shows an animation, a relay limits what reaches the viewer to
 * 2 Mbit/s, and the session must move from lossless to JPEG; when the link opens up it must move back up. The
 * estimates the session made are written to target/quality-traces/ (the traces test replays such recordings).
 */
class AdaptiveQualityShapedLinkTest {

    @Test
    void slowLinkLeadsToJpegAndAFasterOneBack() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(AdaptiveQuality.class);
        ListAppender<ILoggingEvent> estimates = new ListAppender<>();
        estimates.start();
        log.addAppender(estimates);
        Level before = log.getLevel();
        log.setLevel(Level.TRACE);
        try (XvncServer xvnc = XvncServer.start(640, 360);
             ShapedRelay relay = new ShapedRelay(xvnc.host(), xvnc.port(), 2_000_000)) {
            Process animation = xvnc.startJavaClient(Animation.class, "640", "360");
            try (Socket socket = new Socket("127.0.0.1", relay.port());
                 VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(),
                         VncSettings.defaults()).start()) {
                assertThat(session.quality().jpeg()).as("a new session starts lossless").isFalse();
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
            log.detachAppender(estimates);
            log.setLevel(before);
            record(estimates.list);
        }
    }

    private static void awaitQuality(VncSession session, Predicate<VncQuality> wanted, String what) throws Exception {
        for (int i = 0; i < 600 && !wanted.test(session.quality()) && !session.isClosed(); i++) {
            Thread.sleep(50);
        }
        assertThat(session.quality()).as(what + " (error: %s)", session.error()).matches(wanted);
    }

    /** One line per estimate: ms since connecting, kbit/s, bytes, waited ms, round trip ms, tier before, tier after. */
    private static void record(List<ILoggingEvent> events) throws Exception {
        Path dir = Path.of("target", "quality-traces");
        Files.createDirectories(dir);
        List<String> lines = events.stream().filter(e -> e.getFormattedMessage().startsWith("estimate "))
                .map(e -> e.getFormattedMessage().substring("estimate ".length()).replace(" tier ", " ")
                        .replace(" -> ", " ").replace(' ', ','))
                .toList();
        Files.write(dir.resolve("2mbit-then-open.csv"), lines);
    }
}
