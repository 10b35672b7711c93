package dev.ums.protocol.io;

import java.io.Closeable;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closing a socket, stream or endpoint whose use is over or has already failed, where a failure to close
 * changes nothing for the caller (the failure that matters was reported before). Any thread.
 */
public final class Closeables {
    private static final Logger LOG = LoggerFactory.getLogger(Closeables.class);

    private Closeables() {
    }

    /** Closes {@code c}; a failure is logged at debug level only. */
    public static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", c, e);
        }
    }
}
