package dev.ums.agent.internal.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import org.junit.jupiter.api.Test;

/**
 * Which connections to the secure port the agent opened for a tunnel's session (the tunnel's session shows the
 * indicator, so the listener shows none for them). Every address of 127.0.0.0/8 is a loopback address: a program on
 * the device that bound another of them to the port the agent's connection uses was taken for the agent's own, and
 * its session, once a password was vouched for, ran without an indicator the person at the device could see or end.
 */
class TunnelledConnectionsTest {
    private final TunnelledConnections tunnelled = new TunnelledConnections();

    @Test
    void onlyTheAgentsOwnConnectionIsTunnelledNotOneFromAnotherLoopbackAddressWithItsPort() throws Exception {
        try (ServerSocket securePort = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
             Socket agents = new Socket(InetAddress.getByName("127.0.0.1"), securePort.getLocalPort());
             Socket acceptedAgents = securePort.accept();
             Socket impostor = new Socket()) {
            tunnelled.opened(agents);
            impostor.bind(new InetSocketAddress("127.0.0.2", agents.getLocalPort()));
            impostor.connect(securePort.getLocalSocketAddress());
            try (Socket acceptedImpostor = securePort.accept()) {
                assertThat(acceptedImpostor.getPort()).isEqualTo(agents.getLocalPort());

                assertThat(tunnelled.isTunnelled(acceptedAgents)).isTrue();
                assertThat(tunnelled.isTunnelled(acceptedImpostor)).as("127.0.0.2, the agent's port").isFalse();
            }
        }
    }

    @Test
    void aSessionThatEndedIsForgottenAlsoOnceItsSocketIsClosed() throws Exception {
        try (ServerSocket securePort = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
             Socket agents = new Socket(InetAddress.getByName("127.0.0.1"), securePort.getLocalPort());
             Socket acceptedAgents = securePort.accept()) {
            SocketAddress agentEnd = tunnelled.opened(agents);
            agents.close();

            tunnelled.closed(agentEnd);

            assertThat(tunnelled.isTunnelled(acceptedAgents)).isFalse();
        }
    }
}
