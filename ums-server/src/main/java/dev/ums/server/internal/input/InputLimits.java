package dev.ums.server.internal.input;

import dev.ums.protocol.imi.EnrollmentRequest;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.up.UpMessage;

/**
 * The limits of every field the server stores or passes on, checked where a value enters (REST bodies, device
 * messages) so that nothing reaches the database that it would refuse. The lengths are the columns' own.
 * Stateless; any thread.
 */
public final class InputLimits {
    public static final int NAME = 200;
    public static final int UNIT_ID = 64;
    public static final int MAC = 32;
    public static final int OS_VERSION = 16;
    public static final int AGENT_VERSION = 64;
    public static final int CERTIFICATE = 8000;
    public static final int ENROLLMENT_KEY = 128;
    public static final int DIRECTORY_NAME = 200;
    /** Session and request ids are UUIDs; a little room for other generators. */
    public static final int ID = 64;
    /** Reasons travel in WebSocket close frames, whose reason holds at most 123 bytes. */
    public static final int REASON = 120;
    public static final int MESSAGE = 1000;
    public static final int PASSWORD = 128;

    private InputLimits() {
    }

    public static void check(EnrollmentRequest request) {
        present(request, "enrollment needs the device's name and unit id");
        required("the device's name", request.name(), NAME);
        required("the device's unit id", request.unitId(), UNIT_ID);
        optional("the device's MAC address", request.mac(), MAC);
        optional("the device's OS version", request.osVersion(), OS_VERSION);
        optional("the device's certificate", request.certificate(), CERTIFICATE);
        optional("the device's enrollment key", request.enrollmentKey(), ENROLLMENT_KEY);
    }

    public static void check(ShadowSettings settings) {
        present(settings, "the shadow settings are missing");
    }

    /** Checks a device's message; {@code null} fields a message may leave out stay allowed. */
    public static void check(UpMessage message) {
        present(message, "the message is empty");
        if (message instanceof UpMessage.Hello hello) {
            optional("the device's name", hello.name(), NAME);
            optional("the device's unit id", hello.unitId(), UNIT_ID);
            optional("the device's MAC address", hello.mac(), MAC);
            optional("the device's OS version", hello.osVersion(), OS_VERSION);
            optional("the agent's version", hello.agentVersion(), AGENT_VERSION);
            if (hello.securePort() != null) {
                port("the secure VNC port", hello.securePort());
            }
        } else if (message instanceof UpMessage.ShadowResult result) {
            required("the session id", result.sessionId(), ID);
            present(result.outcome(), "the shadow result has no outcome");
            optional("the shadow result's message", result.message(), MESSAGE);
        } else if (message instanceof UpMessage.ShadowClosed closed) {
            required("the session id", closed.sessionId(), ID);
            optional("the reason", closed.reason(), REASON);
        } else if (message instanceof UpMessage.ShadowPasswordCheck check) {
            required("the request id", check.requestId(), ID);
            required("the password", check.password(), PASSWORD);
        }
    }

    public static void port(String what, int port) {
        if (port < 1 || port > 65535) {
            throw new InvalidInputException(what + " must be between 1 and 65535, got " + port);
        }
    }

    public static String required(String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(what + " is missing");
        }
        return optional(what, value, max);
    }

    public static String optional(String what, String value, int max) {
        if (value != null && value.length() > max) {
            throw new InvalidInputException(what + " is longer than " + max + " characters");
        }
        if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            throw new InvalidInputException(what + " contains control characters");
        }
        return value;
    }

    private static void present(Object value, String sentence) {
        if (value == null) {
            throw new InvalidInputException(sentence);
        }
    }
}
