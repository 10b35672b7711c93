package dev.ums.agent.internal.indicator;

import dev.ums.agent.SessionIndicator;
import dev.ums.agent.internal.display.ShownAdmin;
import dev.ums.agent.internal.display.WindowProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the {@link IndicatorWindow} on a given X display as a child JVM with {@code DISPLAY} set, for the same
 * reason as the consent dialog: the agent runs without a display of its own and stays free of Swing. The child
 * prints {@link IndicatorWindow#DISCONNECT} when the person pressed Disconnect; a daemon thread per indicator
 * reads that line. Without a display nothing is shown and the session runs as before.
 *
 * <p>Thread: {@link #show} on a session thread; {@link Shown#close()} from any thread.
 */
public final class DisplaySessionIndicator implements SessionIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(DisplaySessionIndicator.class);

    private final String display;

    public DisplaySessionIndicator(String display) {
        this.display = display;
    }

    @Override
    public Shown show(Request request, Runnable onDisconnect) {
        if (display == null || display.isBlank()) {
            LOG.info("session {}: no display for the shadow indicator", request.sessionId());
            return () -> { };
        }
        Process process;
        try {
            process = WindowProcess.start(display, 48, IndicatorWindow.class, arguments(request));
        } catch (IOException e) {
            LOG.warn("session {}: cannot start the shadow indicator: {}", request.sessionId(), e.getMessage());
            return () -> { };
        }
        Thread reader = new Thread(() -> watch(process, request.sessionId(), onDisconnect),
                "ums-agent-indicator-" + request.sessionId());
        reader.setDaemon(true);
        reader.start();
        return process::destroy;
    }

    private static void watch(Process process, String sessionId, Runnable onDisconnect) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (IndicatorWindow.DISCONNECT.equals(line.trim())) {
                    LOG.info("session {}: the user at the device pressed Disconnect", sessionId);
                    onDisconnect.run();
                }
            }
        } catch (IOException e) {
            LOG.debug("session {}: reading the indicator failed", sessionId, e);
        }
    }

    private static List<String> arguments(Request request) {
        return List.of(ShownAdmin.of(request.admin()),
                Long.toString(request.since().toEpochMilli()), Boolean.toString(request.viewOnly()),
                request.position().name(), Boolean.toString(request.allowDisconnect()));
    }
}
