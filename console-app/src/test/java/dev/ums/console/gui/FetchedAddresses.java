package dev.ums.console.gui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback HTTP listener of a test's own that notes the path of every request and answers 404: where a text that
 * Swing renders as HTML fetches its images ({@link #image}). Its own thread accepts; any thread reads the paths.
 */
public final class FetchedAddresses implements AutoCloseable {
    private final ServerSocket listener;
    private final List<String> paths = new CopyOnWriteArrayList<>();

    private FetchedAddresses(ServerSocket listener) {
        this.listener = listener;
    }

    public static FetchedAddresses start() throws IOException {
        FetchedAddresses fetched = new FetchedAddresses(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread counting = new Thread(fetched::countRequests, "html-fetch-listener");
        counting.setDaemon(true);
        counting.start();
        return fetched;
    }

    /** A text Swing would render as HTML, whose image comes from {@code path} here. */
    public String image(String path) {
        return "<html><img src='http://127.0.0.1:" + listener.getLocalPort() + "/" + path + "'>";
    }

    /** The paths requested so far, in order. */
    public List<String> paths() {
        return List.copyOf(paths);
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void countRequests() {
        while (!listener.isClosed()) {
            try (Socket s = listener.accept(); InputStream in = s.getInputStream();
                 OutputStream out = s.getOutputStream()) {
                byte[] head = new byte[1024];
                int n = in.read(head);
                String line = n <= 0 ? ""
                        : new String(head, 0, n, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
                String[] parts = line.split(" ");
                paths.add(parts.length > 1 ? parts[1] : line);
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the listener closed at the test's end, or a fetch hung up
            }
        }
    }
}
