package dev.ums.server.internal.shadow;

import dev.ums.protocol.up.ShadowOutcome;

/**
 * A shadow session that cannot start, with the one sentence the administrator sees. The REST edge answers each
 * {@link Reason} with its HTTP status; the broker and the web app's bridges only say why. Immutable, any thread.
 */
public final class ShadowRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the session does not start. */
    public enum Reason {
        /** No device has this id. */
        UNKNOWN_DEVICE,
        /** The device is not connected, or the server lacks what reaching it needs (its address, its certificate). */
        OFFLINE,
        /** The device's settings or its user said no. */
        NOT_ALLOWED,
        /** Too many sessions are being opened at once. */
        BUSY,
        /** The device did not answer in time. */
        NO_ANSWER,
        /** The device, its VNC server or the way to it failed. */
        FAILED,
        /** What the server holds for this device is unusable. */
        SERVER_DATA,
        /** The device's sessions must be recorded, and the route asked for passes the server by. */
        NOT_RECORDABLE;

        /** The reason for a device's answer other than acceptance. */
        public static Reason of(ShadowOutcome outcome) {
            return switch (outcome) {
                case DECLINED, NOT_ALLOWED -> NOT_ALLOWED;
                case NO_VNC_SERVER, TUNNEL_FAILED, ERROR, ACCEPTED -> FAILED;
            };
        }
    }

    private final Reason reason;

    public ShadowRefusal(Reason reason, String sentence) {
        super(sentence, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
