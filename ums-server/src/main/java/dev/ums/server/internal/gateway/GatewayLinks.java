package dev.ums.server.internal.gateway;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.gateway.GatewaySecret;
import dev.ums.protocol.up.UpMessage;
import dev.ums.server.GatewayTarget;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.device.Enroller;
import dev.ums.server.internal.device.EnrollmentOutcome;
import dev.ums.server.internal.input.InputLimits;
import dev.ums.server.internal.input.InvalidInputException;
import dev.ums.server.internal.link.DeviceLink;
import dev.ums.server.internal.up.UpDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * All the server's gateway links, and how their events reach the server's device and audit machinery. In a cluster
 * each gateway is linked by the one node holding its {@link GatewayLease}.
 */
public final class GatewayLinks implements GatewayEvents, AutoCloseable {
    private final Enroller enroller;
    private final DeviceStore devices;
    private final UpDispatcher dispatcher;
    private final GatewayTunnelAudit tunnelAudit;
    private final OfflineReasons offlineReasons;
    private final List<GatewayClient> clients = new ArrayList<>();

    public GatewayLinks(Enroller enroller, DeviceStore devices, UpDispatcher dispatcher, GatewayTunnelAudit tunnelAudit,
                        OfflineReasons offlineReasons) {
        this.enroller = enroller;
        this.devices = devices;
        this.dispatcher = dispatcher;
        this.tunnelAudit = tunnelAudit;
        this.offlineReasons = offlineReasons;
    }

    /** Links to each gateway while {@code leases} gives this server the gateway's lease. */
    public void start(List<GatewayTarget> targets, String secret, Function<GatewayTarget, GatewayLease> leases) {
        if (!targets.isEmpty()) {
            GatewaySecret.check(secret, "linking to a gateway");
        }
        for (GatewayTarget target : targets) {
            GatewayClient client = new GatewayClient(target, secret, this, leases.apply(target));
            clients.add(client);
            client.start();
        }
    }

    public List<GatewayClient> clients() {
        return List.copyOf(clients);
    }

    @Override
    public GatewayMessage.EnrollResult enroll(GatewayMessage.EnrollRequest request) {
        try {
            InputLimits.check(request.request());
        } catch (InvalidInputException e) {
            return new GatewayMessage.EnrollResult(request.requestId(), null, 400, e.getMessage());
        }
        EnrollmentOutcome outcome = enroller.enroll(request.token(), request.request(), request.remoteIp());
        int status = EnrollmentAnswers.status(outcome);
        if (outcome instanceof EnrollmentOutcome.Enrolled e) {
            return new GatewayMessage.EnrollResult(request.requestId(), e.enrollment(), status, null);
        }
        if (outcome instanceof EnrollmentOutcome.AwaitingApproval a) {
            return new GatewayMessage.EnrollResult(request.requestId(), a.enrollment(), status, null);
        }
        return new GatewayMessage.EnrollResult(request.requestId(), null, status,
                ((EnrollmentOutcome.Refused) outcome).refusal().sentence());
    }

    @Override
    public boolean authenticate(String deviceId, String credential) {
        try {
            return credential != null && devices.credentialMatches(Long.parseLong(deviceId), credential);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void deviceMessage(DeviceLink link, boolean greeted, UpMessage message) {
        if (message instanceof UpMessage.Hello) {
            offlineReasons.clear(link.deviceId());
        }
        dispatcher.dispatch(link, greeted, message);
    }

    @Override
    public void deviceDown(DeviceLink link, String reason, boolean gatewayDown) {
        if (gatewayDown) {
            offlineReasons.set(link.deviceId(), reason);
        }
        dispatcher.down(link, reason);
    }

    @Override
    public void tunnelPaired(String gateway, String sessionId) {
        tunnelAudit.paired(gateway, sessionId);
    }

    @Override
    public void tunnelEnded(String gateway, GatewayMessage.TunnelEnded ended) {
        tunnelAudit.ended(gateway, ended);
    }

    @Override
    public void close() {
        clients.forEach(GatewayClient::close);
    }
}
