package dev.ums.icg;

import dev.ums.icg.internal.DeviceSockets;
import dev.ums.icg.internal.GatewayHttp;
import dev.ums.icg.internal.GatewayUpgrades;
import dev.ums.icg.internal.ServerLink;
import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.io.OwnerOnlyDirectory;
import dev.ums.protocol.thread.DaemonThreads;
import dev.ums.protocol.tls.SelfSignedIdentity;
import dev.ums.relay.BindFailures;
import dev.ums.relay.ConnectionGuard;
import dev.ums.relay.RelayObserver;
import dev.ums.relay.TlsServerFactory;
import dev.ums.relay.TunnelRelay;
import dev.ums.relay.TunnelTokens;
import dev.ums.relay.handshake.HandshakeTurns;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Cloud Gateway: devices outside the network and the UMS server both dial out to it; it forwards the
 * devices' Unified Protocol messages to the server and relays shadowing tunnels whose tokens the server
 * registered, with the same bounded relay as the server.
 */
public final class IcgServer implements AutoCloseable {
    public static final String VERSION = "0.1.0";
    private static final Logger LOG = LoggerFactory.getLogger(IcgServer.class);

    private final Server jetty;
    private final SelfSignedIdentity identity;
    private final ServerLink link;
    private final DeviceSockets devices;
    private final TunnelRelay relay;
    private final ScheduledExecutorService housekeeping;
    private final String host;

    private IcgServer(Server jetty, SelfSignedIdentity identity, ServerLink link, DeviceSockets devices,
                      TunnelRelay relay, ScheduledExecutorService housekeeping, String host) {
        this.jetty = jetty;
        this.identity = identity;
        this.link = link;
        this.devices = devices;
        this.relay = relay;
        this.housekeeping = housekeeping;
        this.host = host;
    }

    /**
     * Makes the data directory owner-only ({@link OwnerOnlyDirectory}), loads or creates the TLS identity kept there
     * and starts listening.
     */
    public static IcgServer start(IcgConfig config) throws IOException {
        OwnerOnlyDirectory.secure(config.dataDir());
        SelfSignedIdentity identity = SelfSignedIdentity.loadOrCreate(config.dataDir(), "UMS Cloud Gateway");
        ServerLink link = new ServerLink();
        DeviceSockets devices = new DeviceSockets(config.deviceIdleLimit());
        TunnelTokens tokens = new TunnelTokens(config.clock());
        TunnelRelay relay = new TunnelRelay(config.clock(), new RelayObserver() {
            /** The relay logs the pairing itself; the server marks the session's audit entry connected. */
            @Override
            public void paired(String sessionId) {
                link.send(new GatewayMessage.TunnelPaired(sessionId));
            }

            @Override
            public void ended(String sessionId, boolean wasPaired, String reason, long toDevice, long fromDevice) {
                link.tunnelEnded(new GatewayMessage.TunnelEnded(sessionId, wasPaired, reason, toDevice, fromDevice));
            }
        }, Duration.ofMinutes(30));
        GatewayMessage.GatewayHello hello = new GatewayMessage.GatewayHello(config.advertiseUrl(), identity.fingerprint(),
                VERSION);
        ConnectionGuard guard = new ConnectionGuard(config.unauthenticatedPerAddress());
        GatewayUpgrades upgrades = new GatewayUpgrades(config.secret(), link, devices, tokens, relay, () -> hello,
                guard);
        GatewayHttp http = new GatewayHttp(link, config.serverAnswerLimit(), config.enrollmentBody());
        Server jetty = TlsServerFactory.create(config.bind(), config.port(), identity, http,
                upgrades::register, guard, HandshakeTurns.forProcessors());
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IOException(BindFailures.describe(config.bind(), config.port(), e), e);
        }
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                DaemonThreads.named("icg-housekeeping"));
        housekeeping.scheduleWithFixedDelay(() -> {
            relay.sweep();
            tokens.expire();
            link.sendHeldTunnelEnds();
        }, 5, 5, TimeUnit.SECONDS);
        long beat = devices.heldBackBeatPeriod().toMillis();
        housekeeping.scheduleWithFixedDelay(devices::beatHeldBack, beat, beat, TimeUnit.MILLISECONDS);
        String host = config.bind() == null || config.bind().equals("0.0.0.0") ? "localhost" : config.bind();
        return new IcgServer(jetty, identity, link, devices, relay, housekeeping, host);
    }

    public int port() {
        return TlsServerFactory.localPort(jetty);
    }

    public String fingerprint() {
        return identity.fingerprint();
    }

    public String baseUrl() {
        return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }

    public boolean serverConnected() {
        return link.isUp();
    }

    public int connectedDevices() {
        return devices.count();
    }

    public TunnelRelay relay() {
        return relay;
    }

    public void awaitStop() throws InterruptedException {
        jetty.join();
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        // the tunnels' ends go to the server ahead of the link's close, so their audit entries end
        relay.closeAll("the gateway is shutting down");
        link.close("the gateway is shutting down");
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the gateway failed", e);
        }
    }
}
