package dev.ums.agent.internal.secure;

import dev.ums.protocol.tunnel.Endpoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;

/**
 * An endpoint whose input starts with bytes already read from it: the VNC server's version greeting, read
 * once to prove the server is there, is handed on as the first bytes of the session.
 */
final class PrefixedEndpoint implements Endpoint {
    private final byte[] prefix;
    private final Endpoint inner;
    private InputStream input;

    PrefixedEndpoint(byte[] prefix, Endpoint inner) {
        this.prefix = prefix.clone();
        this.inner = inner;
    }

    @Override
    public synchronized InputStream input() throws IOException {
        if (input == null) {
            input = new SequenceInputStream(new ByteArrayInputStream(prefix), inner.input());
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
