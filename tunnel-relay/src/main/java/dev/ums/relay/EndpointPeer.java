package dev.ums.relay;

import dev.ums.protocol.tunnel.Endpoint;
import dev.ums.protocol.tunnel.TunnelSide;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Optional;
import dev.ums.protocol.tunnel.SessionEnd;

/**
 * A relay side that is a blocking byte stream the server opened itself on a browser's behalf: a tunnel at a
 * gateway, or a TLS connection to an OS 11 device. Two named threads per side: a reader that reads (at most
 * {@value #CHUNK} bytes, into one reused buffer) only when the relay demanded the next frame, that is after the
 * previous one was written to the browser; and a writer for the one frame the relay sends at a time. So the
 * relay's bound holds for this side too, and a browser that stops reading stops the device being read.
 */
public final class EndpointPeer implements RelayPeer {
    static final int CHUNK = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(EndpointPeer.class);

    private record Write(ByteBuffer payload, Callback callback) {
    }

    private final Endpoint endpoint;
    private final TunnelSide side;
    private final String name;
    private final FarEndClose farEnd;
    private final Closeable underneath;
    private final Semaphore demanded = new Semaphore(0);
    /** The relay has at most one frame in flight per direction; room for one more keeps offer() from failing. */
    private final BlockingQueue<Write> writes = new ArrayBlockingQueue<>(2);
    private volatile boolean open = true;
    private Thread reader;
    private Thread writer;

    /**
     * {@code farEnd} says why the stream ended when its far end closed it (the typed end a device's Disconnect
     * sends through a gateway, or the gateway's reason in words); without either the default sentence is used.
     * {@code underneath} (or null) is the plain socket under a TLS endpoint: closing a TLS socket waits for a read
     * blocked in it, closing the socket under it does not.
     */
    public EndpointPeer(Endpoint endpoint, TunnelSide side, String name, FarEndClose farEnd, Closeable underneath) {
        this.underneath = underneath;
        this.endpoint = endpoint;
        this.side = side;
        this.name = name;
        this.farEnd = farEnd;
    }

    /** Starts the two threads once the relay accepted this side for {@code session}. */
    public void start(RelaySession session, TunnelRelay relay) {
        reader = new Thread(() -> read(session, relay), name + "-read");
        writer = new Thread(this::write, name + "-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private void read(RelaySession session, TunnelRelay relay) {
        byte[] buffer = new byte[CHUNK];
        try {
            InputStream in = endpoint.input();
            while (open) {
                demanded.acquire();
                int n = in.read(buffer);
                if (n < 0) {
                    endAsTheFarEndSaid(session, "the device closed the session");
                    return;
                }
                // the buffer is read again only after the relay demanded more, that is after this frame was sent
                session.forward(side, ByteBuffer.wrap(buffer, 0, n), Callback.NOOP, relay.now());
            }
        } catch (IOException e) {
            if (open) {
                endAsTheFarEndSaid(session, "the connection to the device was lost");
                LOG.debug("{}: reading ended", name, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void endAsTheFarEndSaid(RelaySession session, String otherwise) {
        Optional<SessionEnd> typed = farEnd.typed();
        if (typed.isPresent()) {
            session.end(typed.get());
            return;
        }
        String why = farEnd.reason();
        session.end(why != null && !why.isBlank() ? why : otherwise);
    }

    private void write() {
        try {
            OutputStream out = endpoint.output();
            while (open) {
                Write w = writes.take();
                try {
                    byte[] bytes = new byte[w.payload().remaining()];
                    w.payload().get(bytes);
                    out.write(bytes);
                    out.flush();
                    w.callback().succeed();
                } catch (IOException e) {
                    w.callback().fail(e);
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: no output", name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void demand() {
        demanded.release();
    }

    @Override
    public void sendBinary(ByteBuffer payload, Callback callback) {
        if (!open || !writes.offer(new Write(payload, callback))) {
            callback.fail(new IOException("the device side is closed"));
        }
    }

    @Override
    public void close(int code, String reason) {
        if (!open) {
            return;
        }
        open = false;
        // on its own thread: a TLS close may wait, and the relay ends sessions on Jetty's threads
        Thread closer = new Thread(() -> {
            try {
                if (underneath != null) {
                    underneath.close();
                }
                endpoint.close();
            } catch (IOException e) {
                LOG.debug("{}: close failed", name, e);
            }
        }, name + "-close");
        closer.setDaemon(true);
        closer.start();
        if (writer != null) {
            writer.interrupt();
        }
        if (reader != null) {
            reader.interrupt();
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
