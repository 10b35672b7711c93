package dev.ums.testkit.vnc;

import dev.ums.testkit.process.GracefulStop;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A second, independent real VNC server for tests: {@code x11vnc} (libvncserver) exporting an
 * {@code Xvfb} display that shows {@link TestPattern}. Same shape as {@link XvncServer}; needs the
 * Debian packages {@code xvfb}, {@code x11vnc} and {@code imagemagick}.
 */
public final class X11vncServer implements AutoCloseable {
    private final Process xvfb;
    private final Process x11vnc;
    private final int display;
    private final int port;

    private X11vncServer(Process xvfb, Process x11vnc, int display, int port) {
        this.xvfb = xvfb;
        this.x11vnc = x11vnc;
        this.display = display;
        this.port = port;
    }

    public static X11vncServer start(int width, int height) {
        return start(width, height, new String[0]);
    }

    /**
     * Starts with extra x11vnc options, such as {@code "-rfbversion", "3.3"} to test old protocol
     * versions or {@code "-passwd", "secret"} for VNC authentication (tests only: visible in ps).
     */
    public static X11vncServer start(int width, int height, String... extraOptions) {
        try {
            int display = freeDisplay();
            Process xvfb = new ProcessBuilder("Xvfb", ":" + display, "-screen", "0", width + "x" + height + "x24",
                    "-nolisten", "tcp").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            awaitFile(Path.of("/tmp/.X11-unix/X" + display), xvfb);
            BufferedImage pattern = TestPattern.render(width, height);
            Path png = Files.createTempFile("pattern", ".png");
            ImageIO.write(pattern, "png", png.toFile());
            XvncServer.run(List.of("display", "-display", ":" + display, "-window", "root", png.toString()), null, null);
            Files.deleteIfExists(png);
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            List<String> cmd = new java.util.ArrayList<>(List.of("x11vnc", "-display", ":" + display, "-rfbport",
                    Integer.toString(port), "-localhost", "-nopw", "-forever", "-shared", "-noshm", "-quiet"));
            cmd.addAll(List.of(extraOptions));
            Process vnc = new ProcessBuilder(cmd)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            X11vncServer server = new X11vncServer(xvfb, vnc, display, port);
            server.awaitPort();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Xvfb and x11vnc", e);
        }
    }

    private static int freeDisplay() throws IOException {
        for (int n = 140; n < 340; n++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                return n;
            }
        }
        throw new IOException("No free X display number");
    }

    private static void awaitFile(Path file, Process owner) throws IOException {
        for (int i = 0; i < 300 && !Files.exists(file); i++) {
            if (!owner.isAlive()) {
                throw new IOException("Xvfb exited");
            }
            pause();
        }
    }

    private void awaitPort() throws IOException {
        for (int i = 0; i < 300; i++) {
            if (!x11vnc.isAlive()) {
                close();
                throw new IOException("x11vnc exited");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host(), port), 500);
                return;
            } catch (IOException notYet) {
                pause();
            }
        }
        close();
        throw new IOException("x11vnc did not start listening");
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    public String display() {
        return ":" + display;
    }

    /** The X server's own screen as 0x00RRGGBB values, row by row. */
    public int[] screenPixels() throws IOException {
        return RootWindow.pixels(display());
    }

    @Override
    public void close() {
        GracefulStop.stop(x11vnc);
        GracefulStop.stop(xvfb);
    }
}
