package dev.ums.rfb;

import java.io.IOException;
import java.io.Serializable;

/**
 * A length or count on the wire is larger than the reader allows, so nothing after it can be trusted (and nothing
 * of that size is allocated). The reader's side makes its own sentence from {@link #length()}.
 */
public final class ImplausibleLengthException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param field the field, as a sentence names it: "desktop name", "ZRLE data"
     * @param value the length read
     * @param max   the largest the reader allows
     */
    public record Length(String field, long value, long max) implements Serializable {
    }

    private final Length length;

    public ImplausibleLengthException(String field, long value, long max) {
        super(field + " length " + value + " exceeds " + max);
        this.length = new Length(field, value, max);
    }

    public Length length() {
        return length;
    }
}
