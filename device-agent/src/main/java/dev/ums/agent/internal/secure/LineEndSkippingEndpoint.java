package dev.ums.agent.internal.secure;

import dev.ums.protocol.tunnel.Endpoint;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The console's end of a secure VNC session with any CR/LF bytes dropped from the front of its input. A
 * console may end its password command with a line ending that {@link PasswordCommand} left unread (the
 * password was already complete); the viewer's first RFB bytes are {@code RFB xxx.yyy\n}, which never start
 * with CR or LF, so dropping them there is safe. Only the first read may drop; later bytes pass untouched.
 */
final class LineEndSkippingEndpoint implements Endpoint {
    private final Endpoint inner;
    private InputStream input;

    LineEndSkippingEndpoint(Endpoint inner) {
        this.inner = inner;
    }

    @Override
    public synchronized InputStream input() throws IOException {
        if (input == null) {
            input = new FilterInputStream(inner.input()) {
                private boolean skipping = true;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    while (true) {
                        int n = super.read(b, off, len);
                        if (n <= 0 || !skipping) {
                            return n;
                        }
                        int start = off;
                        while (start < off + n && (b[start] == '\r' || b[start] == '\n')) {
                            start++;
                        }
                        if (start == off + n) {
                            continue;
                        }
                        skipping = false;
                        System.arraycopy(b, start, b, off, off + n - start);
                        return off + n - start;
                    }
                }
            };
        }
        return input;
    }

    @Override
    public OutputStream output() throws IOException {
        return inner.output();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
