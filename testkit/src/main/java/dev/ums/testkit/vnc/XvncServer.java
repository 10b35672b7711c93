package dev.ums.testkit.vnc;

import dev.ums.testkit.net.FreePort;
import dev.ums.testkit.process.GracefulStop;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real TigerVNC {@code Xvnc} for tests: started on a free X display and a free loopback TCP
 * port, showing {@link TestPattern} until told otherwise, optionally protected by a VNC password.
 * {@link #screenPixels()} reads the X server's own pixels (through ImageMagick {@code import}),
 * the reference a VNC client's framebuffer must match. {@link #close()} kills the process and
 * removes its files; use it in try-with-resources or {@code @AfterAll}.
 *
 * <pre>
 * try (XvncServer xvnc = XvncServer.start(320, 240)) {
 *     Socket s = new Socket(xvnc.host(), xvnc.port());
 *     ...
 *     int[] expected = xvnc.screenPixels();
 * }
 * </pre>
 * Needs the Debian packages {@code tigervnc-standalone-server}, {@code tigervnc-tools} (for a
 * password) and {@code imagemagick}.
 */
public final class XvncServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(XvncServer.class);
    private static final int FIRST_DISPLAY = 40;
    private static final long START_TIMEOUT_MS = 15_000;

    private final Process process;
    private final int display;
    private final int port;
    private final int width;
    private final int height;
    private final Path workDir;

    private XvncServer(Process process, int display, int port, int width, int height, Path workDir) {
        this.process = process;
        this.display = display;
        this.port = port;
        this.width = width;
        this.height = height;
        this.workDir = workDir;
    }

    /** Starts an Xvnc without authentication, showing the test pattern. */
    public static XvncServer start(int width, int height) {
        return start(width, height, null);
    }

    /** Starts an Xvnc that requires VNC authentication with this password (first 8 characters count). */
    public static XvncServer startWithPassword(int width, int height, String password) {
        return start(width, height, password);
    }

    /** A VNC password file for {@code password} in {@code dir}, as {@code vncpasswd} writes it. */
    public static Path passwordFile(Path dir, String password) throws IOException {
        Path file = dir.resolve("passwd");
        Files.write(file, run(List.of("vncpasswd", "-f"), (password + "\n").getBytes(StandardCharsets.UTF_8), null));
        return file;
    }

    /**
     * Starts an Xvnc with these security options instead of {@code -SecurityTypes None}, for example
     * {@code "-SecurityTypes", "X509Vnc", "-X509Cert", cert, "-X509Key", key, "-PasswordFile", file}.
     */
    public static XvncServer startWithSecurity(int width, int height, String... securityOptions) {
        return start(width, height, null, List.of(securityOptions));
    }

    private static XvncServer start(int width, int height, String password) {
        return start(width, height, password, List.of());
    }

    private static XvncServer start(int width, int height, String password, List<String> securityOptions) {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                XvncServer server = launch(width, height, password, securityOptions);
                server.showImage(TestPattern.render(width, height));
                return server;
            } catch (IOException e) {
                last = e;
                LOG.debug("Xvnc start attempt failed", e);
            }
        }
        throw new UncheckedIOException("Could not start Xvnc", last);
    }

    private static XvncServer launch(int width, int height, String password, List<String> securityOptions)
            throws IOException {
        Path dir = Files.createTempDirectory("xvnc");
        int display = freeDisplay();
        int port = FreePort.pick();
        List<String> cmd = new ArrayList<>(List.of("Xvnc", ":" + display, "-geometry", width + "x" + height,
                "-depth", "24", "-rfbport", Integer.toString(port), "-localhost", "-nolisten", "tcp",
                "-AlwaysShared", "-desktop", "xvnc-test", "-Log", "*:stderr:30",
                // tests hang up mid-handshake on purpose; Xvnc must not start refusing the host for it
                "-BlacklistThreshold", "1000000"));
        if (!securityOptions.isEmpty()) {
            cmd.addAll(securityOptions);
        } else if (password == null) {
            cmd.addAll(List.of("-SecurityTypes", "None"));
        } else {
            cmd.addAll(List.of("-SecurityTypes", "VncAuth", "-PasswordFile", passwordFile(dir, password).toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("xvnc.log").toFile()).start();
        XvncServer server = new XvncServer(p, display, port, width, height, dir);
        try {
            server.awaitReady();
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitReady() throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        Path socket = Path.of("/tmp/.X11-unix/X" + display);
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Xvnc exited: " + log());
            }
            if (Files.exists(socket)) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(host(), port), 500);
                    return;
                } catch (IOException notYet) {
                    LOG.trace("Xvnc not accepting yet", notYet);
                }
            }
            sleep(50);
        }
        throw new IOException("Xvnc did not start within " + START_TIMEOUT_MS + " ms: " + log());
    }

    private static int freeDisplay() throws IOException {
        for (int n = FIRST_DISPLAY; n < FIRST_DISPLAY + 200; n++) {
            if (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && !Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                return n;
            }
        }
        throw new IOException("No free X display number");
    }


    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** The X display name, such as {@code ":41"}, for running X clients against this server. */
    public String display() {
        return ":" + display;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Makes the root window show this image (ImageMagick {@code display -window root}). */
    public void showImage(BufferedImage image) throws IOException {
        Path png = workDir.resolve("root.png");
        ImageIO.write(image, "png", png.toFile());
        run(List.of("display", "-display", display(), "-window", "root", png.toString()), null, null);
    }

    /**
     * Opens a window showing an image at a position (an {@code xwud} client; there is no window
     * manager, so it stays exactly there) and returns its X window id, for {@link #moveWindow}.
     */
    public long showImageWindow(BufferedImage image, int x, int y) throws IOException {
        Path png = workDir.resolve("window.png");
        Path xwdFile = workDir.resolve("window-" + System.nanoTime() + ".xwd");
        ImageIO.write(image, "png", png.toFile());
        run(List.of("convert", png.toString(), "xwd:" + xwdFile), null, null);
        ProcessBuilder pb = new ProcessBuilder("xwud", "-in", xwdFile.toString(), "-geometry", "+" + x + "+" + y)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", display());
        pb.start();
        IOException lastSearch = null;
        for (int i = 0; i < 100; i++) {
            try {
                String ids = new String(runClient("xdotool", "search", "--onlyvisible", "--class", "xwud"),
                        StandardCharsets.US_ASCII).trim();
                if (!ids.isEmpty()) {
                    String[] lines = ids.split("\\s+");
                    return Long.parseLong(lines[lines.length - 1]);
                }
            } catch (IOException e) {
                // xdotool exits with 1 and prints nothing while no such window is mapped yet.
                lastSearch = e;
            }
            sleep(50);
        }
        throw new IOException("The image window did not appear", lastSearch);
    }

    /** Moves a window; the X server copies its pixels, which VNC servers send as CopyRect. */
    public void moveWindow(long windowId, int x, int y) throws IOException {
        runClient("xdotool", "windowmove", "--sync", Long.toString(windowId), Integer.toString(x), Integer.toString(y));
    }

    /** Runs an X client (xdotool, xsetroot, ...) against this display and waits for it. */
    public byte[] runClient(String... command) throws IOException {
        return run(List.of(command), null, display());
    }

    /** Starts recording the key presses and releases this display receives. */
    public XKeyLog keyLog() throws IOException {
        return XKeyLog.start(display());
    }

    /**
     * Makes an X client own this display's CLIPBOARD selection with {@code text} for {@code seconds}
     * (or until the returned process is destroyed); returns once it owns it.
     */
    public Process ownClipboard(String text, int seconds) throws IOException {
        Process owner = clipboardClient("set", text, Integer.toString(seconds));
        byte[] ack = owner.getInputStream().readNBytes(5);
        if (!new String(ack, StandardCharsets.US_ASCII).equals("owned")) {
            owner.destroyForcibly();
            throw new IOException("The clipboard client did not take the selection");
        }
        return owner;
    }

    /** The text this display's CLIPBOARD selection holds, as an X client reads it; empty when none. */
    public String clipboardText() throws IOException {
        Process reader = clipboardClient("get");
        String text = new String(reader.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!reader.waitFor(10, TimeUnit.SECONDS)) {
                reader.destroyForcibly();
                throw new IOException("The clipboard client did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reader.destroyForcibly();
            throw new IOException("interrupted", e);
        }
        return text;
    }

    private Process clipboardClient(String... args) throws IOException {
        return startJavaClient(XClipboardClient.class, args);
    }

    /**
     * Runs {@code main} (a class on this JVM's class path) as an X client of this display in a JVM of its own;
     * its standard output is the returned process's input, its errors are discarded.
     */
    public Process startJavaClient(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", display());
        return pb.start();
    }

    /** The X server's own screen as a PNG. */
    public byte[] capturePng() throws IOException {
        return RootWindow.png(display());
    }

    /** The X server's own screen as 0x00RRGGBB values, row by row. */
    public int[] screenPixels() throws IOException {
        return RootWindow.pixels(display());
    }

    /** What Xvnc has logged so far, such as its per-client "Framebuffer updates" statistics. */
    public String log() {
        try {
            return Files.readString(workDir.resolve("xvnc.log"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        GracefulStop.stop(process);
        try (var files = Files.list(workDir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(workDir);
        } catch (IOException e) {
            LOG.debug("cleaning {}", workDir, e);
        }
    }

    static byte[] run(List<String> command, byte[] stdin, String displayEnv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (displayEnv != null) {
            pb.environment().put("DISPLAY", displayEnv);
        }
        Path err = Files.createTempFile("xcmd", ".err");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (stdin != null) {
                p.getOutputStream().write(stdin);
            }
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish");
            }
            if (p.exitValue() != 0 && out.length == 0 && !command.get(0).equals("display")) {
                throw new IOException(command.get(0) + " failed: " + Files.readString(err));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
