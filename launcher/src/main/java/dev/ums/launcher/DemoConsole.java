package dev.ums.launcher;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.gui.ConsoleApp;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console window of {@code ums demo}: the regular console, already logged in to the demo server, with its
 * settings in the demo's temporary directory. Logging out or closing the window ends the demo, since there is
 * nothing else to log in to. Called from the demo's main thread and its shutdown hook.
 */
final class DemoConsole {
    private static final Logger LOG = LoggerFactory.getLogger(DemoConsole.class);

    private final ConsoleApp app;

    private DemoConsole(ConsoleApp app) {
        this.app = app;
    }

    /**
     * Starts the window system and the look and feel on the event thread, so that this overlaps with starting the
     * demo's server and devices instead of following it.
     */
    static void prepare() {
        try {
            ConsoleApp.prepareLookAndFeel();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; use --headless to run the demo without it", e);
        }
    }

    /** Logs in and shows the main window; {@code onQuit} runs once when the user quits. Call off the event thread. */
    static DemoConsole open(DemoCluster cluster, Runnable onQuit) throws Exception {
        ImiClient client = ImiClient.create(ServerAddress.parse(cluster.serverUrl()), cluster.fingerprint());
        client.login(DemoCluster.USER, cluster.password().toCharArray());
        ConsoleApp app = ConsoleApp.startLoggedIn(client, DemoCluster.USER, cluster.dataDir().resolve("console"));
        Thread exit = new Thread(() -> {
            try {
                app.awaitExit();
                onQuit.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ums-demo-console-exit");
        exit.setDaemon(true);
        exit.start();
        LOG.info("demo console shown, logged in as {}", DemoCluster.USER);
        return new DemoConsole(app);
    }

    ConsoleApp app() {
        return app;
    }

    /** Closes the window (ending its sessions) if the user has not; for the demo's shutdown. */
    void close() {
        app.quitLater();
        try {
            if (!app.awaitExit(10, TimeUnit.SECONDS)) {
                LOG.warn("the console did not close within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
