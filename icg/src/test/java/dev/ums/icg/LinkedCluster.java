package dev.ums.icg;

import static org.awaitility.Awaitility.await;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.DeviceAgent;
import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.server.GatewayTarget;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.XvncServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The in-process parts the gateway tests put together: a gateway in {@code dir/icg}, a server in
 * {@code dir/server} linked to it, devices behind the gateway showing an Xvnc, and an administrator's client.
 * Each start waits until the part is connected, so a test begins with everything online.
 */
final class LinkedCluster {
    static final String SECRET = "gateway-secret-of-the-tests";
    private static final Duration CONNECT = Duration.ofSeconds(10);

    private LinkedCluster() {
    }

    /** The gateway, on {@code port} (0 for any free one), with the secret it shares with the server. */
    static IcgServer gateway(Path dir, int port) throws Exception {
        return IcgServer.start(IcgConfig.forTests(dir.resolve("icg"), SECRET).withPort(port));
    }

    /** A server linked to {@code gateway}; waits until the gateway sees it. */
    static UmsServer serverLinkedTo(IcgServer gateway, Path dir) throws Exception {
        return serverLinkedTo(gateway, dir, c -> c);
    }

    /** A server linked to {@code gateway}, its test configuration changed by {@code adjust}; waits as above. */
    static UmsServer serverLinkedTo(IcgServer gateway, Path dir, UnaryOperator<ServerConfig> adjust) throws Exception {
        UmsServer server = UmsServer.start(adjust.apply(ServerConfig.forTests(dir.resolve("server"))
                .withGateways(List.of(new GatewayTarget(gateway.baseUrl(), gateway.fingerprint())), SECRET)));
        await().atMost(CONNECT).until(gateway::serverConnected);
        return server;
    }

    /** A device named {@code name} behind {@code gateway}, serving {@code xvnc}; waits until it is connected. */
    static DeviceAgent deviceBehind(IcgServer gateway, String name, XvncServer xvnc, Path data,
                                    UnaryOperator<AgentConfig> adjust) throws Exception {
        DeviceAgent agent = DeviceAgent.start(adjust.apply(AgentConfig.builder(gateway.baseUrl(), gateway.fingerprint(),
                name, data).vnc(InetSocketAddress.createUnresolved(xvnc.host(), xvnc.port())).promptUser(false)
                .enrollmentToken("enroll-secret").build()));
        await().atMost(CONNECT).until(agent::isConnected);
        return agent;
    }

    /** The administrator's REST client, logged in. */
    static ImiClient admin(UmsServer server) throws IOException {
        ImiClient console = ImiClient.create(ServerAddress.parse(server.baseUrl()), server.fingerprint());
        console.login("admin", "admin-secret".toCharArray());
        return console;
    }
}
