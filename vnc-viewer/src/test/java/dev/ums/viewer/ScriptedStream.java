package dev.ums.viewer;

import dev.ums.testkit.rfb.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's bytes of a {@link ServerScript} as they are written, and where in them its numeric fields (lengths,
 * counts, sizes, sub-encodings) and its rectangles' sizes lie, for mutations to aim at. One thread.
 */
final class ScriptedStream {
    /** A field at {@code offset} of {@code size} bytes (1, 2 or 4). */
    record Field(int offset, int size) {
    }

    final List<Field> fields = new ArrayList<>();
    /** Where each rectangle header's width lies; its height follows in the next two bytes. */
    final List<Integer> sizes = new ArrayList<>();
    private final Bytes bytes = new Bytes();

    Bytes bytes() {
        return bytes;
    }

    /** The bytes, to write a field of {@code size} bytes next, which is noted. */
    Bytes field(int size) {
        fields.add(new Field(bytes.size(), size));
        return bytes;
    }

    /** A rectangle's header, each of its values a field. */
    void header(int x, int y, int w, int h, int encoding) {
        field(2).u16(x);
        field(2).u16(y);
        sizes.add(bytes.size());
        field(2).u16(w);
        field(2).u16(h);
        field(4).s32(encoding);
    }
}
