package dev.ums.server.internal.up;

import dev.ums.protocol.up.UpMessage;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.shadow.SecureVncSecrets;
import dev.ums.server.internal.shadow.ShadowBroker;
import dev.ums.server.internal.log.RepeatedWarning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server does with each Unified Protocol message, whichever way the device is connected (its own
 * socket, or through a gateway). A link counts as online from its hello until {@link #down}.
 */
public final class UpDispatcher {
    public static final int HEARTBEAT_SECONDS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(UpDispatcher.class);

    private final DeviceStore devices;
    private final DeviceConnections connections;
    private final ShadowBroker broker;
    private final SecureVncSecrets secrets;
    private final RepeatedWarning oddities = RepeatedWarning.perMinute(LOG, java.time.Clock.systemUTC(),
            "warnings about device messages");

    public UpDispatcher(DeviceStore devices, DeviceConnections connections, ShadowBroker broker,
                        SecureVncSecrets secrets) {
        this.devices = devices;
        this.connections = connections;
        this.broker = broker;
        this.secrets = secrets;
    }

    /** Handles one message; before hello ({@code greeted} false) only a hello is accepted. */
    public void dispatch(DeviceLink link, boolean greeted, UpMessage message) {
        long deviceId = link.deviceId();
        if (message instanceof UpMessage.Hello hello) {
            if (devices.contact(deviceId, link.remoteIp(), link.route(), hello.name(), hello.osVersion(),
                    hello.securePort())) {
                oddities.warn("device {} reported the name of another device; it keeps its own name", deviceId);
            }
            if (hello.localSettings() != null) {
                devices.adoptReportedSettings(deviceId, hello.localSettings());
            }
            connections.register(link);
            link.send(new UpMessage.Welcome(String.valueOf(deviceId), HEARTBEAT_SECONDS));
            LOG.info("device {} ({}) online from {} via {}", deviceId, hello.name(), link.remoteIp(), link.route());
        } else if (!greeted) {
            oddities.warn("device {} sent {} before hello, ignored", deviceId, message.getClass().getSimpleName());
        } else if (message instanceof UpMessage.Heartbeat) {
            link.send(new UpMessage.Heartbeat(System.currentTimeMillis()));
        } else if (message instanceof UpMessage.ShadowResult result) {
            broker.onResult(deviceId, result);
        } else if (message instanceof UpMessage.ShadowClosed closed) {
            broker.onDeviceClosed(deviceId, closed);
        } else if (message instanceof UpMessage.ShadowPasswordCheck check) {
            secrets.check(link, check);
        } else {
            oddities.warn("device {} sent an unexpected {}, ignored", deviceId, message.getClass().getSimpleName());
        }
    }

    /** The link is gone: the device is offline unless a newer link replaced it. */
    public void down(DeviceLink link, String reason) {
        if (connections.unregister(link)) {
            devices.touch(link.deviceId());
            LOG.info("device {} offline: {}", link.deviceId(), reason);
        }
    }
}
