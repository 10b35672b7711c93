package dev.ums.viewer.bench;

import static dev.ums.protocol.io.Closeables.closeQuietly;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay that adds a fixed one-way delay in each direction, as a distant link would: every chunk read is
 * written to the other side {@code delay} after it arrived, in the order it arrived. Each direction holds at most
 * {@link #CHUNKS} chunks of {@link #CHUNK} bytes (1 MiB); when that is full the relay stops reading, so a slow
 * reader slows the sender. The relay's connections towards the server leave from {@code sourceAddress} (a loopback
 * address of its own), which lets {@link LinkShaper} shape exactly this relay's traffic and lets Xvnc's log name
 * the client by its port ({@link #upstreamPorts()}). With {@code -Dwan.relayTrace=DIR} each direction of each
 * connection also writes, when it ends, one line per read (milliseconds since the connection began, bytes so far)
 * into a file in DIR (milliseconds since the connection began, bytes so far, the wall-clock time in milliseconds,
 * the read's first byte): when each viewer's bytes arrived, for telling a slow start from a slow link; upstream, a
 * viewer's messages mostly come one a read, so the first byte names it (4 a key, 248 a fence).
 * <p>Threads: one accepting thread, and per connection a reading and a writing thread for each direction; the
 * public methods may be called from any thread.
 */
final class DelayRelay implements AutoCloseable {
    static final int CHUNK = 16 * 1024;
    static final int CHUNKS = 64;
    private static final byte[] END = new byte[0];
    private static final String TRACE = System.getProperty("wan.relayTrace");

    private final ServerSocket listener;
    private final String sourceAddress;
    private final int targetPort;
    private final long delayNanos;
    private final List<Integer> upstreamPorts = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** When data from the server last went out to the viewer ({@link System#nanoTime()}). */
    private volatile long lastDelivered = System.nanoTime();

    DelayRelay(String sourceAddress, int targetPort, long delayMillis) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.sourceAddress = sourceAddress;
        this.targetPort = targetPort;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        Thread accepting = new Thread(this::acceptLoop, "relay-" + sourceAddress + "-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The local ports of the connections made to the server so far, oldest first. */
    List<Integer> upstreamPorts() {
        return List.copyOf(upstreamPorts);
    }

    /** When data from the server was last passed on to the viewer, as {@link System#nanoTime()}. */
    long lastDelivered() {
        return lastDelivered;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.bind(new InetSocketAddress(sourceAddress, 0));
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 5000);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                upstreamPorts.add(server.getLocalPort());
                sockets.add(client);
                sockets.add(server);
                pipe(client, server, "up");
                pipe(server, client, "down");
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("relay " + sourceAddress + ": " + e.getMessage());
                }
            }
        }
    }

    private void pipe(Socket from, Socket to, String direction) throws IOException {
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CHUNKS);
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        String name = "relay-" + sourceAddress + "-" + direction;
        boolean downstream = direction.equals("down");
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[CHUNK];
            StringBuilder trace = TRACE == null ? null : new StringBuilder();
            long t0 = System.nanoTime();
            long total = 0;
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    total += n;
                    if (trace != null) {
                        trace.append((System.nanoTime() - t0) / 1_000_000).append(' ').append(total).append(' ')
                                .append(System.currentTimeMillis()).append(' ').append(buffer[0] & 0xff).append('\n');
                    }
                    queue.put(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
                }
            } catch (IOException | InterruptedException e) {
                // The connection ended; the writer closes the other side.
            }
            if (trace != null) {
                try {
                    java.nio.file.Files.writeString(java.nio.file.Path.of(TRACE, name + "-"
                            + System.currentTimeMillis() + ".txt"), trace);
                } catch (IOException e) {
                    System.err.println("relay trace: " + e.getMessage());
                }
            }
            try {
                queue.put(new Chunk(System.nanoTime() + delayNanos, END));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name + "-read");
        Thread writer = new Thread(() -> {
            try {
                while (true) {
                    Chunk chunk = queue.take();
                    for (long wait; (wait = chunk.due - System.nanoTime()) > 0; ) {
                        LockSupport.parkNanos(wait);
                    }
                    if (chunk.data == END) {
                        break;
                    }
                    out.write(chunk.data);
                    if (downstream) {
                        lastDelivered = System.nanoTime();
                    }
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                // The other side went away: end both.
                closeQuietly(from);
                closeQuietly(to);
            }
        }, name + "-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    private record Chunk(long due, byte[] data) {
    }
}
