package dev.ums.protocol.link;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reconnecting control link over one WebSocket (Tyrus client): dials {@link LinkSettings#uri} with its headers,
 * redials with {@link Backoff} while the peer cannot be reached, gives each dial the limit of a {@link DialLimit}
 * (growing while dials run out of time), sends heartbeats and leaves a peer that went silent,
 * assembles text frames into whole messages up to {@link LinkSettings#MAX_MESSAGE_CHARS}, and sends in order from
 * any thread through one writer. A dial given up closes its connection at once, whatever step it was in
 * ({@link ClosableDialContainer}), so the peer need not finish work nobody waits for. The peer's certificate is
 * checked by {@link LinkSettings#ssl} alone (a pinned context names no host), so host names are not verified.
 *
 * <p>Threads: {@link #send}, {@link #beatEvery}, {@link #isOpen} and {@link #close} from any thread. The link's own
 * thread dials, closes the dials it gives up, waits between attempts, writes every message and heartbeat, and tells
 * the listener about openings and ends; messages arrive on the reading thread of the connection's Tyrus transport.
 */
public final class ControlLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlLink.class);
    private static final Duration SEND_LIMIT = Duration.ofSeconds(10);
    /** Wakes the link's thread without being sent. */
    private static final String WAKE = new String("wake");

    /** Waits between attempts; tests record the delays instead. */
    interface Sleeper {
        void sleep(Duration delay) throws InterruptedException;
    }

    private final LinkSettings settings;
    private final LinkListener listener;
    private final Sleeper sleeper;
    private final LongSupplier clock;
    private final Backoff backoff;
    /** Owned by the link's own thread. */
    private final DialLimit dialLimit;
    private final ClientManager client;
    private final Thread thread;
    private final BlockingQueue<String> outgoing = new ArrayBlockingQueue<>(LinkSettings.MAX_QUEUED);
    private volatile boolean closed;
    private volatile Connection current;

    public ControlLink(LinkSettings settings, LinkListener listener) {
        this(settings, listener, delay -> Thread.sleep(Math.max(1, delay.toMillis())), System::currentTimeMillis,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    ControlLink(LinkSettings settings, LinkListener listener, Sleeper sleeper, LongSupplier clock,
                DoubleSupplier random) {
        this.settings = settings;
        this.listener = listener;
        this.sleeper = sleeper;
        this.clock = clock;
        this.backoff = new Backoff(settings.firstDelay(), settings.maxDelay(), random);
        this.dialLimit = new DialLimit(settings.connectTimeout(), settings.maxConnectTimeout());
        this.client = ClientManager.createClient(ClosableDialContainer.class.getName());
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, (int) settings.maxConnectTimeout().toMillis());
        if (settings.ssl() != null) {
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR,
                    new SslEngineConfigurator(settings.ssl(), true, false, false).setHostVerificationEnabled(false));
        }
        this.thread = new Thread(this::run, settings.threadName());
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether a connection is open now. */
    public boolean isOpen() {
        return current != null;
    }

    /**
     * Queues {@code text} behind earlier sends on the open connection; never blocks. Answers false when no
     * connection is open (the message is dropped: the peer forgot this side's state) or when the queue is full
     * (the peer stopped reading; the connection is left).
     */
    public boolean send(String text) {
        Connection connection = current;
        if (connection == null) {
            return false;
        }
        if (!outgoing.offer(text)) {
            connection.end(LinkEnd.of(LinkEnd.Kind.STALLED));
            return false;
        }
        return true;
    }

    /**
     * From now on the open connection beats every {@code interval}, the first time one interval from now, and is left
     * once nothing arrived for {@code silenceLimit}.
     */
    public void beatEvery(Duration interval, Duration silenceLimit) {
        Connection connection = current;
        if (connection != null) {
            connection.interval = interval;
            connection.silenceLimit = silenceLimit;
            connection.nextBeat = clock.getAsLong() + interval.toMillis();
            outgoing.offer(WAKE); // the writer recounts its wait
        }
    }

    /** The limit the next dial gets; for tests, read on the link's own thread (in its sleeper). */
    Duration nextDialLimit() {
        return dialLimit.current();
    }

    @Override
    public void close() {
        closed = true;
        Connection connection = current;
        if (connection != null) {
            connection.end(LinkEnd.of(LinkEnd.Kind.STOPPED));
        }
        thread.interrupt();
    }

    private void run() {
        try {
            while (!closed) {
                String withheld = listener.withheld();
                if (withheld != null) {
                    tellDown(new LinkEnd(LinkEnd.Kind.WITHHELD, 0, withheld, Duration.ZERO, null), false);
                    sleeper.sleep(settings.holdOff());
                    continue;
                }
                Connection connection = new Connection();
                LinkEnd end = connection.dial();
                boolean wasOpen = end == null;
                if (wasOpen) {
                    end = connection.serve();
                }
                if (connection.heard) {
                    backoff.lost(); // the peer spoke: the connection worked, and it is gone
                }
                if (wasOpen) {
                    dialLimit.lost();
                }
                current = null;
                outgoing.clear();
                tellDown(closed ? LinkEnd.of(LinkEnd.Kind.STOPPED) : end, wasOpen);
                if (!closed) {
                    Duration delay = listener.retryDelay(end, backoff.next());
                    LOG.debug("next attempt to reach {} in {} ms", settings.uri(), delay.toMillis());
                    sleeper.sleep(delay);
                }
            }
        } catch (InterruptedException e) {
            Connection connection = current;
            current = null;
            if (connection != null) {
                connection.closeSession(CloseReason.CloseCodes.GOING_AWAY, "closing");
                tellDown(LinkEnd.of(LinkEnd.Kind.STOPPED), true);
            }
        }
    }

    /**
     * Tells the listener the link is down. A listener that fails (its database unreachable for a moment) is logged
     * and the link goes on dialling: its thread ending would leave the peer unlinked for good.
     */
    private void tellDown(LinkEnd end, boolean wasOpen) {
        try {
            listener.down(end, wasOpen);
        } catch (RuntimeException e) {
            LOG.error("handling the end of the link to {} failed; the link goes on", settings.uri(), e);
        }
    }

    /** One connection, from the dial to its end; its fields are the link thread's except where volatile. */
    private final class Connection extends Endpoint {
        private final AtomicReference<LinkEnd> end = new AtomicReference<>();
        private final StringBuilder partial = new StringBuilder();
        private volatile Session session;
        private volatile long lastHeard = clock.getAsLong();
        private volatile Duration interval = settings.heartbeat();
        private volatile Duration silenceLimit = settings.silenceLimit();
        private volatile long nextBeat;
        /** Whether a whole message arrived on this connection. */
        private volatile boolean heard;
        /** Set when the dial took too long or the link closed meanwhile. */
        private volatile boolean abandoned;
        /** Closes this dial's connection before it opened. */
        private final DialCloser closer = new DialCloser();

        /** Null once open, or why the dial failed. */
        LinkEnd dial() throws InterruptedException {
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .configurator(new ClientEndpointConfig.Configurator() {
                        @Override
                        public void beforeRequest(Map<String, List<String>> headers) {
                            settings.headers().forEach((name, value) -> headers.put(name, List.of(value)));
                        }
                    }).build();
            Future<Session> dialled = null;
            try {
                // the whole dial under one limit: Tyrus's own (TCP and TLS through a proxy) would wait 30 s
                client.getProperties().put(ClosableDialContainer.DIAL, closer); // copied by the dial below
                dialled = client.asyncConnectToServer(this, config, settings.uri());
                session = dialled.get(dialLimit.current().toMillis(), TimeUnit.MILLISECONDS);
                dialLimit.reset();
            } catch (TimeoutException e) {
                abandon(dialled);
                dialLimit.timedOut();
                return LinkEnd.failed(LinkEnd.Kind.UNREACHABLE, new SocketTimeoutException("no answer in time"));
            } catch (InterruptedException e) {
                abandon(dialled);
                throw e;
            } catch (Exception e) {
                closer.close(); // a failed dial leaves no connection behind
                return DialFailures.classify(e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e);
            }
            if (closed) {
                end(LinkEnd.of(LinkEnd.Kind.STOPPED));
            } else {
                listener.opened();
            }
            return null;
        }

        /**
         * A dial given up on: its connection is closed in whatever step it is (cancelling the future alone would
         * leave it open), and a session that opens after all is closed at once.
         */
        private void abandon(Future<Session> dialled) {
            abandoned = true;
            closer.close();
            if (dialled != null) {
                dialled.cancel(true);
            }
            if (session != null) {
                closeSession(CloseReason.CloseCodes.GOING_AWAY, "too late");
            }
        }

        /** Writes queued messages and heartbeats until the connection ends; answers why it ended. */
        LinkEnd serve() throws InterruptedException {
            while (end.get() == null) {
                long now = clock.getAsLong();
                if (now >= nextBeat) {
                    beat(now);
                    continue;
                }
                String text = outgoing.poll(nextBeat - now, TimeUnit.MILLISECONDS);
                if (text != null && text != WAKE && end.get() == null) {
                    write(text);
                }
            }
            LinkEnd why = end.get();
            if (why.kind() == LinkEnd.Kind.OVERSIZED) {
                closeSession(CloseReason.CloseCodes.TOO_BIG, "message too big");
            } else if (why.kind() != LinkEnd.Kind.CLOSED) {
                closeSession(CloseReason.CloseCodes.GOING_AWAY, why.kind() == LinkEnd.Kind.STOPPED ? "closing" : "");
            }
            return why;
        }

        private Duration beatPeriod() {
            Duration beat = interval;
            return beat != null ? beat : silenceLimit;
        }

        private void beat(long now) {
            nextBeat = now + beatPeriod().toMillis();
            String withheld = listener.withheld();
            if (withheld != null) {
                end(new LinkEnd(LinkEnd.Kind.WITHHELD, 0, withheld, Duration.ZERO, null));
                return;
            }
            long silent = now - lastHeard;
            if (silent >= silenceLimit.toMillis()) {
                end(new LinkEnd(LinkEnd.Kind.SILENT, 0, "", Duration.ofMillis(silent), null));
                return;
            }
            if (interval != null) {
                write(listener.heartbeat());
            }
        }

        private void write(String text) {
            try {
                session.getAsyncRemote().sendText(text).get(SEND_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                end(LinkEnd.of(LinkEnd.Kind.STALLED));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                end(LinkEnd.of(LinkEnd.Kind.STOPPED));
            } catch (Exception e) {
                end(LinkEnd.failed(LinkEnd.Kind.BROKEN, e.getCause() != null ? e.getCause() : e));
            }
        }

        void end(LinkEnd why) {
            if (end.compareAndSet(null, why)) {
                outgoing.offer(WAKE);
            }
        }

        void closeSession(CloseReason.CloseCode code, String reason) {
            Session s = session;
            if (s != null && s.isOpen()) {
                try {
                    s.close(new CloseReason(code, reason));
                } catch (Exception e) {
                    LOG.debug("closing the link to {}: {}", settings.uri(), e.toString());
                }
            }
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            this.session = session;
            if (abandoned) {
                closeSession(CloseReason.CloseCodes.GOING_AWAY, "too late");
                return;
            }
            lastHeard = clock.getAsLong();
            nextBeat = lastHeard + beatPeriod().toMillis();
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) this::onText);
            current = this; // from now on sends queue, also those answering the first messages
        }

        private void onText(String part, boolean last) {
            lastHeard = clock.getAsLong();
            if (end.get() != null) {
                return;
            }
            partial.append(part);
            if (partial.length() > LinkSettings.MAX_MESSAGE_CHARS) {
                partial.setLength(0);
                LOG.warn("{} sent a message over {} characters; leaving the connection", settings.uri(),
                        LinkSettings.MAX_MESSAGE_CHARS);
                end(LinkEnd.of(LinkEnd.Kind.OVERSIZED));
                return;
            }
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                heard = true;
                try {
                    listener.received(message);
                } catch (RuntimeException e) {
                    LOG.error("handling a message from {} failed", settings.uri(), e);
                }
            }
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            String phrase = reason.getReasonPhrase() == null ? "" : reason.getReasonPhrase();
            end(new LinkEnd(LinkEnd.Kind.CLOSED, reason.getCloseCode().getCode(), phrase, Duration.ZERO, null));
        }

        @Override
        public void onError(Session session, Throwable error) {
            end(LinkEnd.failed(LinkEnd.Kind.BROKEN, error));
        }
    }
}
