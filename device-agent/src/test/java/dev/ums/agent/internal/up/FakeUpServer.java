package dev.ums.agent.internal.up;

import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A scriptable UP endpoint (plain HTTP, Jetty) for the connector's protocol tests: records what the agent
 * sends and the Authorization it used, welcomes with a chosen heartbeat, echoes heartbeats or stays silent.
 */
public final class FakeUpServer implements AutoCloseable {
    final List<UpMessage> received = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    private final Server jetty;
    private final int heartbeatSeconds;
    private final boolean echoHeartbeats;
    private volatile Session last;

    FakeUpServer(int heartbeatSeconds, boolean echoHeartbeats) throws Exception {
        this.heartbeatSeconds = heartbeatSeconds;
        this.echoHeartbeats = echoHeartbeats;
        jetty = new Server(new InetSocketAddress("127.0.0.1", 0));
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler upgrade = WebSocketUpgradeHandler.from(jetty, context, container ->
                container.addMapping(UpPaths.UP, (request, response, callback) -> {
                    authorizations.add(request.getHeaders().get("Authorization"));
                    connections.incrementAndGet();
                    return new Socket();
                }));
        context.setHandler(upgrade);
        jetty.setHandler(context);
        jetty.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort());
    }

    /** Sends raw text on the most recent connection. */
    void send(String text) {
        last.sendText(text, Callback.NOOP);
    }

    long count(Class<? extends UpMessage> type) {
        return received.stream().filter(type::isInstance).count();
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }

    /** Public because Jetty invokes the listener methods reflectively. */
    public final class Socket implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            last = session;
        }

        @Override
        public void onWebSocketText(String text) {
            UpMessage message = UpMessage.parse(text);
            received.add(message);
            if (message instanceof UpMessage.Hello) {
                session.sendText(new UpMessage.Welcome("5", heartbeatSeconds).toJson(), Callback.NOOP);
            } else if (message instanceof UpMessage.Heartbeat && echoHeartbeats) {
                session.sendText(new UpMessage.Heartbeat(System.currentTimeMillis()).toJson(), Callback.NOOP);
            }
        }
    }
}
