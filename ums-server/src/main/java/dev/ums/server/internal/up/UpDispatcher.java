package dev.ums.server.internal.up;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.input.InputLimits;
import dev.ums.server.internal.input.InvalidInputException;
import dev.ums.server.internal.link.DeviceConnections;
import dev.ums.server.internal.link.DeviceLink;
import dev.ums.server.internal.shadow.SecureVncSecrets;
import dev.ums.server.internal.shadow.ShadowBroker;
import java.time.Clock;
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
    private final DeviceBudget hellos = new DeviceBudget(Clock.systemUTC(), DeviceBudget.HELLOS_PER_MINUTE);
    private final DeviceBudget passwordChecks = new DeviceBudget(Clock.systemUTC(),
            DeviceBudget.PASSWORD_CHECKS_PER_MINUTE);
    private final RepeatedWarning oddities = RepeatedWarning.perMinute(LOG, Clock.systemUTC(),
            "warnings about device messages");

    public UpDispatcher(DeviceStore devices, DeviceConnections connections, ShadowBroker broker,
                        SecureVncSecrets secrets) {
        this.devices = devices;
        this.connections = connections;
        this.broker = broker;
        this.secrets = secrets;
    }

    /**
     * Handles one message; before hello ({@code greeted} false) only a hello is accepted. A message that
     * breaks a limit, or a hello or a session password check beyond the device's budget ({@link DeviceBudget}), closes
     * the link with a sentence saying so.
     */
    public void dispatch(DeviceLink link, boolean greeted, UpMessage message) {
        long deviceId = link.deviceId();
        try {
            InputLimits.check(message);
        } catch (InvalidInputException e) {
            refuse(link, e.getMessage());
            return;
        }
        if (message instanceof UpMessage.Hello && !hellos.allow(deviceId)) {
            refuse(link, "too many hello messages; connect again in a minute");
            return;
        }
        if (greeted && message instanceof UpMessage.ShadowPasswordCheck && !passwordChecks.allow(deviceId)) {
            refuse(link, "too many session password checks; connect again in a minute");
            return;
        }
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
            LOG.info("device {} ({}) online from {} via {}", deviceId, RepeatedWarning.peerText(hello.name()),
                    link.remoteIp(), link.route());
        } else if (!greeted) {
            refuse(link, "the first message must be hello");
        } else if (message instanceof UpMessage.Heartbeat) {
            link.send(new UpMessage.Heartbeat(System.currentTimeMillis()));
        } else if (message instanceof UpMessage.ShadowResult result) {
            if (connections.answered(deviceId, result.sessionId(), result.outcome() == ShadowOutcome.ACCEPTED)) {
                broker.onResult(deviceId, result);
            } else {
                ignore(link, "a shadow.result", result.sessionId());
            }
        } else if (message instanceof UpMessage.ShadowClosed closed) {
            if (connections.closed(deviceId, closed.sessionId())) {
                broker.onDeviceClosed(deviceId, closed);
            } else {
                ignore(link, "a shadow.closed", closed.sessionId());
            }
        } else if (message instanceof UpMessage.ShadowPasswordCheck check) {
            secrets.check(link, check);
        } else {
            refuse(link, "a device does not send " + wireName(message) + " messages");
        }
    }

    /** Drops a message about a session the device was not asked about, or answered already; one rate-limited line. */
    private void ignore(DeviceLink link, String what, String sessionId) {
        oddities.warn("device {} from {} via {} sent {} for session {}, which it was not asked about or answered "
                + "already; ignored", link.deviceId(), link.remoteIp(), link.route(), what,
                RepeatedWarning.peerText(sessionId));
    }

    /**
     * Closes a link whose device broke the protocol's limits; the device learns why, the log too. Through a gateway the
     * gateway is asked to close the device's socket with the sentence, and the server forgets the link, so what the
     * device still sends meanwhile counts as not greeted.
     */
    public void refuse(DeviceLink link, String sentence) {
        oddities.warn("device {} from {} via {}: {}; closing its connection", link.deviceId(), link.remoteIp(),
                link.route(), sentence);
        link.close(sentence);
        down(link, sentence);
    }

    /** The message's {@code type} on the wire, as docs/PROTOCOL.md names it. */
    private static String wireName(UpMessage message) {
        for (JsonSubTypes.Type type : UpMessage.class.getAnnotation(JsonSubTypes.class).value()) {
            if (type.value() == message.getClass()) {
                return type.name();
            }
        }
        return message.getClass().getSimpleName();
    }

    /** The link is gone: the device is offline unless a newer link replaced it. */
    public void down(DeviceLink link, String reason) {
        if (connections.unregister(link)) {
            devices.touch(link.deviceId());
            LOG.info("device {} offline: {}", link.deviceId(), reason);
        }
    }
}
