package dev.ums.agent.internal.shadow;

import dev.ums.protocol.up.UpMessage;
import java.util.Optional;

/**
 * The device's half of one {@code shadow.open}: what the tunnel is joined to. OS 12 joins it to the VNC
 * server ({@link ShadowSession}); OS 11 joins it to the device's own secure VNC port ({@link SecureTunnelSession}).
 * Runs on a session executor thread.
 */
interface DeviceSide {
    String id();

    /** The request this side serves. */
    UpMessage.ShadowOpen request();

    /** Runs the request to the point where bytes flow; returns the running session, or empty after answering a refusal. */
    Optional<Joined> start();
}
