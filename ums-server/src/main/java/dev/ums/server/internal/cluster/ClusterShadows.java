package dev.ums.server.internal.cluster;

import dev.ums.protocol.json.WireJson;
import dev.ums.protocol.up.ShadowOutcome;
import dev.ums.protocol.up.UpMessage;
import dev.ums.server.internal.shadow.ShadowBroker;
import dev.ums.server.internal.shadow.ShadowRefusal;
import dev.ums.server.internal.link.BrokeredSession;
import dev.ums.server.internal.link.TunnelHost;
import dev.ums.server.internal.link.DeviceConnections;
import dev.ums.server.internal.link.DeviceLink;
import dev.ums.server.internal.link.OtherNodes;
import dev.ums.server.internal.link.ShadowEnds;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shadowing across nodes. On the node a console asked (B), a device held by another node (A) is reached by a
 * {@link RemoteDeviceLink}: B prepares the tunnels in its own relay and sends {@code shadow.open} (naming B's
 * tunnel URL) to A through the database. A passes it down the device's socket and remembers that B asked; the
 * device's {@code shadow.result} and {@code shadow.closed} for that session go back to B the same way. A device A
 * holds through a Cloud Gateway has its tunnels at the gateway, whose link A holds: B hands the whole request to
 * A ({@link RemoteShadow}), A brokers it as its own and B passes A's answer to the console. When B bridges the
 * gateway's tunnel into its own relay (the web app, a console's session that must be recorded), the request says so:
 * A decides as a single server would, and its answer names the audit entry and whether B records the session.
 * Called on devices' socket threads, request threads and the {@code ums-cluster-listen} thread (which only hands
 * work to the {@code ums-cluster-shadow-N} threads); thread-safe.
 */
public final class ClusterShadows implements OtherNodes, ShadowEnds {
    /** Sessions other nodes asked this node's devices for, until the device closes them; the oldest go first. */
    static final int MAX_ASKED = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ClusterShadows.class);

    private final Presence presence;
    private final TunnelHost ownTunnels;
    private final Map<String, String> askedBy = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_ASKED;
        }
    };
    /** Remote requests this node waits for at once; more are refused as busy. */
    static final int MAX_REMOTE_WAITING = 1000;
    /** How long the node brokering a gateway device's session may take: the device's time and a margin. */
    static final Duration REMOTE_ANSWER_LIMIT = ShadowBroker.ANSWER_LIMIT.plusSeconds(10);
    private static final String ICG = "icg";

    private final ConcurrentHashMap<String, CompletableFuture<BrokeredSession>> remoteRequests =
            new ConcurrentHashMap<>();
    /** Runs requests other nodes hand over and completes this node's remote requests, off the listening thread. */
    private final ThreadPoolExecutor work;
    private volatile ClusterBus bus;
    private volatile DeviceConnections connections;
    private volatile ShadowBroker broker;

    public ClusterShadows(Presence presence, TunnelHost ownTunnels) {
        this.presence = presence;
        this.ownTunnels = ownTunnels;
        AtomicInteger threads = new AtomicInteger();
        this.work = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_REMOTE_WAITING),
                r -> {
                    Thread t = new Thread(r, "ums-cluster-shadow-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.work.allowCoreThreadTimeOut(true);
    }

    /** Completes the wiring, which is circular: the bus delivers here, the broker and connections call here. */
    public void attach(ClusterBus newBus, DeviceConnections newConnections, ShadowBroker newBroker) {
        this.bus = newBus;
        this.connections = newConnections;
        this.broker = newBroker;
    }

    @Override
    public void arrived(DeviceLink link) {
        presence.claim(link.deviceId(), link.route());
    }

    @Override
    public void left(long deviceId) {
        presence.release(deviceId);
    }

    @Override
    public boolean isOnline(long deviceId) {
        return presence.isOnline(deviceId);
    }

    @Override
    public Optional<DeviceLink> reach(long deviceId) {
        return presence.holder(deviceId)
                .filter(h -> !h.nodeId().equals(presence.nodeId()))
                .map(h -> new RemoteDeviceLink(deviceId, h, presence.nodeId(), bus, ownTunnels));
    }

    @Override
    public Optional<CompletableFuture<BrokeredSession>> brokerElsewhere(long deviceId, String admin, String client,
                                                                        boolean viewOnly, boolean bridged) {
        Optional<Presence.Holder> holder = presence.holder(deviceId)
                .filter(h -> !h.nodeId().equals(presence.nodeId()) && ICG.equals(h.route()));
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        if (remoteRequests.size() >= MAX_REMOTE_WAITING) {
            throw new ShadowRefusal(ShadowRefusal.Reason.BUSY,
                    "too many shadow requests are waiting for other server nodes; try again shortly");
        }
        String requestId = UUID.randomUUID().toString();
        CompletableFuture<BrokeredSession> answer = new CompletableFuture<>();
        remoteRequests.put(requestId, answer);
        try {
            bus.send(holder.get().nodeId(), new ClusterMessage(ClusterMessage.SHADOW_REQUEST, presence.nodeId(),
                    deviceId, WireJson.write(new RemoteShadow.Request(requestId, admin, client, viewOnly, bridged))));
        } catch (RuntimeException e) {
            remoteRequests.remove(requestId);
            LOG.warn("could not hand a shadow request to node {}: {}", holder.get().nodeId(), e.getMessage());
            throw new ShadowRefusal(ShadowRefusal.Reason.FAILED,
                    "the server node that holds the device's gateway link cannot be reached");
        }
        return Optional.of(answer.orTimeout(REMOTE_ANSWER_LIMIT.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((session, failure) -> {
                    remoteRequests.remove(requestId);
                    if (failure == null) {
                        return session;
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof ShadowRefusal refusal) {
                        throw refusal;
                    }
                    throw new ShadowRefusal(ShadowRefusal.Reason.NO_ANSWER,
                            "the server node that holds the device's gateway link did not answer");
                }, work));
    }

    @Override
    public boolean forward(long deviceId, UpMessage message) {
        String sessionId = message instanceof UpMessage.ShadowResult r ? r.sessionId()
                : message instanceof UpMessage.ShadowClosed c ? c.sessionId() : null;
        if (sessionId == null) {
            return false;
        }
        String node;
        synchronized (askedBy) {
            node = message instanceof UpMessage.ShadowClosed ? askedBy.remove(sessionId) : askedBy.get(sessionId);
        }
        if (node == null) {
            return false;
        }
        send(node, ClusterMessage.FROM_DEVICE, deviceId, message);
        return true;
    }

    /** A message from another node; runs on the listening thread and never blocks. */
    public void receive(ClusterMessage message) {
        if (ClusterMessage.SHADOW_REQUEST.equals(message.kind())) {
            brokerHere(message.from(), message.deviceId(), WireJson.read(message.body(), RemoteShadow.Request.class));
            return;
        }
        if (ClusterMessage.SHADOW_ANSWER.equals(message.kind())) {
            answered(WireJson.read(message.body(), RemoteShadow.Answer.class));
            return;
        }
        if (ClusterMessage.DEVICE_CLOSE.equals(message.kind())) {
            String reason = WireJson.read(message.body(), ClusterMessage.DeviceClose.class).reason();
            connections.get(message.deviceId()).ifPresent(link -> link.close(reason));
            return;
        }
        if (ClusterMessage.SHADOW_END.equals(message.kind())) {
            RemoteShadow.End end = WireJson.read(message.body(), RemoteShadow.End.class);
            ownTunnels.cancel(end.sessionId(), end.reason());
            if (message.deviceId() != 0) {
                // prepared through the device's link where this node holds it (a gateway's tunnel)
                connections.get(message.deviceId()).ifPresent(link -> link.tunnels().cancel(end.sessionId(),
                        end.reason()));
            }
            return;
        }
        UpMessage up = UpMessage.parse(message.body());
        if (ClusterMessage.TO_DEVICE.equals(message.kind())) {
            toDevice(message, up);
        } else if (ClusterMessage.FROM_DEVICE.equals(message.kind())) {
            if (up instanceof UpMessage.ShadowResult result) {
                broker.onResult(message.deviceId(), result);
            } else if (up instanceof UpMessage.ShadowClosed closed) {
                ownTunnels.cancel(closed.sessionId(), closed.reason() == null ? "the device ended the session"
                        : closed.reason());
            }
        } else {
            LOG.warn("ignored a message of unknown kind {} from node {}", message.kind(), message.from());
        }
    }

    /** Ends the session here at once, and on every other node through the database. */
    @Override
    public void end(String sessionId, String reason) {
        endAt(0, sessionId, reason);
    }

    /** As {@link #end}, and on the node holding {@code deviceId}'s link, through that link's tunnels too. */
    @Override
    public void endAt(long deviceId, String sessionId, String reason) {
        ownTunnels.cancel(sessionId, reason);
        try {
            bus.broadcast(new ClusterMessage(ClusterMessage.SHADOW_END, presence.nodeId(), deviceId,
                    WireJson.write(new RemoteShadow.End(sessionId, reason))));
        } catch (RuntimeException e) {
            LOG.warn("could not tell the other nodes to end session {}: {}", sessionId, e.getMessage());
        }
    }

    /** Another node's console asked for a device this node holds through a gateway: broker it here, answer there. */
    private void brokerHere(String from, long deviceId, RemoteShadow.Request request) {
        try {
            work.execute(() -> {
                CompletableFuture<BrokeredSession> started;
                try {
                    started = broker.startForNode(request.admin(), request.client(), deviceId, request.viewOnly(),
                            work, request.bridged());
                } catch (RuntimeException e) {
                    answer(from, deviceId, request, null, e);
                    return;
                }
                started.whenComplete((brokered, failure) -> answer(from, deviceId, request, brokered, failure));
            });
        } catch (RejectedExecutionException e) {
            answer(from, deviceId, request, null, new ShadowRefusal(ShadowRefusal.Reason.BUSY,
                    "too many shadow requests are waiting on the server node that holds the device's gateway link"));
        }
    }

    private void answer(String to, long deviceId, RemoteShadow.Request request, BrokeredSession brokered,
                        Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        RemoteShadow.Answer answer;
        if (cause == null) {
            answer = new RemoteShadow.Answer(request.requestId(), brokered.session(), brokered.auditId(),
                    brokered.recordByAsker(), null, null);
        } else if (cause instanceof ShadowRefusal refusal) {
            answer = new RemoteShadow.Answer(request.requestId(), null, null, false, refusal.reason().name(),
                    refusal.getMessage());
        } else {
            LOG.warn("brokering node {}'s shadow request for device {} failed", to, deviceId, cause);
            answer = new RemoteShadow.Answer(request.requestId(), null, null, false, ShadowRefusal.Reason.FAILED.name(),
                    "the server node that holds the device's gateway link failed: " + cause.getMessage());
        }
        try {
            bus.send(to, new ClusterMessage(ClusterMessage.SHADOW_ANSWER, presence.nodeId(), deviceId,
                    WireJson.write(answer)));
        } catch (RuntimeException e) {
            LOG.warn("could not answer node {}'s shadow request: {}", to, e.getMessage());
        }
    }

    /** The answer to one of this node's remote requests; completed off the listening thread. */
    private void answered(RemoteShadow.Answer answer) {
        CompletableFuture<BrokeredSession> waiting = remoteRequests.get(answer.requestId());
        if (waiting == null) {
            LOG.debug("an answer came for a remote shadow request no longer waiting");
            return;
        }
        if (answer.session() != null && answer.auditId() != null) {
            waiting.complete(new BrokeredSession(answer.session(), answer.auditId(), answer.recordByAsker()));
        } else if (answer.session() != null) {
            // without the entry this node could not record the session as the holding node may require
            waiting.completeExceptionally(new ShadowRefusal(ShadowRefusal.Reason.FAILED, "the server node that "
                    + "holds the device's gateway link answered without the session's audit entry; give every node "
                    + "the same version"));
        } else {
            waiting.completeExceptionally(new ShadowRefusal(reason(answer.refusal()), answer.sentence()));
        }
    }

    private static ShadowRefusal.Reason reason(String name) {
        try {
            return ShadowRefusal.Reason.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return ShadowRefusal.Reason.FAILED;
        }
    }

    private void toDevice(ClusterMessage message, UpMessage up) {
        Optional<DeviceLink> link = connections.get(message.deviceId());
        if (link.isEmpty()) {
            if (up instanceof UpMessage.ShadowOpen open) {
                send(message.from(), ClusterMessage.FROM_DEVICE, message.deviceId(), new UpMessage.ShadowResult(
                        open.sessionId(), ShadowOutcome.ERROR, "the device left the server node that held it"));
            }
            return;
        }
        if (up instanceof UpMessage.ShadowOpen open) {
            synchronized (askedBy) {
                askedBy.put(open.sessionId(), message.from());
            }
        }
        link.get().send(up);
    }

    private void send(String node, String kind, long deviceId, UpMessage up) {
        try {
            bus.send(node, new ClusterMessage(kind, presence.nodeId(), deviceId, up.toJson()));
        } catch (RuntimeException e) {
            LOG.warn("could not pass a device's message to node {}: {}", node, e.getMessage());
        }
    }
}
