package dev.ums.agent.internal.secure;

import dev.ums.protocol.io.BlockInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The console's input of a secure VNC session with any CR/LF bytes dropped from its front. A console may end
 * its password command with a line ending that {@link PasswordCommand} left unread (the password was already
 * complete); the viewer's first RFB bytes are {@code RFB xxx.yyy\n}, which never start with CR or LF, so
 * dropping them there is safe. Only the first bytes may be dropped; later bytes pass untouched.
 */
final class LineEndSkippingInput extends BlockInputStream {
    private final InputStream in;
    private boolean skipping = true;

    LineEndSkippingInput(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            int n = in.read(b, off, len);
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

    @Override
    public int available() throws IOException {
        return skipping ? 0 : in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
