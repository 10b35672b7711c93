package dev.ums.console.gui.internal.playback;

import dev.ums.recording.RecordedChunk;
import dev.ums.recording.RecordingReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A recording's bytes with their records kept up to the first record boundary past half the uncompressed stream,
 * then either nothing more (cut off, as a server killed there leaves it) or a record of unknown kind 9 (damaged
 * there). Published in this module's test jar for the launcher's replay tests. Any thread.
 */
public final class DamagedRecording {
    private static final byte[] UNKNOWN_RECORD = {9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};   // kind 9, time 0, no payload

    private DamagedRecording() {
    }

    /** The recording cut off halfway, at a record boundary. */
    public static byte[] cutHalfway(byte[] file) throws IOException {
        return halfway(file, new byte[0]);
    }

    /** The recording's first half followed by a record no reader knows. */
    public static byte[] damagedHalfway(byte[] file) throws IOException {
        return halfway(file, UNKNOWN_RECORD);
    }

    /** The time of the last record a recording holds, as its reader returns them, in microseconds. */
    public static long lastChunkMicros(Path file) throws IOException {
        long last = 0;
        try (RecordingReader reader = RecordingReader.open(file)) {
            for (Optional<RecordedChunk> c = reader.next(); c.isPresent(); c = reader.next()) {
                last = c.get().atMicros();
            }
        }
        return last;
    }

    private static byte[] halfway(byte[] file, byte[] after) throws IOException {
        byte[] stream;
        try (var in = new InflaterInputStream(new ByteArrayInputStream(file, 8, file.length - 8))) {
            stream = in.readAllBytes();
        }
        ByteBuffer b = ByteBuffer.wrap(stream);
        b.position(4 + b.getInt(0));                                      // past the header
        while (b.position() < stream.length / 2) {
            b.position(b.position() + 13 + b.getInt(b.position() + 9));   // kind, time, length, payload
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("UMSREC1\n".getBytes(StandardCharsets.US_ASCII));
        try (var deflate = new DeflaterOutputStream(out)) {
            deflate.write(stream, 0, b.position());
            deflate.write(after);
        }
        return out.toByteArray();
    }
}
