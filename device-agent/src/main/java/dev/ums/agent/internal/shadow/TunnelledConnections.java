package dev.ums.agent.internal.shadow;

import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loopback connections the agent opens to its own secure VNC port for OS 11 sessions that reached it
 * through a tunnel (a gateway). Such a session's indicator is shown by the tunnel's session, which knows the
 * session id and ends it with a typed reason; the listener shows one only for consoles connected straight to
 * the port. Any thread.
 */
public final class TunnelledConnections {
    private final Set<Integer> localPorts = ConcurrentHashMap.newKeySet();

    /** {@code socket}, connected to the secure port, carries a tunnel's session until {@link #closed}. */
    public void opened(Socket socket) {
        localPorts.add(socket.getLocalPort());
    }

    public void closed(int localPort) {
        localPorts.remove(localPort);
    }

    /** Whether the listener's {@code accepted} connection is one the agent opened for a tunnel. */
    public boolean isTunnelled(Socket accepted) {
        return accepted.getInetAddress().isLoopbackAddress() && localPorts.contains(accepted.getPort());
    }
}
