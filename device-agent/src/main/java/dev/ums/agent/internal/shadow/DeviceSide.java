package dev.ums.agent.internal.shadow;

import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import java.io.IOException;
import java.util.Optional;

/**
 * The device's half of one {@code shadow.open}: what the tunnel is joined to. OS 12 joins it to the VNC
 * server ({@link ShadowSession}); OS 11 joins it to the device's own secure VNC port ({@link SecureTunnelSession}).
 * Both first apply the stricter of the request's and the device's settings and refuse when shadowing is off, then
 * refuse a tunnel address that is not {@code wss} ({@link TunnelUrl}), or a tunnel pin that is not one, before the user
 * is asked or anything connects.
 * Runs on a session executor thread.
 */
abstract class DeviceSide {
    private final UpMessage.ShadowOpen open;
    private final ShadowSettings local;
    private final TunnelOpener tunnels;
    private final UpSender up;

    DeviceSide(UpMessage.ShadowOpen open, ShadowSettings local, TunnelOpener tunnels, UpSender up) {
        this.open = open;
        this.local = local;
        this.tunnels = tunnels;
        this.up = up;
    }

    final String id() {
        return open.sessionId();
    }

    /** The request this side serves. */
    final UpMessage.ShadowOpen request() {
        return open;
    }

    /** Runs the request to the point where bytes flow; returns the running session, or empty after answering a refusal. */
    final Optional<Joined> start() {
        TunnelJoin join = new TunnelJoin(open, tunnels, up);
        ShadowSettings effective = open.effectiveSettings(local);
        if (!effective.allowShadowing()) {
            return join.refuse(ShadowOutcome.NOT_ALLOWED, "shadowing is switched off on this device");
        }
        try {
            TunnelUrl.parse(open.tunnelUrl());
        } catch (IOException e) {
            return join.refuse(ShadowOutcome.TUNNEL_FAILED, e.getMessage());
        }
        Optional<String> badPin = OpenRequestCheck.pinProblem(open);
        if (badPin.isPresent()) {
            return join.refuse(ShadowOutcome.TUNNEL_FAILED, badPin.get());
        }
        return serve(join, effective);
    }

    /** Serves a request the device's settings allow: connects its local end through {@code join}. */
    abstract Optional<Joined> serve(TunnelJoin join, ShadowSettings effective);
}
