package dev.ums.protocol.link;

import org.glassfish.tyrus.spi.ClientEngine;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.Writer;

/**
 * Closes the connection of one dial that the link gave up before it opened, in whatever step the dial is (TCP, TLS,
 * the upgrade). Tyrus's Grizzly client hands the engine of each dial a handler that shuts the dial's own transport
 * (its socket and threads) down; the engine {@link #watch} returns keeps that handler, so {@link #close} can run it,
 * and refuses to begin a dial given up before Tyrus began it. A close in the instant between Tyrus taking the
 * handler and starting the transport finds nothing to shut yet; Tyrus's own timeouts end such a dial. The link's thread
 * calls {@link #close}, Tyrus's threads the rest.
 */
final class DialCloser {
    private ClientEngine.TimeoutHandler shutdown;
    private boolean closed;

    /** The dial's connection, if any, is closed now; a dial not yet begun never opens one. */
    void close() {
        ClientEngine.TimeoutHandler handler;
        synchronized (this) {
            closed = true;
            handler = shutdown;
        }
        if (handler != null) {
            handler.handleTimeout();
        }
    }

    /** {@code engine}, the engine of this dial, with its transport's shutdown kept for {@link #close}. */
    ClientEngine watch(ClientEngine engine) {
        return new ClientEngine() {
            @Override
            public UpgradeRequest createUpgradeRequest(ClientEngine.TimeoutHandler timeoutHandler) {
                synchronized (DialCloser.this) {
                    if (closed) {
                        throw new IllegalStateException("the dial was given up before it began");
                    }
                    shutdown = timeoutHandler;
                }
                return engine.createUpgradeRequest(timeoutHandler);
            }

            @Override
            public ClientUpgradeInfo processResponse(UpgradeResponse response, Writer writer,
                                                     Connection.CloseListener closeListener) {
                return engine.processResponse(response, writer, closeListener);
            }

            @Override
            public void processError(Throwable t) {
                engine.processError(t);
            }
        };
    }
}
