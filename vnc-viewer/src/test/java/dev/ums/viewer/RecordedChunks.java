package dev.ums.viewer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A recording held in memory, in time order: the replay's {@link VncReplay.Source} for tests. */
final class RecordedChunks implements VncReplay.Source {
    private final List<VncReplay.Chunk> chunks = Collections.synchronizedList(new ArrayList<>());
    private int opened;

    RecordedChunks server(long at, byte[] bytes) {
        chunks.add(new VncReplay.Chunk(at, true, bytes));
        return this;
    }

    RecordedChunks client(long at, byte[] bytes) {
        chunks.add(new VncReplay.Chunk(at, false, bytes));
        return this;
    }

    void add(VncReplay.Chunk chunk) {
        chunks.add(chunk);
    }

    /** How often the replay opened the recording from its beginning. */
    int opened() {
        return opened;
    }

    List<VncReplay.Chunk> chunks() {
        return chunks;
    }

    @Override
    public VncReplay.Reader open() {
        opened++;
        List<VncReplay.Chunk> copy;
        synchronized (chunks) {
            copy = List.copyOf(chunks);
        }
        return new VncReplay.Reader() {
            private int next;

            @Override
            public VncReplay.Chunk next() {
                return next < copy.size() ? copy.get(next++) : null;
            }

            @Override
            public void close() {
                next = copy.size();
            }
        };
    }
}
