package dev.ums.agent.internal.rfb;

import dev.ums.protocol.tunnel.Endpoint;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VNC server's end of a session with viewer input removed: bytes written to it (from the viewer) pass
 * through an {@link RfbClientStreamFilter}; bytes read from it (from the server) are shown to the filter
 * on their way. Used for view-only sessions and devices that do not allow remote input.
 */
public final class InputFilteringEndpoint implements Endpoint {
    private static final Logger LOG = LoggerFactory.getLogger(InputFilteringEndpoint.class);

    private final Endpoint vncServer;
    private final String session;
    private RfbClientStreamFilter filter;

    public InputFilteringEndpoint(Endpoint vncServer, String session) {
        this.vncServer = vncServer;
        this.session = session;
    }

    private synchronized RfbClientStreamFilter filter() throws IOException {
        if (filter == null) {
            filter = new RfbClientStreamFilter(vncServer.output());
        }
        return filter;
    }

    @Override
    public InputStream input() throws IOException {
        RfbClientStreamFilter observer = filter();
        return new FilterInputStream(vncServer.input()) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    observer.observeServer(b, off, n);
                }
                return n;
            }

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }
        };
    }

    @Override
    public OutputStream output() throws IOException {
        RfbClientStreamFilter viewerBytes = filter();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    viewerBytes.write(b, off, len);
                } catch (UnfilterableStreamException e) {
                    LOG.warn("shadow session {}: closing, input cannot be filtered safely: {}", session, e.getMessage());
                    throw e;
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        vncServer.close();
    }

    @Override
    public String toString() {
        return "input-filtered " + vncServer;
    }
}
