package dev.ums.launcher;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.gui.AdminSession;
import dev.ums.console.gui.ConsoleMenus;
import dev.ums.console.gui.Edt;
import dev.ums.console.gui.MainWindow;
import dev.ums.console.gui.settings.ConsoleSettings;
import dev.ums.console.gui.settings.LiveSettings;
import dev.ums.console.gui.settings.SettingsDialog;
import dev.ums.console.gui.settings.SettingsStore;
import dev.ums.console.gui.settings.Themes;
import java.awt.GraphicsEnvironment;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console window of {@code ums demo}: the regular main window, already logged in to the demo server, with
 * its settings in the demo's temporary directory. Logging out or closing the window ends the demo, since there
 * is nothing else to log in to.
 */
final class DemoConsole implements ConsoleMenus.Commands {
    private static final Logger LOG = LoggerFactory.getLogger(DemoConsole.class);

    private final LiveSettings settings;
    private final Runnable onQuit;
    private final AtomicBoolean quitting = new AtomicBoolean();
    private MainWindow window;

    private DemoConsole(LiveSettings settings, Runnable onQuit) {
        this.settings = settings;
        this.onQuit = onQuit;
    }

    /**
     * Starts the window system and the look and feel on the event thread, so that this overlaps with starting the
     * demo's server and devices instead of following it.
     */
    static void prepare() {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("the console needs a graphical display, and none is available "
                    + "(is DISPLAY set?); use --headless to run the demo without it");
        }
        Edt.later(() -> Themes.install(ConsoleSettings.defaults().theme(), false));
    }

    /** Logs in and shows the main window; {@code onQuit} runs once when the user quits. Call off the event thread. */
    static DemoConsole open(DemoCluster cluster, Runnable onQuit) throws Exception {
        ImiClient client = ImiClient.create(ServerAddress.parse(cluster.serverUrl()), cluster.fingerprint());
        client.login(DemoCluster.USER, cluster.password().toCharArray());
        SettingsStore store = new SettingsStore(cluster.dataDir().resolve("console"));
        ConsoleSettings initial = store.load();
        DemoConsole console = new DemoConsole(new LiveSettings(store, initial), onQuit);
        Edt.call(() -> {
            if (initial.theme() != ConsoleSettings.defaults().theme()) {
                Themes.install(initial.theme(), false);
            }
            console.window = new MainWindow(new AdminSession(client, DemoCluster.USER), console.settings, console);
            console.window.show();
            return null;
        });
        LOG.info("demo console shown, logged in as {}", DemoCluster.USER);
        return console;
    }

    @Override
    public void openSettings() {
        ConsoleSettings before = settings.get();
        new SettingsDialog(null).show(before).ifPresent(after -> {
            settings.change(s -> after);
            if (after.theme() != before.theme()) {
                Themes.switchTo(after.theme(), false);
            }
        });
    }

    @Override
    public void logout() {
        quit();
    }

    /** Closes the window (ending its sessions) and lets the demo stop; called on the event thread. */
    @Override
    public void quit() {
        if (!quitting.compareAndSet(false, true)) {
            return;
        }
        if (window != null) {
            window.close();
        }
        onQuit.run();
    }

    /** Closes the window if the user has not; for the demo's shutdown. */
    void close() {
        if (quitting.compareAndSet(false, true) && window != null) {
            Edt.run(window::close);
        }
    }
}
