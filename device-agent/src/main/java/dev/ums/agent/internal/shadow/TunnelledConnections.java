package dev.ums.agent.internal.shadow;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loopback connections the agent opens to its own secure VNC port for OS 11 sessions that reached it
 * through a tunnel (a gateway). Such a session's indicator is shown by the tunnel's session, which knows the
 * session id and ends it with a typed reason; the listener shows one only for consoles connected straight to
 * the port. A connection is the agent's when it comes from the very address and port of the agent's end: every address
 * of 127.0.0.0/8 is a loopback address, and a program on the device may bind another one to the same port. Any thread.
 */
public final class TunnelledConnections {
    private final Set<SocketAddress> agentEnds = ConcurrentHashMap.newKeySet();

    /**
     * {@code socket}, connected to the secure port, carries a tunnel's session until {@link #closed} with the agent's
     * end this returns (taken now: a closed socket no longer names its local address).
     */
    public SocketAddress opened(Socket socket) {
        SocketAddress end = new InetSocketAddress(socket.getLocalAddress(), socket.getLocalPort());
        agentEnds.add(end);
        return end;
    }

    /** The session on the connection from {@code agentEnd} ended. */
    public void closed(SocketAddress agentEnd) {
        agentEnds.remove(agentEnd);
    }

    /** Whether the listener's {@code accepted} connection is one the agent opened for a tunnel. */
    public boolean isTunnelled(Socket accepted) {
        return accepted.getInetAddress().isLoopbackAddress() && agentEnds.contains(accepted.getRemoteSocketAddress());
    }
}
