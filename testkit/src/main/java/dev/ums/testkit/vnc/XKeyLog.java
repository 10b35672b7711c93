package dev.ums.testkit.vnc;

import dev.ums.testkit.process.GracefulStop;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key presses and releases an X display receives, read from {@code xev -root -event keyboard}
 * as "press Control_L", "release Delete" and so on. Events reach the root window when no client
 * window under the pointer takes them, which is the case on a bare test display.
 */
public final class XKeyLog implements AutoCloseable {
    private static final Pattern KEYSYM = Pattern.compile("\\(keysym 0x[0-9a-f]+, ([^)]+)\\)");
    private static final long READY_TIMEOUT_MS = 10_000;
    private static final long QUIET_MS = 300;

    private final Process xev;
    private final List<String> events = new ArrayList<>();

    private XKeyLog(Process xev) {
        this.xev = xev;
        Thread reader = new Thread(this::read, "xev-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts logging on {@code display} and returns once the log sees keys: it presses and releases
     * Shift there every half second until one shows up, waits until no more probe events arrive, and
     * starts with an empty log.
     */
    static XKeyLog start(String display) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("xev", "-root", "-event", "keyboard")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DISPLAY", display);
        XKeyLog log = new XKeyLog(pb.start());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MS);
        long lastProbe = 0;
        while (!log.events().contains("release Shift_L")) {
            if (System.nanoTime() > deadline || !log.xev.isAlive()) {
                log.close();
                throw new IOException("xev on " + display + " did not report a probe key");
            }
            if (System.nanoTime() - lastProbe > TimeUnit.MILLISECONDS.toNanos(500)) {
                XvncServer.run(List.of("xdotool", "key", "shift"), null, display);
                lastProbe = System.nanoTime();
            }
            XvncServer.sleep(20);
        }
        for (int seen = -1; seen != log.events().size(); ) {
            seen = log.events().size();
            XvncServer.sleep(QUIET_MS);
        }
        synchronized (log.events) {
            log.events.clear();
        }
        return log;
    }

    /** What was received so far, in order. */
    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(xev.getInputStream(), StandardCharsets.UTF_8))) {
            String kind = null;
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("KeyPress event")) {
                    kind = "press";
                } else if (line.startsWith("KeyRelease event")) {
                    kind = "release";
                }
                Matcher m = KEYSYM.matcher(line);
                if (kind != null && m.find()) {
                    synchronized (events) {
                        events.add(kind + " " + m.group(1));
                    }
                    kind = null;
                }
            }
        } catch (IOException e) {
            // xev was stopped; the events read so far stay.
        }
    }

    @Override
    public void close() {
        GracefulStop.stop(xev);
    }
}
