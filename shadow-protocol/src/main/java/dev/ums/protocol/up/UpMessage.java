package dev.ums.protocol.up;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.tunnel.SessionEnd;

/**
 * A Unified Protocol message: one JSON text frame on the device's WebSocket, discriminated by {@code type}.
 * See docs/PROTOCOL.md for the exchange.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = UpMessage.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = UpMessage.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = UpMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = UpMessage.ShadowOpen.class, name = "shadow.open"),
        @JsonSubTypes.Type(value = UpMessage.ShadowResult.class, name = "shadow.result"),
        @JsonSubTypes.Type(value = UpMessage.ShadowClosed.class, name = "shadow.closed"),
        @JsonSubTypes.Type(value = UpMessage.ShadowPasswordCheck.class, name = "shadow.password.check"),
        @JsonSubTypes.Type(value = UpMessage.ShadowPasswordVerdict.class, name = "shadow.password.verdict"),
})
public sealed interface UpMessage {

    /**
     * Device → server, first message after the socket opens: what the device is and how it is set.
     * {@code securePort} is where an OS 11 device serves secure VNC (null for OS 12 devices).
     */
    record Hello(String name, String unitId, String mac, String osVersion, String agentVersion,
                 ShadowSettings localSettings, Integer securePort) implements UpMessage {
        public Hello(String name, String unitId, String mac, String osVersion, String agentVersion,
                     ShadowSettings localSettings) {
            this(name, unitId, mac, osVersion, agentVersion, localSettings, null);
        }
    }

    /** Server → device, answer to hello: the device's id and the heartbeat interval it must keep. */
    record Welcome(String deviceId, int heartbeatSeconds) implements UpMessage {
    }

    /** Either direction; keeps the connection and the device's online state alive. */
    record Heartbeat(long sentAtMillis) implements UpMessage {
    }

    /** Server → device: open a shadowing tunnel for this session, with these settings. */
    record ShadowOpen(String sessionId, String tunnelUrl, String token, String tunnelFingerprint,
                      String admin, boolean viewOnly, ShadowSettings settings) implements UpMessage {
        /** What the device enforces: the stricter of the server's settings and its own {@code local} ones. */
        public ShadowSettings effectiveSettings(ShadowSettings local) {
            return settings == null ? local : settings.strictest(local);
        }
    }

    /** Device → server: the device's answer to {@link ShadowOpen}. */
    record ShadowResult(String sessionId, ShadowOutcome outcome, String message) implements UpMessage {
    }

    /**
     * Device → server: a session ended on the device side (VNC server closed, user disconnected); {@code end} is
     * the typed reason when the device ended it on purpose, else null.
     */
    record ShadowClosed(String sessionId, String reason, SessionEnd end) implements UpMessage {
        public ShadowClosed(String sessionId, String reason) {
            this(sessionId, reason, null);
        }
    }

    /** Device → server (OS 11): is this one-time session password valid for me? */
    record ShadowPasswordCheck(String requestId, String password) implements UpMessage {
    }

    /**
     * Server → device (OS 11): the answer to {@link ShadowPasswordCheck}; for a good password also the
     * administrator it was issued to and the device's shadow settings on the server (both null for a bad one).
     */
    record ShadowPasswordVerdict(String requestId, boolean valid, String admin, ShadowSettings settings)
            implements UpMessage {
        public ShadowPasswordVerdict(String requestId, boolean valid) {
            this(requestId, valid, null, null);
        }

        /** What the device enforces: the stricter of the server's settings and its own {@code local} ones. */
        public ShadowSettings effectiveSettings(ShadowSettings local) {
            return settings == null ? local : settings.strictest(local);
        }
    }

    /** Parses one message; malformed JSON, an unknown type or a JSON null raise {@code MalformedMessageException}. */
    static UpMessage parse(String json) {
        return WireJson.readMessage(json, UpMessage.class);
    }

    default String toJson() {
        return WireJson.write(this);
    }
}
