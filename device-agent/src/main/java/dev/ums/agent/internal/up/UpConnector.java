package dev.ums.agent.internal.up;

import dev.ums.protocol.imi.Enrollment;
import dev.ums.protocol.tunnel.TunnelFailures;
import dev.ums.protocol.up.UpMessage;
import dev.ums.protocol.up.UpPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the device's UP WebSocket open: connects, says hello, keeps the heartbeat the server asked for,
 * and reconnects with {@link Backoff} whenever the connection drops or the server cannot be reached. Logs
 * one line per change of state (online, lost, a new kind of failure), not one per retry.
 *
 * <p>Threads: the loop runs on its own thread; messages arrive on the JDK's WebSocket thread and are
 * handed to {@code handler}, which must not block; heartbeats run on {@code timer}.
 */
public final class UpConnector implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(UpConnector.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** A server that sends heartbeats and then stays silent this many intervals is gone. */
    private static final int SILENT_INTERVALS = 3;

    private final HttpClient http;
    private final URI upUri;
    private final Enrollment enrollment;
    private final Supplier<UpMessage.Hello> hello;
    private final Consumer<UpMessage> handler;
    private final Consumer<Boolean> onlineChanged;
    private final ScheduledExecutorService timer;
    private final Backoff backoff = new Backoff(() -> ThreadLocalRandom.current().nextDouble());
    private final Object lock = new Object();
    private volatile boolean stopped;
    private volatile boolean online;
    private volatile UpConnection current;
    /** The welcome of the connection being opened; guarded by {@code lock}. */
    private UpMessage.Welcome welcome;
    private Thread thread;
    private String lastFailure;

    public UpConnector(HttpClient http, URI serverUrl, Enrollment enrollment, Supplier<UpMessage.Hello> hello,
                       Consumer<UpMessage> handler, Consumer<Boolean> onlineChanged, ScheduledExecutorService timer) {
        this.http = http;
        this.upUri = webSocketUri(serverUrl).resolve(UpPaths.UP);
        this.enrollment = enrollment;
        this.hello = hello;
        this.handler = handler;
        this.onlineChanged = onlineChanged;
        this.timer = timer;
    }

    static URI webSocketUri(URI serverUrl) {
        String scheme = "http".equalsIgnoreCase(serverUrl.getScheme()) ? "ws" : "wss";
        return URI.create(scheme + "://" + serverUrl.getRawAuthority() + "/");
    }

    public void start(String name) {
        thread = new Thread(this, "ums-agent-up-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    public boolean isOnline() {
        return online;
    }

    /** Sends on the current connection; while offline the message is dropped (the server forgot the session). */
    public void send(UpMessage message) {
        UpConnection connection = current;
        if (connection == null) {
            LOG.info("not connected, cannot tell the server: {}", message.getClass().getSimpleName());
            return;
        }
        connection.send(message);
    }

    @Override
    public void run() {
        while (!stopped) {
            UpConnection connection = new UpConnection(message -> received(message));
            String reason = session(connection);
            current = null;
            setOnline(false, reason);
            if (stopped) {
                break;
            }
            Duration delay = backoff.next();
            LOG.debug("next connection attempt in {} ms", delay.toMillis());
            synchronized (lock) {
                try {
                    if (!stopped) {
                        lock.wait(Math.max(1, delay.toMillis()));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    /** One connection from opening to its end; returns why it ended (or failed to start). */
    private String session(UpConnection connection) {
        try {
            http.newWebSocketBuilder()
                    .header("Authorization", UpPaths.deviceAuthorization(enrollment.deviceId(), enrollment.credential()))
                    .connectTimeout(CONNECT_TIMEOUT)
                    .buildAsync(upUri, connection)
                    .thenAccept(connection::attach)
                    .get(CONNECT_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "agent stopping";
        } catch (ExecutionException e) {
            failed(describe(e.getCause()));
            return null;
        } catch (TimeoutException e) {
            failed("the server at " + upUri.getAuthority() + " did not answer in time");
            return null;
        }
        current = connection;
        if (stopped) {
            connection.closeNormally();
        }
        connection.send(hello.get());
        ScheduledFuture<?> heartbeat = null;
        try {
            heartbeat = awaitWelcomeAndBeat(connection);
            return connection.closed().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.closeNormally();
            return "agent stopping";
        } catch (ExecutionException e) {
            return "connection failed: " + e.getCause();
        } finally {
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
        }
    }

    private void received(UpMessage message) {
        if (message instanceof UpMessage.Welcome w) {
            synchronized (lock) {
                welcome = w;
                lock.notifyAll();
            }
        } else if (!(message instanceof UpMessage.Heartbeat)) {
            handler.accept(message);
        }
    }

    private ScheduledFuture<?> awaitWelcomeAndBeat(UpConnection connection) throws InterruptedException {
        UpMessage.Welcome w;
        long deadline = System.currentTimeMillis() + CONNECT_TIMEOUT.toMillis();
        synchronized (lock) {
            while ((w = welcome) == null && !connection.closed().isDone() && !stopped
                    && System.currentTimeMillis() < deadline) {
                lock.wait(200);
            }
            welcome = null;
        }
        if (w == null) {
            if (!connection.closed().isDone()) {
                connection.abort("the server did not answer hello");
            }
            return null;
        }
        backoff.reset();
        lastFailure = null;
        setOnline(true, "online as device " + w.deviceId());
        long interval = Math.max(1, w.heartbeatSeconds());
        return timer.scheduleAtFixedRate(() -> beat(connection, interval), interval, interval, TimeUnit.SECONDS);
    }

    private void beat(UpConnection connection, long intervalSeconds) {
        long silentMillis = System.currentTimeMillis() - connection.lastReceivedMillis();
        if (silentMillis > SILENT_INTERVALS * intervalSeconds * 1000) {
            connection.abort("the server was silent for " + silentMillis / 1000 + " s");
            return;
        }
        connection.send(new UpMessage.Heartbeat(System.currentTimeMillis()));
    }

    private void setOnline(boolean now, String why) {
        boolean was = online;
        online = now;
        if (now && !was) {
            LOG.info("{}", why);
            onlineChanged.accept(true);
        } else if (!now && was && stopped) {
            LOG.info("disconnected from the server (agent stopping)");
            onlineChanged.accept(false);
        } else if (!now && was) {
            LOG.info("connection to the server lost ({}); reconnecting", why);
            onlineChanged.accept(false);
        }
    }

    private void failed(String why) {
        if (!why.equals(lastFailure)) {
            LOG.warn("cannot connect to the server: {}; retrying with backoff", why);
            lastFailure = why;
        } else {
            LOG.debug("still cannot connect: {}", why);
        }
    }

    private String describe(Throwable cause) {
        if (cause instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            if (status == 403) {
                return "this device's re-enrollment waits for an administrator's approval (HTTP 403)";
            }
            if (status == 401) {
                return "the server refused this device's credential (HTTP " + status
                        + "); enroll again with a new enrollment token";
            }
            return "the server at " + upUri.getAuthority() + " refused the connection (HTTP " + status + ")";
        }
        return TunnelFailures.describe(upUri, cause);
    }

    public void stop() {
        stopped = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        UpConnection connection = current;
        if (connection != null) {
            connection.closeNormally();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}
