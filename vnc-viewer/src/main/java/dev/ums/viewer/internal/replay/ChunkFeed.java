package dev.ums.viewer.internal.replay;

import dev.ums.viewer.VncProtocolException;
import dev.ums.viewer.VncReplay;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Splits a recording's chunks, read in time order, into the two directions, so that each side can be read as a
 * stream of its own. A chunk of the side not being read waits in that side's queue; the queues are bounded
 * ({@link #MAX_QUEUED_BYTES}), since the replay reads each side up to the other's time. One thread at a time (the
 * replay's).
 */
public final class ChunkFeed implements AutoCloseable {
    /** More bytes of one side waiting than this means the recording is not in time order. */
    public static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;

    private final VncReplay.Reader reader;
    private final ArrayDeque<VncReplay.Chunk> fromServer = new ArrayDeque<>();
    private final ArrayDeque<VncReplay.Chunk> fromClient = new ArrayDeque<>();
    private boolean keepServer;
    private long queuedServer;
    private long queuedClient;
    private boolean ended;
    private long lastTime;

    /** @param keepServer false when only the console's side is wanted: the device's bytes are dropped as read */
    public ChunkFeed(VncReplay.Reader reader, boolean keepServer) {
        this.reader = reader;
        this.keepServer = keepServer;
    }

    /** The next chunk of one side, taken off its queue; null once the recording holds no more of that side. */
    VncReplay.Chunk take(boolean server) throws IOException {
        ArrayDeque<VncReplay.Chunk> queue = server ? fromServer : fromClient;
        while (queue.isEmpty() && pull()) {
            // pulled a chunk of the other side, or an empty one
        }
        VncReplay.Chunk chunk = queue.poll();
        if (chunk != null) {
            if (server) {
                queuedServer -= chunk.bytes().length;
            } else {
                queuedClient -= chunk.bytes().length;
            }
        }
        return chunk;
    }

    /** Reads one chunk from the recording into its queue; false at the end. */
    private boolean pull() throws IOException {
        if (ended) {
            return false;
        }
        VncReplay.Chunk chunk = reader.next();
        if (chunk == null) {
            ended = true;
            return false;
        }
        lastTime = Math.max(lastTime, chunk.atMicros());
        if (chunk.bytes().length == 0) {
            return true;
        }
        if (chunk.fromServer()) {
            if (keepServer) {
                fromServer.add(chunk);
                queuedServer += chunk.bytes().length;
            }
        } else {
            fromClient.add(chunk);
            queuedClient += chunk.bytes().length;
        }
        if (queuedServer > MAX_QUEUED_BYTES || queuedClient > MAX_QUEUED_BYTES) {
            throw new VncProtocolException("The recording's two sides are too far apart in time to be replayed.");
        }
        return true;
    }

    /** From now on the server's side is dropped as read: only the client's is wanted. */
    public void dropServer() {
        keepServer = false;
        fromServer.clear();
        queuedServer = 0;
    }

    /** Reads to the end of the recording, keeping nothing; returns {@link #lastTime()}. */
    public long drain() throws IOException {
        dropServer();
        while (pull()) {
            fromClient.clear();
            queuedClient = 0;
        }
        return lastTime;
    }

    /** The latest recording time read so far, in microseconds. */
    public long lastTime() {
        return lastTime;
    }

    @Override
    public void close() throws IOException {
        fromServer.clear();
        fromClient.clear();
        reader.close();
    }
}
