package dev.ums.viewer.internal.handshake;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The session's two buffered streams, which VeNCrypt replaces by TLS streams in the middle of the handshake: the TLS
 * handshake runs over the buffered connection streams, then everything after it goes through TLS. The reader side is
 * used by the reader thread only; the writer side is switched before the writer thread starts, and each write goes
 * to whichever stream is current.
 */
public final class Transport {
    private static final int IN_BUFFER = 64 * 1024;
    private static final int OUT_BUFFER = 16 * 1024;

    private final BufferedInputStream connectionIn;
    private final OutputStream connectionOut;
    private final BufferedOutputStream bufferedOut;
    private final Switchable switchableIn;
    private final SwitchableOut switchableOut;

    public Transport(InputStream in, OutputStream out) {
        this.connectionIn = new BufferedInputStream(in, IN_BUFFER);
        this.connectionOut = out;
        this.bufferedOut = new BufferedOutputStream(out, OUT_BUFFER);
        this.switchableIn = new Switchable(connectionIn);
        this.switchableOut = new SwitchableOut(bufferedOut);
    }

    /** Reads whatever is current: the connection, or TLS after {@link #switchTo}. */
    public InputStream in() {
        return switchableIn;
    }

    public OutputStream out() {
        return switchableOut;
    }

    /**
     * The connection itself, which TLS runs over: input buffered (TLS reads record headers in small pieces), output
     * not (TLS writes whole records, and would otherwise have to flush a buffer it does not know of).
     */
    public InputStream connectionIn() {
        return connectionIn;
    }

    public OutputStream connectionOut() {
        return connectionOut;
    }

    /** From now on {@link #in()} and {@link #out()} read and write these (buffered) streams. */
    public void switchTo(InputStream in, OutputStream out) throws IOException {
        bufferedOut.flush();
        switchableIn.delegate = new BufferedInputStream(in, IN_BUFFER);
        switchableOut.delegate = new BufferedOutputStream(out, OUT_BUFFER);
    }

    private static final class Switchable extends InputStream {
        private InputStream delegate;

        Switchable(InputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read() throws IOException {
            return delegate.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return delegate.read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return delegate.available();
        }
    }

    private static final class SwitchableOut extends OutputStream {
        private OutputStream delegate;

        SwitchableOut(OutputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(int b) throws IOException {
            delegate.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            delegate.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }
    }
}
