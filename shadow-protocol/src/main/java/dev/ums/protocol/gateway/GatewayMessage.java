package dev.ums.protocol.gateway;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.json.WireJson;

/**
 * A message on the control link between a UMS server and a Cloud Gateway (ICG): one JSON text frame,
 * discriminated by {@code type}. The gateway forwards devices' Unified Protocol messages unchanged (as
 * JSON text in {@code message}), so it needs to understand none of them. See docs/PROTOCOL.md.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = GatewayMessage.GatewayHello.class, name = "gateway.hello"),
        @JsonSubTypes.Type(value = GatewayMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = GatewayMessage.EnrollRequest.class, name = "enroll.request"),
        @JsonSubTypes.Type(value = GatewayMessage.EnrollResult.class, name = "enroll.result"),
        @JsonSubTypes.Type(value = GatewayMessage.DeviceAuth.class, name = "device.auth"),
        @JsonSubTypes.Type(value = GatewayMessage.DeviceAuthResult.class, name = "device.auth.result"),
        @JsonSubTypes.Type(value = GatewayMessage.DeviceUp.class, name = "device.up"),
        @JsonSubTypes.Type(value = GatewayMessage.DeviceDown.class, name = "device.down"),
        @JsonSubTypes.Type(value = GatewayMessage.DeviceSend.class, name = "device.send"),
        @JsonSubTypes.Type(value = GatewayMessage.DeviceClose.class, name = "device.close"),
        @JsonSubTypes.Type(value = GatewayMessage.TunnelRegister.class, name = "tunnel.register"),
        @JsonSubTypes.Type(value = GatewayMessage.TunnelCancel.class, name = "tunnel.cancel"),
        @JsonSubTypes.Type(value = GatewayMessage.TunnelPaired.class, name = "tunnel.paired"),
        @JsonSubTypes.Type(value = GatewayMessage.TunnelEnded.class, name = "tunnel.ended"),
})
public sealed interface GatewayMessage {

    /** Gateway → server, first: where consoles and devices reach the gateway, and its certificate's pin. */
    record GatewayHello(String advertiseUrl, String fingerprint, String version) implements GatewayMessage {
    }

    /** Either direction; keeps the link alive and lets each side notice a dead one. */
    record Heartbeat(long sentAtMillis) implements GatewayMessage {
    }

    /** Gateway → server: a device asks to enroll with {@code token}. */
    record EnrollRequest(String requestId, String token, EnrollmentRequest request, String remoteIp)
            implements GatewayMessage {
    }

    /** Server → gateway: the enrollment, or the HTTP status and sentence of the refusal. */
    record EnrollResult(String requestId, Enrollment enrollment, int status, String error) implements GatewayMessage {
    }

    /** Gateway → server: is this the credential of that device? */
    record DeviceAuth(String requestId, String deviceId, String credential) implements GatewayMessage {
    }

    /** Server → gateway: the answer to {@link DeviceAuth}. */
    record DeviceAuthResult(String requestId, boolean ok) implements GatewayMessage {
    }

    /**
     * Gateway → server: a Unified Protocol message from a device (its hello included). A hello carries the
     * device's {@code credential} again (the one its upgrade presented), so the server checks every device a
     * gateway announces, after a relink too; other messages carry none.
     */
    record DeviceUp(String deviceId, String remoteIp, String message, String credential) implements GatewayMessage {
    }

    /** Gateway → server: a device's socket closed. */
    record DeviceDown(String deviceId, String reason) implements GatewayMessage {
    }

    /** Server → gateway: a Unified Protocol message for a device. */
    record DeviceSend(String deviceId, String message) implements GatewayMessage {
    }

    /**
     * Server → gateway: close the device's socket with {@code reason} (a normal closure, as the server closes a
     * device's own socket) and forget the device, sending no {@link DeviceDown} for it: the server refused one of its
     * messages, or its credential was replaced. The device reconnects after its backoff. A gateway that holds no
     * socket of the device ignores it.
     */
    record DeviceClose(String deviceId, String reason) implements GatewayMessage {
    }

    /** Server → gateway: the only tokens the gateway accepts for this session's two tunnels. */
    record TunnelRegister(String sessionId, String consoleToken, String deviceToken, long ttlSeconds)
            implements GatewayMessage {
    }

    /** Server → gateway: forget a registered session (refused, failed, or ended on the device). */
    record TunnelCancel(String sessionId, String reason) implements GatewayMessage {
    }

    /** Gateway → server: both sides of a relayed session's tunnel are in and bytes flow; for the audit log. */
    record TunnelPaired(String sessionId) implements GatewayMessage {
    }

    /** Gateway → server: a relayed session ended; for the audit log. */
    record TunnelEnded(String sessionId, boolean paired, String reason, long bytesToDevice, long bytesFromDevice)
            implements GatewayMessage {
    }

    /** Parses one message; malformed JSON, an unknown type or a JSON null raise {@code MalformedMessageException}. */
    static GatewayMessage parse(String json) {
        return WireJson.readMessage(json, GatewayMessage.class);
    }

    default String toJson() {
        return WireJson.write(this);
    }
}
