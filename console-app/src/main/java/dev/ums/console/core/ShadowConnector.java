package dev.ums.console.core;

import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.tunnel.WebSocketEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a shadow session end to end: log in, find the device, ask the server (which asks the device), and
 * open the console's side of the tunnel; for an OS 11 device ({@code osVersion} 11…) the secure VNC path
 * instead, TLS to the device (straight, or inside a gateway tunnel for route {@code icg}) with the certificate
 * and one-time password the server hands out. Blocking; call it from a worker thread.
 */
public final class ShadowConnector {
    private static final Logger LOG = LoggerFactory.getLogger(ShadowConnector.class);

    /** Where OS 11 devices listen for secure VNC, as the vendor documents it. */
    public static final int DEFAULT_SECURE_VNC_PORT = 5900;

    private final ImiClient client;
    private final ConsoleTunnels tunnels;
    private final SecureVncConnector secureVnc;

    /**
     * OS 11 devices are reached on the secure VNC port they reported to the server ({@code securePort}, details
     * facet), or on the vendor's 5900 when they reported none.
     */
    public ShadowConnector(ImiClient client) {
        this.client = client;
        this.tunnels = new ConsoleTunnels(client);
        this.secureVnc = new SecureVncConnector(client, tunnels, null);
    }

    /**
     * @param secureVncPort the port to reach OS 11 devices on directly, whatever they reported (for forwarded
     *                      set-ups where the device's own port is not the one the console must use)
     */
    public ShadowConnector(ImiClient client, int secureVncPort) {
        if (secureVncPort < 1 || secureVncPort > 65535) {
            throw new IllegalArgumentException("the secure VNC port must be between 1 and 65535, got " + secureVncPort);
        }
        this.client = client;
        this.tunnels = new ConsoleTunnels(client);
        this.secureVnc = new SecureVncConnector(client, tunnels, secureVncPort);
    }

    /**
     * Logs in with {@code credentials} (wiping the password), resolves {@code device} by id or name and
     * opens the session.
     */
    public ShadowConnection connect(Credentials credentials, String device, boolean viewOnly, ShadowProgress progress)
            throws ImiException {
        progress.reached(ShadowStep.LOGGING_IN, client.server().toString());
        try {
            client.login(credentials.user(), credentials.password());
        } finally {
            credentials.wipe();
        }
        progress.reached(ShadowStep.FINDING_DEVICE, device);
        ThinClient target = DeviceResolver.resolve(client, device);
        return open(target, viewOnly, progress);
    }

    /** Opens a session with a device already chosen, on a client already logged in (the GUI's path). */
    public ShadowConnection open(ThinClient device, boolean viewOnly, ShadowProgress progress) throws ImiException {
        if (isOs11(device)) {
            return secureVnc.open(device, viewOnly, progress);
        }
        progress.reached(ShadowStep.ASKING_SERVER, label(device));
        ShadowSession session = client.startShadow(device.id(), viewOnly);
        LOG.debug("session {} accepted by {} via {}", session.sessionId(), label(device), session.route());
        progress.reached(ShadowStep.DEVICE_ACCEPTED, label(device));
        WebSocketEndpoint tunnel = tunnels.open(session);
        progress.reached(ShadowStep.TUNNEL_OPEN, session.sessionId());
        return new ShadowConnection(device, session, tunnel);
    }

    /** OS 11 devices are shadowed by secure VNC; everything else (12, unknown) through the server's tunnels. */
    static boolean isOs11(ThinClient device) {
        return device.osVersion() != null && device.osVersion().strip().startsWith("11");
    }

    private static String label(ThinClient device) {
        return PeerText.of(device.name(), 200) + " (id " + PeerText.of(device.id(), 64) + ")";
    }
}
