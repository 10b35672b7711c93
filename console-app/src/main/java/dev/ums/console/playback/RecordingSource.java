package dev.ums.console.playback;

import dev.ums.recording.Direction;
import dev.ums.recording.RecordedChunk;
import dev.ums.recording.RecordingException;
import dev.ums.recording.RecordingHeader;
import dev.ums.recording.RecordingReader;
import dev.ums.viewer.VncReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session recording file as the viewer's replay reads it: each {@link #open()} reads the file from its
 * beginning, the device's side as the VNC server's and the console's as the client's. Opening checks the file
 * once, so a missing, foreign or damaged header fails at once with a typed {@link RecordingException}. Damage
 * further on ends the recording where it begins, as a cut-off recording ends: everything before it still plays,
 * and {@link #damage()} tells where the recording stops being readable. Any thread; each reader it opens is used by
 * one thread at a time.
 */
public final class RecordingSource implements VncReplay.Source {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingSource.class);

    private final Path file;
    private final RecordingHeader header;
    private final AtomicReference<Damage> damage = new AtomicReference<>();

    /**
     * Where a recording stops being readable.
     *
     * @param afterMicros the time of the last chunk read before the damage (0 if none was), since the recording started
     * @param cause       the reader's failure, with the offset of the damage, for the log
     */
    public record Damage(long afterMicros, RecordingException cause) {
    }

    private RecordingSource(Path file, RecordingHeader header) {
        this.file = file;
        this.header = header;
    }

    /** Checks the file's magic and header. */
    public static RecordingSource open(Path file) throws RecordingException {
        if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file)) {
            // a pipe or a device, whose reading might never end (a folder is refused by the reader, saying so)
            throw new RecordingException(RecordingException.Kind.NOT_A_RECORDING, file, file + " is not a file.", null);
        }
        try (RecordingReader reader = RecordingReader.open(file)) {
            return new RecordingSource(file, reader.header());
        } catch (RecordingException e) {
            throw e;
        } catch (IOException e) {
            throw new RecordingException(RecordingException.Kind.DAMAGED, file,
                    "The recording " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The user's sentence for a recording that cannot be read; details such as the offset of damage are for the log. */
    public static String sentence(RecordingException e) {
        return switch (e.kind()) {
            case MISSING -> "There is no recording at " + e.file() + ".";
            case NOT_A_RECORDING -> e.file() + " is not a session recording.";
            case UNSUPPORTED_VERSION, UNREADABLE -> e.getMessage();
            case DAMAGED -> "The recording " + e.file() + " is damaged and cannot be replayed.";
        };
    }

    public Path file() {
        return file;
    }

    /** Who shadowed which device, when and how. */
    public RecordingHeader header() {
        return header;
    }

    /** Where the recording was found damaged, once a reader reached the damage; empty before or without damage. */
    public Optional<Damage> damage() {
        return Optional.ofNullable(damage.get());
    }

    @Override
    public VncReplay.Reader open() throws RecordingException {
        RecordingReader reader = RecordingReader.open(file);
        return new VncReplay.Reader() {
            private long lastMicros;

            @Override
            public VncReplay.Chunk next() throws IOException {
                Optional<RecordedChunk> chunk;
                try {
                    chunk = reader.next();
                } catch (RecordingException e) {
                    if (e.kind() != RecordingException.Kind.DAMAGED) {
                        throw e;
                    }
                    if (damage.compareAndSet(null, new Damage(lastMicros, e))) {
                        // the user is told by the player or ums replay; the offset of the damage is for the log
                        LOG.info("{} It plays up to the damage.", e.getMessage(), e);
                    }
                    return null;
                }
                chunk.ifPresent(c -> lastMicros = c.atMicros());
                return chunk.map(c -> new VncReplay.Chunk(c.atMicros(), c.direction() == Direction.FROM_DEVICE,
                        c.bytes())).orElse(null);
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }
}
