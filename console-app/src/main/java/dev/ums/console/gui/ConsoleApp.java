package dev.ums.console.gui;

import dev.ums.console.core.ImiClient;
import dev.ums.console.gui.login.LoginDialog;
import dev.ums.console.gui.login.LoginFlow;
import dev.ums.console.gui.settings.ConsoleSettings;
import dev.ums.console.gui.settings.LiveSettings;
import dev.ums.console.gui.settings.SettingsDialog;
import dev.ums.console.gui.settings.SettingsStore;
import dev.ums.console.gui.settings.SystemTheme;
import dev.ums.console.gui.settings.Theme;
import dev.ums.console.gui.settings.Themes;
import java.awt.GraphicsEnvironment;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console application: loads the settings, installs the theme and the handler of uncaught exceptions, shows
 * the login window and then the main window, and back to login after logging out; or, started logged in (as
 * {@code ums demo} does), the main window straight away, where logging out ends the console. {@link #start} and
 * {@link #startLoggedIn} may be called from any thread; everything visible happens on the event thread.
 */
public final class ConsoleApp implements ConsoleMenus.Commands {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleApp.class);

    private final LiveSettings settings;
    private final boolean systemDark;
    private final boolean loginOffered;
    private final CountDownLatch exited = new CountDownLatch(1);
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
        return new ConsoleApp(new LiveSettings(store, initial), dark, loginOffered);
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
            app.main = new MainWindow(new AdminSession(client, user), app.settings, app);
            app.main.show();
            return null;
        });
        LOG.info("console started, logged in as {} at {}; settings in {}", user, client.server(), configDir);
        return app;
    }

    public LiveSettings settings() {
        return settings;
    }

    /** The login window while it is shown (tests drive it by its component names). */
    public LoginDialog loginDialog() {
        return login;
    }

    public MainWindow mainWindow() {
        return main;
    }

    private void showLogin() {
        login = new LoginDialog(null);
        LoginFlow flow = new LoginFlow(login, settings::get, settings::change, session -> {
            login.close();
            login = null;
            main = new MainWindow(session, settings, this);
            main.show();
        });
        login.onQuit(this::quit);
        flow.prefill();
        login.show();
    }

    @Override
    public void openSettings() {
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

    @Override
    public void logout() {
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
                session.client().logout();
                return null;
            }).exceptionally(e -> {
                LOG.debug("logout failed", e);
                return null;
            });
        }
        showLogin();
    }

    @Override
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
        Workers.submit(() -> {
            settings.flush();
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
