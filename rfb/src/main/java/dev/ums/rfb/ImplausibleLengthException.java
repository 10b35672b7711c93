package dev.ums.rfb;

import java.io.IOException;

/**
 * A length or count on the wire is larger than the reader allows, so nothing after it can be trusted (and nothing
 * of that size is allocated). The reader's side turns {@link #what()}, {@link #length()} and {@link #max()} into
 * its own sentence.
 */
public final class ImplausibleLengthException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String what;
    private final long length;
    private final long max;

    /** @param what the field, as a sentence names it: "desktop name", "ZRLE data" */
    public ImplausibleLengthException(String what, long length, long max) {
        super(what + " length " + length + " exceeds " + max);
        this.what = what;
        this.length = length;
        this.max = max;
    }

    public String what() {
        return what;
    }

    public long length() {
        return length;
    }

    public long max() {
        return max;
    }
}
