package dev.ums.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ums demo} with its window, on a private Xvfb, driven like a user with {@code xdotool}: the console comes
 * up logged in, filtering and double-clicking a device opens a session that shows its demo desktop, and typing
 * into the viewer changes the device's text field, as a second viewer ({@code ums proxy} + {@code vncsnapshot})
 * sees. Positions are relative to the console window, which opens at 1280×800 in the middle of the screen.
 */
class DemoGuiIT {
    private static final Duration START = Duration.ofSeconds(90);
    private static final int SCREEN_W = 1600;
    private static final int SCREEN_H = 1000;

    @TempDir
    static Path work;
    static Process xvfb;
    static String display;
    static UmsProcess demo;
    static String server;
    static String fingerprint;
    static String password;

    @BeforeAll
    static void startDemoOnXvfb() throws Exception {
        int n = 80;
        while (Files.exists(Path.of("/tmp/.X" + n + "-lock")) || Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
            n++;
        }
        display = ":" + n;
        xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", SCREEN_W + "x" + SCREEN_H + "x24", "-nolisten", "tcp")
                .redirectErrorStream(true).redirectOutput(work.resolve("xvfb.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.exists(Path.of("/tmp/.X11-unix/X" + n)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        demo = UmsProcess.start("demo", work, Map.of("DISPLAY", display, "HOME", work.toString()), "demo");
        demo.awaitLine("devices: ", START);
        server = demo.awaitLine("server: ", START);
        fingerprint = demo.awaitLine("fingerprint: ", START);
        password = demo.awaitLine("password: ", START);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (demo != null) {
            // SIGTERM, so the demo's shutdown hook removes its temporary directory; then make sure it is gone
            ProcessHandle.current().children()
                    .filter(p -> p.info().arguments().map(a -> List.of(a).contains("demo")).orElse(false))
                    .forEach(ProcessHandle::destroy);
            demo.awaitExit(Duration.ofSeconds(30));
            demo.close();
        }
        if (xvfb != null) {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", List.of(command), new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8).strip();
    }

    private static String xdotool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("env", "DISPLAY=" + display, "xdotool"));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    /** Clicks at a point of the console window (which opens centred: its origin is known). */
    private static void click(int x, int y, int times) throws Exception {
        int ox = (SCREEN_W - 1280) / 2;
        int oy = (SCREEN_H - 800) / 2;
        xdotool("mousemove", String.valueOf(ox + x), String.valueOf(oy + y), "click", "--repeat", String.valueOf(times),
                "--delay", "80", "1");
    }

    private static BufferedImage screen(String name) throws Exception {
        Path file = work.resolve(name + ".png");
        run("import", "-display", display, "-window", "root", file.toString());
        return ImageIO.read(file.toFile());
    }

    /** Screenshots until one shows what {@code shown} looks for, at most 30 s; answers the last one. */
    private static BufferedImage awaitScreen(String name, Predicate<BufferedImage> shown) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        BufferedImage shot = screen(name);
        while (!shown.test(shot) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            shot = screen(name);
        }
        return shot;
    }

    /** Pixels dark as text in an area of the console window, given as in {@link #click}. */
    private static int darkInWindow(BufferedImage image, int x0, int y0, int w, int h) {
        int ox = (SCREEN_W - 1280) / 2;
        int oy = (SCREEN_H - 800) / 2;
        int n = 0;
        for (int y = oy + y0; y < oy + y0 + h; y++) {
            for (int x = ox + x0; x < ox + x0 + w; x++) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 0x80 && ((rgb >> 8) & 0xff) < 0x80 && (rgb & 0xff) < 0x80) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int count(BufferedImage image, int x0, int y0, int w, int h, int rgb) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void theConsoleOpensLoggedInAndASessionShowsTheDemoDesktopAndTakesTyping() throws Exception {
        String window = xdotool("search", "--sync", "--onlyvisible", "--name", "UMS Console").lines().findFirst().orElseThrow();
        assertThat(xdotool("getwindowname", window)).isEqualTo("UMS Console – admin@" + server.replace("https://", ""));

        BufferedImage all = awaitScreen("listed", shot -> darkInWindow(shot, 240, 140, 90, 15) > 0);
        assertThat(darkInWindow(all, 240, 140, 90, 15)).as("text in the second row's name before the filter")
                .isPositive();
        click(1110, 38, 1); // the filter field, at the right of the toolbar
        xdotool("type", "--delay", "40", "kiosk-2");
        // the table shows one row once the filter has applied: text in the first row's name, none in the second's
        BufferedImage table = awaitScreen("filtered", shot -> darkInWindow(shot, 240, 116, 90, 15) > 0
                && darkInWindow(shot, 240, 140, 90, 15) == 0);
        assertThat(darkInWindow(table, 240, 140, 90, 15)).as("text in the second row's name once filtered").isZero();
        assertThat(darkInWindow(table, 240, 116, 90, 15)).as("text in the first row's name").isPositive();
        click(270, 123, 2); // the first (now only) row
        // the demo desktop's dark top bar and event panel (#111827), scaled to fit, fill a large area
        BufferedImage shot = awaitScreen("session", s -> count(s, 0, 0, SCREEN_W, SCREEN_H, 0x111827) >= 40_000);
        assertThat(count(shot, 0, 0, SCREEN_W, SCREEN_H, 0x111827)).as("demo desktop pixels on screen")
                .isGreaterThan(40_000);

        click(700, 450, 1); // into the viewer, which takes the keyboard focus
        xdotool("type", "--delay", "60", "typed in the console");
        Thread.sleep(1500);
        screen("typed");

        BufferedImage device = snapshotThroughProxy("kiosk-2");
        int dark = 0;
        for (int y = 226; y < 266; y++) {
            for (int x = 80; x < 600; x++) {
                int rgb = device.getRGB(x, y);
                if (((rgb >> 16) & 0xff) < 0x50 && ((rgb >> 8) & 0xff) < 0x50 && (rgb & 0xff) < 0x60) {
                    dark++;
                }
            }
        }
        // an empty field shows only its caret (46 dark pixels); twenty characters of text add hundreds
        assertThat(dark).as("dark pixels in kiosk-2's text field").isGreaterThan(300);
    }

    private static BufferedImage snapshotThroughProxy(String device) throws Exception {
        UmsProcess proxy = UmsProcess.start("proxy-" + device, work, Map.of("UMS_PASSWORD", password), "proxy",
                "--server", server, "--fingerprint", fingerprint, "--user", "admin", "--device", device);
        try {
            String listening = proxy.awaitLine("listening: ", START);
            int colon = listening.lastIndexOf(':');
            Path out = work.resolve(device + ".jpg");
            run("vncsnapshot", "-quiet", "-nocursor", "-nojpeg", "-quality", "100",
                    listening.substring(0, colon) + "::" + listening.substring(colon + 1), out.toString());
            return ImageIO.read(out.toFile());
        } finally {
            proxy.close();
        }
    }
}
