package dev.ums.server.internal.up;

import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.up.UpMessage;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.shadow.SecureVncSecrets;
import dev.ums.server.internal.shadow.ShadowBroker;
import java.time.Duration;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's end of one device's Unified Protocol socket (already authenticated at the upgrade).
 * Jetty calls it on its own threads, one event at a time per socket.
 */
public final class UpSocket implements Session.Listener.AutoDemanding {
    public static final int HEARTBEAT_SECONDS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(UpSocket.class);

    private final long deviceId;
    private final String reachedHost;
    private final String remoteIp;
    private final String route;
    private final DeviceStore devices;
    private final DeviceConnections connections;
    private final ShadowBroker broker;
    private final SecureVncSecrets secrets;
    private UpConnection connection;
    private Session session;

    public UpSocket(long deviceId, String reachedHost, String remoteIp, String route, DeviceStore devices,
                    DeviceConnections connections, ShadowBroker broker, SecureVncSecrets secrets) {
        this.deviceId = deviceId;
        this.reachedHost = reachedHost;
        this.remoteIp = remoteIp;
        this.route = route;
        this.devices = devices;
        this.connections = connections;
        this.broker = broker;
        this.secrets = secrets;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        session.setIdleTimeout(Duration.ofSeconds(3L * HEARTBEAT_SECONDS));
    }

    @Override
    public void onWebSocketText(String text) {
        UpMessage message;
        try {
            message = UpMessage.parse(text);
        } catch (MalformedMessageException e) {
            LOG.warn("device {} sent a malformed message, ignored: {}", deviceId, e.getMessage());
            return;
        }
        if (message instanceof UpMessage.Hello hello) {
            devices.contact(deviceId, remoteIp, route, hello.name(), hello.osVersion());
            if (hello.localSettings() != null) {
                devices.adoptReportedSettings(deviceId, hello.localSettings());
            }
            connection = new UpConnection(deviceId, session, reachedHost, remoteIp);
            connections.register(connection);
            connection.send(new UpMessage.Welcome(String.valueOf(deviceId), HEARTBEAT_SECONDS));
            LOG.info("device {} ({}) online from {}", deviceId, hello.name(), remoteIp);
        } else if (connection == null) {
            LOG.warn("device {} sent {} before hello, ignored", deviceId, message.getClass().getSimpleName());
        } else if (message instanceof UpMessage.Heartbeat) {
            connection.send(new UpMessage.Heartbeat(System.currentTimeMillis()));
        } else if (message instanceof UpMessage.ShadowResult result) {
            broker.onResult(deviceId, result);
        } else if (message instanceof UpMessage.ShadowClosed closed) {
            broker.onDeviceClosed(deviceId, closed);
        } else if (message instanceof UpMessage.ShadowPasswordCheck check) {
            secrets.check(connection, check);
        } else {
            LOG.warn("device {} sent an unexpected {}, ignored", deviceId, message.getClass().getSimpleName());
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        if (connection != null) {
            connections.unregister(connection);
            devices.touch(deviceId);
            LOG.info("device {} offline ({} {})", deviceId, statusCode, reason);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("device {} socket error: {}", deviceId, cause.toString());
    }
}
