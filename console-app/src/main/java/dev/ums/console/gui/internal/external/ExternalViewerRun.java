package dev.ums.console.gui.internal.external;

import dev.ums.console.core.ShadowConnection;
import dev.ums.console.gui.internal.Workers;
import dev.ums.console.proxy.ListenAddress;
import dev.ums.console.proxy.LocalProxy;
import dev.ums.protocol.log.PeerText;
import dev.ums.protocol.tunnel.BytePump;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session shown in an external viewer: a loopback proxy into the session's tunnel, the viewer program
 * started against it, and the session ended when the viewer exits. The listener hears once how it ended,
 * on one of this run's threads.
 */
public final class ExternalViewerRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalViewerRun.class);

    /** How the run ended; called once, on a background thread. */
    @FunctionalInterface
    public interface Listener {
        void ended(String sentence, boolean failure);
    }

    private final LocalProxy proxy;
    private final Process process;
    private final List<String> argv;
    private final Listener listener;
    private final AtomicBoolean reported = new AtomicBoolean();
    /** The most of a viewer's output line that its sentence quotes. */
    private static final int OUTPUT_CHARS = 300;
    private static final long OUTPUT_WAIT_MILLIS = 3000;
    /** Reads the viewer's output to its end; set before the thread that waits for the exit starts. */
    private volatile Thread output;
    private volatile String lastOutput = "";
    private volatile BytePump.Totals finalTotals;
    private volatile Thread serving;
    private volatile boolean closedHere;

    private ExternalViewerRun(LocalProxy proxy, Process process, List<String> argv, Listener listener) {
        this.proxy = proxy;
        this.process = process;
        this.argv = argv;
        this.listener = listener;
    }

    /** Opens the proxy and starts the viewer; blocking (process start), so call it from a worker. */
    public static ExternalViewerRun start(ShadowConnection connection, String template, Listener listener)
            throws IOException {
        LocalProxy proxy = LocalProxy.listen(connection, ListenAddress.DEFAULT);
        List<String> argv;
        Process process;
        try {
            argv = CommandTemplate.argv(template, "127.0.0.1", proxy.address().getPort());
            process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException | IllegalArgumentException e) {
            proxy.close();
            if (e instanceof IllegalArgumentException) {
                throw new IOException(e.getMessage(), e);
            }
            String program = CommandTemplate.split(template).get(0);
            throw new IOException("the external viewer could not be started: the program \"" + program
                    + "\" was not found or cannot be run (check the viewer command in Settings)", e);
        }
        ViewerProcesses.add(process);
        LOG.info("started external viewer {} (pid {}) on {}", argv, process.pid(), proxy.addressText());
        ExternalViewerRun run = new ExternalViewerRun(proxy, process, argv, listener);
        run.output = Workers.startThread("viewer-output-" + process.pid(), run::readOutput);
        run.serving = Workers.startThread("viewer-proxy-" + process.pid(), run::serve);
        Workers.startThread("viewer-wait-" + process.pid(), run::awaitExit);
        return run;
    }

    public List<String> command() {
        return argv;
    }

    public String proxyAddress() {
        return proxy.addressText();
    }

    public boolean viewerConnected() {
        return proxy.viewerConnected();
    }

    /** Bytes the proxy carried: viewer → device, device → viewer. */
    public BytePump.Totals totals() {
        return proxy.totals();
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    // a program's words: one line of bounded length in the sentence and the log
                    lastOutput = PeerText.of(line.strip(), OUTPUT_CHARS);
                    LOG.debug("{}: {}", argv.get(0), lastOutput);
                }
            }
        } catch (IOException e) {
            LOG.trace("viewer output ended", e);
        }
    }

    private void serve() {
        try {
            finalTotals = proxy.serveOne();
        } catch (IOException e) {
            LOG.debug("proxy for {} ended: {}", argv.get(0), e.getMessage());
        }
        try {
            // The viewer usually exits when its connection closes; let its exit tell the story if it does.
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        report(closedHere ? "the session was ended"
                : "the session ended (" + proxy.endedBecause() + "); the external viewer is still open", !closedHere);
    }

    private void awaitExit() {
        int code;
        try {
            code = process.waitFor();
            // the output's last line comes after the exit (a program that forked keeps the pipe: 3 s at most)
            output.join(OUTPUT_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        boolean connected = proxy.viewerConnected();
        closeProxy();
        LOG.info("external viewer {} exited with code {}", argv.get(0), code);
        if (closedHere) {
            report("the session was ended", false);
        } else if (!connected) {
            report("the external viewer \"" + argv.get(0) + "\" exited with code " + code + " before connecting"
                    + (lastOutput.isEmpty() ? "" : ": " + lastOutput), true);
        } else {
            BytePump.Totals totals = settledTotals();
            report(String.format(Locale.ROOT, "the external viewer closed, so the session ended (%s from the device, "
                    + "%s to it through the console's proxy)", size(totals.rightToLeft()), size(totals.leftToRight())),
                    false);
        }
    }

    /** The proxy's final counts once its pump has finished (it finishes right after the viewer's socket closes). */
    private BytePump.Totals settledTotals() {
        try {
            Thread thread = serving;
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(2));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        BytePump.Totals done = finalTotals;
        return done != null ? done : proxy.totals();
    }

    static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    private void report(String sentence, boolean failure) {
        if (reported.compareAndSet(false, true)) {
            listener.ended(sentence, failure);
        }
    }

    private void closeProxy() {
        try {
            proxy.close();
        } catch (IOException e) {
            LOG.debug("closing the proxy", e);
        }
    }

    /** Ends the session and the viewer. */
    @Override
    public void close() {
        closedHere = true;
        closeProxy();
        process.destroy();
        Workers.startThread("viewer-stop-" + process.pid(), () -> {
            try {
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        });
    }
}
