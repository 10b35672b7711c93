package dev.ums.server.internal.rest;

import dev.ums.protocol.imi.ShadowRequest;
import dev.ums.protocol.imi.ShadowSecret;
import dev.ums.protocol.imi.ShadowSession;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.imi.ThinClient;
import dev.ums.relay.TunnelTokens.Presenter;
import dev.ums.server.internal.account.WebSessions;
import dev.ums.server.internal.audit.AdminActions;
import dev.ums.server.internal.audit.AuditLog;
import dev.ums.server.internal.device.Device;
import dev.ums.server.internal.device.DeviceStore;
import dev.ums.server.internal.gateway.OfflineReasons;
import dev.ums.server.internal.input.InputLimits;
import dev.ums.server.internal.link.DeviceConnections;
import dev.ums.server.internal.link.ShadowEnds;
import dev.ums.server.internal.recording.SessionRecordings;
import dev.ums.server.internal.shadow.SecureVncSecrets;
import dev.ums.server.internal.shadow.ShadowBroker;
import dev.ums.server.internal.webapp.BrowserBridges;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The IMI thin-client calls, the device's shadow settings (a change is logged with who made it), its shadow log, and
 * starting a shadow session.
 */
public record DeviceRoutes(DeviceStore devices, DeviceConnections connections, ShadowBroker broker, AuditLog audit,
                           SecureVncSecrets secrets, OfflineReasons offlineReasons, WebSessions sessions,
                           BrowserBridges bridges, SessionRecordings recordings, ShadowEnds shadowEnds,
                           AdminActions actions) {
    private static final String ID = "/umsapi/v3/thinclients/(\\d+)";

    public void register(Router router) {
        router.secured("GET", "/umsapi/v3/thinclients", (ex, m) -> {
            List<String> facets = ex.facets();
            List<ThinClient> list = devices.all().stream()
                    .map(d -> view(d, facets, null)).toList();
            ex.ok(list);
        });
        router.secured("GET", ID, (ex, m) -> {
            Device d = device(m.group(1));
            ShadowSecret secret = null;
            if (ex.facets().contains("shadow")) {
                if (!d.settings().allowShadowing()) {
                    throw new ApiException(403, "shadowing is not allowed on this device");
                }
                if (recordings.required(d)) {
                    // the console's OS 11 session is TLS from the console to the device: the server never sees it
                    throw broker.unrecordable(d, ex.user(), ex.client(), "secure VNC straight from the console");
                }
                secret = secrets.issue(d, ex.user());
            }
            ex.ok(view(d, ex.facets(), secret));
        });
        router.secured("GET", ID + "/shadowsettings", (ex, m) -> ex.ok(device(m.group(1)).settings()));
        router.secured("PUT", ID + "/shadowsettings", (ex, m) -> {
            Device d = device(m.group(1));
            ShadowSettings settings = ex.body(ShadowSettings.class);
            InputLimits.check(settings);
            devices.updateSettings(d.id(), settings);
            actions.shadowSettingsChanged(ex.user(), d.id(), d.name(), d.settings(), settings);
            ex.ok(settings);
        });
        router.secured("GET", ID + "/shadowlog", (ex, m) -> ex.ok(audit.forDevice(device(m.group(1)).id())));
        router.secured("POST", ID + "/shadow", (ex, m) -> {
            long id = Long.parseLong(m.group(1));
            // no body means a full session; a body must be a ShadowRequest object
            boolean viewOnly = !ex.bodyText().isBlank() && ex.body(ShadowRequest.class).viewOnly();
            String web = ex.webSession();
            CompletableFuture<ShadowSession> started = web == null ? forConsole(ex, id, viewOnly)
                    : forBrowser(ex, id, viewOnly);
            if (web != null) {
                // the browser's tunnel is admitted only for sessions opened in its own login; a logout ends them,
                // and one that came while this session was being opened leaves it to be ended here (the session
                // itself may have ended meanwhile, which its login forgets: the login's end is what counts)
                started = started.thenApply(session -> {
                    sessions.opened(web, session.sessionId());
                    if (sessions.user(web).isEmpty()) {
                        shadowEnds.end(session.sessionId(), "the administrator logged out of the web app");
                        throw new ApiException(401, "the web app's login ended while the session was being opened");
                    }
                    return session;
                });
            }
            ex.okWhenDone(started);
        });
    }

    /**
     * A console opens its tunnel where the broker says: this server's relay, or a gateway's. A session that must be
     * recorded and whose device is behind a gateway is bridged by this server instead (as for a browser), so that
     * it passes this server's relay: the console gets a tunnel to this server and sees no difference.
     */
    private CompletableFuture<ShadowSession> forConsole(Exchange ex, long id, boolean viewOnly) {
        Device d = devices.find(id).orElse(null);
        boolean viaGateway = d != null && "icg".equals(connections.get(id).map(link -> link.tunnels().route())
                .orElse(d.route()));
        if (viaGateway && recordings.required(d)) {
            if (d.osVersion() != null && d.osVersion().startsWith("11")) {
                // the console's OS 11 session is TLS inside the tunnel: bridged, the server would see only ciphertext
                throw broker.unrecordable(d, ex.user(), ex.client(), "secure VNC straight from the console");
            }
            CompletableFuture<ShadowSession> brokered = broker.start(ex.user(), ex.client(), id, viewOnly,
                    ex.reachedHost(), ex.executor(), true);
            return bridges.viaGateway(brokered, ex.reachedHost(), Presenter.ANY, atGateway(id));
        }
        return broker.start(ex.user(), ex.client(), id, viewOnly, ex.reachedHost(), ex.executor());
    }

    /**
     * A browser reaches only this server: devices behind a gateway and OS 11 devices are reached by the server
     * on its behalf ({@link BrowserBridges}); OS 12 devices reached directly meet the browser in the relay. The
     * browser's tunnel goes to the host its page came from, never to this node's advertised address: its page's
     * policy, its origin check and its host-bound cookie admit no other (a load balancer keeps it on this node).
     */
    private CompletableFuture<ShadowSession> forBrowser(Exchange ex, long id, boolean viewOnly) {
        Device d = device(String.valueOf(id));
        String route = connections.get(id).map(link -> link.tunnels().route()).orElse(d.route());
        boolean viaGateway = "icg".equals(route);
        if (d.osVersion() != null && d.osVersion().startsWith("11")) {
            if (!d.settings().allowShadowing()) {
                throw new ApiException(403, "shadowing is not allowed on this device");
            }
            if (!viaGateway) {
                return bridges.os11Direct(d, ex.user(), ex.reachedHost());
            }
            return bridges.os11ViaGateway(d, ex.user(), () -> broker.start(ex.user(), ex.client(), id, false,
                    ex.reachedHost(), ex.executor()), ex.reachedHost(), atGateway(id));
        }
        CompletableFuture<ShadowSession> brokered = broker.start(ex.user(), ex.client(), id, viewOnly,
                ex.reachedHost(), ex.executor());
        return viaGateway ? bridges.viaGateway(brokered, ex.reachedHost(), Presenter.BROWSER, atGateway(id)) : brokered;
    }

    /**
     * Ends a session brokered at the device's gateway whose bridge was not made: through the gateway's link here, or,
     * in a cluster whose other node holds it, through that node.
     */
    private ShadowEnds atGateway(long deviceId) {
        return (sessionId, reason) -> connections.get(deviceId).ifPresentOrElse(
                link -> link.tunnels().cancel(sessionId, reason), () -> shadowEnds.endAt(deviceId, sessionId, reason));
    }

    private ThinClient view(Device d, List<String> facets, ShadowSecret secret) {
        return ThinClientView.of(d, connections.isOnline(d.id()), offlineReasons.of(d.id()).orElse(null), facets, secret);
    }

    private Device device(String id) {
        return devices.find(Long.parseLong(id)).orElseThrow(() -> new ApiException(404, "no device with id " + id));
    }
}
