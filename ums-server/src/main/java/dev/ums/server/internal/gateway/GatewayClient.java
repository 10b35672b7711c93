package dev.ums.server.internal.gateway;

import dev.ums.protocol.gateway.GatewayMessage;
import dev.ums.protocol.gateway.GatewayPaths;
import dev.ums.protocol.json.MalformedMessageException;
import dev.ums.protocol.link.ControlLink;
import dev.ums.protocol.link.LinkEnd;
import dev.ums.protocol.link.LinkListener;
import dev.ums.protocol.link.LinkSettings;
import dev.ums.protocol.log.RepeatedWarning;
import dev.ums.protocol.tls.PinnedTrust;
import dev.ums.protocol.up.DeviceIds;
import dev.ums.protocol.up.UpMessage;
import dev.ums.server.GatewayTarget;
import dev.ums.server.internal.link.TunnelHost;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's control link to one Cloud Gateway over a {@link ControlLink}: dials it (pinned to its certificate),
 * beats every 10 s and leaves a gateway silent for 35 s, redials with backoff (0.5 s doubling to 2 s: one connection
 * per gateway, so redialling fast costs nothing and lets devices back in soon after a gateway restart) while it is
 * down, and turns the gateway's messages into the server's own events. It links only while it holds the gateway's
 * {@link GatewayLease} (asked every second while another cluster node holds it, and at every heartbeat while
 * linked). The link's own thread dials and writes; messages are handled on its reading thread, one at a time; a
 * device's link may be closed on any thread ({@link #closeDevice}).
 */
public final class GatewayClient implements LinkListener, AutoCloseable {
    /** Why the gateway is asked to close the socket of a device whose hello came without its valid credential. */
    static final String NOT_VALID = "the device's credential is not valid";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayClient.class);
    private final RepeatedWarning refusals = RepeatedWarning.perMinute(LOG, Clock.systemUTC(),
            "warnings about a gateway's device messages");

    private final GatewayTarget target;
    private final GatewayEvents events;
    private final GatewayLease lease;
    private final ControlLink link;
    private final TunnelHost tunnels = new GatewayTunnelHost(this);
    private final ConcurrentHashMap<String, GatewayDeviceLink> links = new ConcurrentHashMap<>();
    private volatile boolean up;
    private volatile String advertisedUrl;
    private volatile boolean closed;
    private volatile String lastProblem = "not connected yet";

    public GatewayClient(GatewayTarget target, String secret, GatewayEvents events, GatewayLease lease) {
        this.target = target;
        this.events = events;
        this.lease = lease;
        URI uri = URI.create(target.url().replaceFirst("^http", "ws").replaceAll("/+$", "") + GatewayPaths.SERVER_LINK);
        this.link = new ControlLink(new LinkSettings(uri, Map.of("Authorization", GatewayPaths.AUTH_SCHEME + secret),
                PinnedTrust.fingerprint(target.fingerprint()).sslContext(), Duration.ofMillis(500),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(35),
                Duration.ofSeconds(1), "gateway-link-" + uri.getHost()), this);
    }

    public void start() {
        link.start();
    }

    public boolean isUp() {
        return up;
    }

    /** Why the link is down, for logs and the devices' offline reason. */
    public String lastProblem() {
        return lastProblem;
    }

    String publicUrl() {
        String advertised = advertisedUrl;
        return advertised != null ? advertised : target.url();
    }

    String fingerprint() {
        return target.fingerprint();
    }

    /** The gateway's URL as this server is given it: its name in the audit log and its lease. */
    String url() {
        return target.url();
    }

    TunnelHost tunnels() {
        return tunnels;
    }

    /** Sends behind earlier messages if the link is up; drops otherwise. */
    void send(GatewayMessage message) {
        if (!link.send(message.toJson())) {
            LOG.debug("gateway {} is down, {} dropped", target.url(), message.getClass().getSimpleName());
        }
    }

    /**
     * Has the gateway close {@code device}'s socket with {@code reason} (the server refused one of its messages, or
     * replaced its credential) and forgets the link, the device offline: the gateway sends no {@code device.down} for
     * a socket the server closed, and the device's messages in flight meanwhile count as not greeted. Nothing is sent
     * when a newer hello of the device through this gateway took the link's place: its socket replaced the old one at
     * the gateway, and the close would reach the new one. Any thread.
     */
    void closeDevice(GatewayDeviceLink device, String reason) {
        String deviceId = String.valueOf(device.deviceId());
        boolean held = links.remove(deviceId, device);
        if (!held && links.containsKey(deviceId)) {
            return;
        }
        send(new GatewayMessage.DeviceClose(deviceId, reason));
        if (held) {
            events.deviceDown(device, reason, false);
        }
    }

    @Override
    public String withheld() {
        if (lease.held()) {
            return null;
        }
        // another node links to this gateway; asked again soon, to take over within seconds when it dies
        return up ? "this node lost the lease on the gateway at " + target.url() + "; another node links to it"
                : "another server node holds the link to the gateway at " + target.url();
    }

    @Override
    public void opened() {
        up = true;
        LOG.info("linked to gateway {}", target.url());
    }

    @Override
    public String heartbeat() {
        return new GatewayMessage.Heartbeat(System.currentTimeMillis()).toJson();
    }

    @Override
    public void received(String json) {
        try {
            handle(GatewayMessage.parse(json));
        } catch (MalformedMessageException e) {
            LOG.warn("gateway {} sent a malformed message, ignored: {}", target.url(), e.getMessage());
        }
    }

    @Override
    public void down(LinkEnd end, boolean wasOpen) {
        if (end.kind() == LinkEnd.Kind.STOPPED) {
            lastProblem = sentence(end); // this server is stopping: no warning
        } else {
            problem(sentence(end));
        }
        if (up) {
            up = false;
            if (!closed) {
                problem("the gateway at " + target.url() + " is unreachable");
            }
        }
        for (GatewayDeviceLink device : links.values()) {
            events.deviceDown(device, lastProblem, true);
        }
        links.clear();
    }

    private String sentence(LinkEnd end) {
        return switch (end.kind()) {
            case UNREACHABLE, REFUSED -> end.sentence("the gateway", URI.create(target.url()));
            case SILENT -> "the gateway at " + target.url() + " stopped answering";
            case CLOSED -> "the gateway at " + target.url() + " closed the link (" + end.status() + " " + end.detail()
                    + ")";
            default -> end.sentence("the gateway", URI.create(target.url()));
        };
    }

    private void problem(String sentence) {
        if (!sentence.equals(lastProblem)) {
            LOG.warn("{}", sentence);
        }
        lastProblem = sentence;
    }

    private void handle(GatewayMessage message) {
        if (message instanceof GatewayMessage.GatewayHello hello) {
            advertisedUrl = hello.advertiseUrl();
            lastProblem = null;
        } else if (message instanceof GatewayMessage.Heartbeat) {
            return;
        } else if (message instanceof GatewayMessage.EnrollRequest request) {
            send(events.enroll(request));
        } else if (message instanceof GatewayMessage.DeviceAuth auth) {
            send(new GatewayMessage.DeviceAuthResult(auth.requestId(), DeviceIds.spelledAsIssued(auth.deviceId())
                    && events.authenticate(auth.deviceId(), auth.credential())));
        } else if (message instanceof GatewayMessage.DeviceUp up) {
            deviceUp(up);
        } else if (message instanceof GatewayMessage.DeviceDown gone) {
            GatewayDeviceLink link = links.remove(gone.deviceId());
            if (link != null) {
                events.deviceDown(link, gone.reason(), false);
            }
        } else if (message instanceof GatewayMessage.TunnelPaired paired) {
            events.tunnelPaired(target.url(), paired.sessionId());
        } else if (message instanceof GatewayMessage.TunnelEnded ended) {
            events.tunnelEnded(target.url(), ended);
        } else {
            LOG.warn("gateway {} sent an unexpected {}, ignored", target.url(), message.getClass().getSimpleName());
        }
    }

    /**
     * A device's message; a hello counts only with the device's credential, checked here as at a direct
     * device's upgrade, so the gateway cannot announce (or take over) a device it did not authenticate.
     */
    private void deviceUp(GatewayMessage.DeviceUp up) {
        UpMessage message;
        long deviceId;
        try {
            message = UpMessage.parse(up.message());
            deviceId = Long.parseLong(up.deviceId());
        } catch (MalformedMessageException | NumberFormatException e) {
            refusals.warn("gateway {} forwarded a malformed device message, ignored: {}", target.url(),
                    e.getMessage());
            return;
        }
        if (!DeviceIds.spelledAsIssued(up.deviceId())) {
            refusals.warn("gateway {} forwarded a message of device {} spelled otherwise than the server writes its "
                    + "ids, ignored", target.url(), deviceId);
            return;
        }
        if (!IpLiteral.is(up.remoteIp())) {
            refusals.warn("gateway {} forwarded a message of device {} from an address that is not an IP address, "
                    + "ignored", target.url(), deviceId);
            return;
        }
        if (message instanceof UpMessage.Hello && !events.authenticate(up.deviceId(), up.credential())) {
            refusals.warn("gateway {} announced device {} without its credential, ignored and its socket closed",
                    target.url(), deviceId);
            // a credential replaced while this link was down: the socket the gateway kept for the device is closed
            send(new GatewayMessage.DeviceClose(up.deviceId(), NOT_VALID));
            return;
        }
        GatewayDeviceLink link = links.get(up.deviceId());
        boolean greeted = link != null;
        if (message instanceof UpMessage.Hello) {
            link = new GatewayDeviceLink(deviceId, up.remoteIp(), this);
            GatewayDeviceLink previous = links.put(up.deviceId(), link);
            if (previous != null) {
                events.deviceDown(previous, "reconnected", false);
            }
        } else if (link == null) {
            link = new GatewayDeviceLink(deviceId, up.remoteIp(), this);
        }
        events.deviceMessage(link, greeted, message);
    }

    @Override
    public void close() {
        closed = true;
        link.close();
        lease.close();
    }
}
