package dev.ums.launcher;

import dev.ums.console.playback.RecordingSource;
import dev.ums.recording.RecordingException;
import dev.ums.viewer.VncReplay;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ums replay}: renders the picture of a session recording at one moment as a PNG. A recording damaged past its
 * header plays up to the damage: asked for a moment after it, the PNG is the last picture before it, and a warning
 * on stderr says so.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Render the frame of a session recording (.umsrec) at a moment as PNG.")
public final class ReplayCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ReplayCommand.class);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The recording.")
    Path file;

    @Option(names = "--at", paramLabel = "SECONDS",
            description = "Seconds since the recording started, e.g. 12.5 (default: the last frame).")
    Double atSeconds;

    @Option(names = "--out", required = true, paramLabel = "FRAME.png", description = "Where to write the PNG.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (atSeconds != null && (atSeconds < 0 || atSeconds.isNaN() || atSeconds.isInfinite())) {
            throw new IllegalArgumentException("--at takes the seconds since the recording started, 0 or more.");
        }
        if (Files.exists(file) && Files.exists(out) && Files.isSameFile(file, out)) {
            throw new IllegalArgumentException("--out names the recording itself, which the PNG would replace; "
                    + "give the PNG another name.");
        }
        OutFile outFile = new OutFile(out);
        outFile.checkPath();
        long micros = atSeconds == null ? Long.MAX_VALUE : Math.round(atSeconds * 1_000_000);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        RecordingSource source;
        try {
            source = RecordingSource.open(file);
            try (VncReplay replay = new VncReplay(source)) {
                replay.advanceTo(micros);
                ImageIO.write(replay.framebuffer().image(), "png", png);
            }
        } catch (RecordingException e) {
            LOG.info("{}", e.getMessage(), e);
            throw new IOException(RecordingSource.sentence(e), e);
        }
        outFile.write(png.toByteArray());
        source.damage().filter(d -> d.afterMicros() < micros).ifPresent(d -> spec.commandLine().getErr().println(
                "warning: The recording " + file + " is damaged after " + seconds(d.afterMicros())
                        + " s; the picture is the last one before the damage."));
        return 0;
    }

    private static String seconds(long micros) {
        return BigDecimal.valueOf(micros / 100_000, 1).toPlainString();
    }
}
