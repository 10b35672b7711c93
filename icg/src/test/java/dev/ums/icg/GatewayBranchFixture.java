package dev.ums.icg;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.DeviceAgent;
import dev.ums.console.core.ImiClient;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.server.ServerConfig;
import dev.ums.server.UmsServer;
import dev.ums.testkit.vnc.XvncServer;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One branch office, as the gateway tests shadow it: a real 320x240 Xvnc for the whole class, and per test a
 * gateway, a server linked to it, one device behind the gateway showing the Xvnc and an administrator's console
 * ({@link LinkedCluster}), all closed after each test (the console's kept connections first, so that the server stops
 * at once). Called by JUnit's test thread.
 */
abstract class GatewayBranchFixture {
    static XvncServer xvnc;

    @TempDir
    Path dir;
    IcgServer gateway;
    UmsServer server;
    DeviceAgent agent;
    ImiClient console;

    @BeforeAll
    static void startXvnc() {
        xvnc = XvncServer.start(320, 240);
    }

    @AfterAll
    static void stopXvnc() {
        xvnc.close();
    }

    /** Starts the branch; the device is called {@code deviceName}, both configurations changed as given. */
    void startBranch(String deviceName, UnaryOperator<ServerConfig> adjustServer,
                     UnaryOperator<AgentConfig> adjustAgent) throws Exception {
        gateway = LinkedCluster.gateway(dir, 0);
        server = LinkedCluster.serverLinkedTo(gateway, dir, adjustServer);
        agent = LinkedCluster.deviceBehind(gateway, deviceName, xvnc, dir.resolve("agent"), adjustAgent);
        console = LinkedCluster.admin(server);
    }

    @AfterEach
    void stopBranch() {
        agent.close();
        // the server would wait for the console's kept connection up to its stop timeout
        console.closeIdleConnections();
        server.close();
        gateway.close();
    }

    /** The device as the server lists it now. */
    ThinClient device() throws Exception {
        return console.thinClient(agent.deviceId());
    }
}
