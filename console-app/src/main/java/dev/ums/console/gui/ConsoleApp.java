package dev.ums.console.gui;

import dev.ums.console.core.ImiClient;
import dev.ums.console.gui.internal.AdminSession;
import dev.ums.console.gui.internal.ConsoleMenus;
import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.EventThreadFailures;
import dev.ums.console.gui.internal.MainWindow;
import dev.ums.console.gui.internal.Workers;
import dev.ums.console.gui.internal.external.ViewerProcesses;
import dev.ums.console.gui.internal.log.DownloadedRecordings;
import dev.ums.console.gui.internal.login.LoginDialog;
import dev.ums.console.gui.internal.login.LoginFlow;
import dev.ums.console.gui.internal.playback.PlayerWindow;
import dev.ums.console.gui.internal.settings.ConsoleSettings;
import dev.ums.console.gui.internal.settings.LiveSettings;
import dev.ums.console.gui.internal.settings.SettingsDialog;
import dev.ums.console.gui.internal.settings.SettingsStore;
import dev.ums.console.gui.internal.settings.SystemTheme;
import dev.ums.console.gui.internal.settings.Theme;
import dev.ums.console.gui.internal.settings.Themes;
import java.awt.Component;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.swing.JOptionPane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console application, and with {@link ConfigDir} and {@link ImiFailureSentence} the whole public surface of the
 * console's GUI (everything else lives in {@code gui.internal}): loads the settings, installs the theme and the handler
 * of uncaught exceptions, shows the login window and then the main window, and back to login after logging out; or,
 * started logged in (as {@code ums demo} does), the main window straight away, where logging out ends the console.
 * {@link #start}, {@link #startLoggedIn}, {@link #prepareLookAndFeel}, {@link #quitLater} and {@code awaitExit} may be
 * called from any thread (never the event thread for the blocking ones); everything visible happens on the event
 * thread.
 */
public final class ConsoleApp {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);
    /** How long an external viewer has to stop when the console quits before it is killed. */
    private static final Duration VIEWER_GRACE = Duration.ofSeconds(3);

    private final LiveSettings settings;
    private final boolean systemDark;
    private final boolean loginOffered;
    private final CountDownLatch exited = new CountDownLatch(1);
    /** What the menus call; kept apart so the menus' interface stays internal. */
    private final ConsoleMenus.Commands commands = new ConsoleMenus.Commands() {
        @Override
        public void openSettings() {
            ConsoleApp.this.openSettings();
        }

        @Override
        public void logout() {
            ConsoleApp.this.logout();
        }

        @Override
        public void quit() {
            ConsoleApp.this.quit();
        }
    };
    private LoginDialog login;
    private MainWindow main;
    private boolean quitting;

    private ConsoleApp(LiveSettings settings, boolean systemDark, boolean loginOffered) {
        this.settings = settings;
        this.systemDark = systemDark;
        this.loginOffered = loginOffered;
    }

    private static ConsoleApp create(Path configDir, boolean loginOffered) {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("the console needs a graphical display, and none is available "
                    + "(is DISPLAY set?)");
        }
        EventThreadFailures.install();
        SettingsStore store = new SettingsStore(configDir);
        ConsoleSettings initial = store.load();
        boolean dark = initial.theme() == Theme.SYSTEM && SystemTheme.prefersDark();
        ConsoleApp app = new ConsoleApp(new LiveSettings(store, initial), dark, loginOffered);
        app.settings.onSaveFailure(app::settingsNotSaved);
        return app;
    }

    /**
     * Installs the default look and feel on the event thread, later, so that loading it overlaps with whatever the
     * caller starts meanwhile (the demo's server and devices); the settings' theme replaces it at start.
     *
     * @throws IllegalStateException with a sentence if there is no display
     */
    public static void prepareLookAndFeel() {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("the console needs a graphical display, and none is available "
                    + "(is DISPLAY set?)");
        }
        Edt.later(() -> Themes.install(ConsoleSettings.defaults().theme(), false));
    }

    /** Starts the console with its settings in {@code configDir}; returns once the login window is up. */
    public static ConsoleApp start(Path configDir) {
        ConsoleApp app = create(configDir, true);
        Edt.call(() -> {
            Themes.install(app.settings.get().theme(), app.systemDark);
            app.showLogin();
            return null;
        });
        LOG.info("console started; settings in {}", configDir);
        return app;
    }

    /**
     * Starts the console already logged in through {@code client} as {@code user} and returns once the main window
     * is up; logging out ends it, as quitting does, since there is no login window to go back to.
     */
    public static ConsoleApp startLoggedIn(ImiClient client, String user, Path configDir) {
        ConsoleApp app = create(configDir, false);
        Edt.call(() -> {
            Themes.install(app.settings.get().theme(), app.systemDark);
            app.main = new MainWindow(new AdminSession(client, user), app.settings, app.commands);
            app.main.show();
            return null;
        });
        LOG.info("console started, logged in as {} at {}; settings in {}", user, client.server(), configDir);
        return app;
    }

    // For tests, which drive and read the windows: internal types, whose shape may change with the screens.

    /** The settings in effect. Event thread or tests. */
    public LiveSettings settings() {
        return settings;
    }

    /** The login window while it is shown (tests drive it by its component names). Event thread. */
    public LoginDialog loginDialog() {
        return login;
    }

    /** The main window while it is shown, else null. Event thread. */
    public MainWindow mainWindow() {
        return main;
    }

    private void showLogin() {
        login = new LoginDialog(null);
        LoginFlow flow = new LoginFlow(login, settings::get, settings::change, session -> {
            login.close();
            login = null;
            main = new MainWindow(session, settings, commands);
            main.show();
        });
        login.onQuit(this::quit);
        flow.prefill();
        login.show();
    }

    private void openSettings() {
        ConsoleSettings before = settings.get();
        new SettingsDialog(main == null ? null : main.frame()).show(before).ifPresent(after -> {
            settings.change(s -> after);
            if (after.theme() != before.theme()) {
                Themes.switchTo(after.theme(), systemDark);
            }
            if (main != null && after.pollSeconds() != before.pollSeconds()) {
                main.pollEvery(after.pollSeconds());
            }
        });
    }

    /**
     * Says once that the settings could not be written (the changes hold until the console quits). Over the main
     * window, or on its own: the login window closes as soon as the login that saved the server's pin succeeds, and
     * would take the message with it. Event thread.
     */
    private void settingsNotSaved(String sentence) {
        Component owner = main != null ? main.frame() : null;
        JOptionPane.showMessageDialog(owner, sentence, "Settings not saved", JOptionPane.WARNING_MESSAGE);
    }

    private void logout() {
        if (!loginOffered) {
            quit();
            return;
        }
        MainWindow closing = main;
        main = null;
        if (closing != null) {
            closing.close();
            AdminSession session = closing.admin();
            Workers.submit(() -> {
                try {
                    session.client().logout();
                } finally {
                    // the client is dropped: its kept connection would stay open at the server until its idle timeout
                    session.client().closeIdleConnections();
                }
                return null;
            }).exceptionally(e -> {
                LOG.debug("logout failed", e);
                return null;
            });
        }
        showLogin();
    }

    /**
     * Closes every window (ending their sessions; the players too), stops the external viewers still running, deletes
     * the recordings downloaded for players and lets {@link #awaitExit} return. Event thread.
     */
    public void quit() {
        if (quitting) {
            return;
        }
        quitting = true;
        if (main != null) {
            main.close();
            main = null;
        }
        if (login != null) {
            login.close();
            login = null;
        }
        PlayerWindow.closeAll();
        Workers.submit(() -> {
            settings.flush();
            ViewerProcesses.stopAll(VIEWER_GRACE);
            DownloadedRecordings.deleteAll();
            return null;
        }).whenComplete((v, e) -> exited.countDown());
    }

    /** Quits from any thread, as the menu's Quit does (for a process that is being stopped). */
    public void quitLater() {
        Edt.run(this::quit);
    }

    /** Blocks until the user quits. */
    public void awaitExit() throws InterruptedException {
        exited.await();
    }

    public boolean awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
        return exited.await(timeout, unit);
    }
}
