package dev.ums.console.core;

import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An open shadow session: the console's end of the tunnel, carrying raw RFB bytes to and from the device's
 * VNC server, with the session and device it belongs to. Read by one thread, written by one thread.
 */
public final class ShadowConnection implements Endpoint {
    private final ThinClient device;
    private final ShadowSession session;
    private final WebSocketEndpoint tunnel;

    ShadowConnection(ThinClient device, ShadowSession session, WebSocketEndpoint tunnel) {
        this.device = device;
        this.session = session;
        this.tunnel = tunnel;
    }

    public ThinClient device() {
        return device;
    }

    public ShadowSession session() {
        return session;
    }

    /** Why the far side ended the tunnel, if it said so; null while open or when no reason was given. */
    public String closeReason() {
        return tunnel.closeReason();
    }

    @Override
    public InputStream input() {
        return tunnel.input();
    }

    @Override
    public OutputStream output() {
        return tunnel.output();
    }

    /** Closes the tunnel; the server then ends the device's side and the session. */
    @Override
    public void close() {
        tunnel.close();
    }

    @Override
    public String toString() {
        return "shadow session " + session.sessionId() + " with " + device.name() + " (id " + device.id() + ")";
    }
}
