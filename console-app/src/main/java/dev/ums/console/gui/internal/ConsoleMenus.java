package dev.ums.console.gui.internal;

import dev.ums.console.gui.internal.devices.DeviceActions;
import java.awt.event.KeyEvent;
import javax.swing.Action;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.KeyStroke;

/**
 * The main window's menu bar: Console (open a recording file, settings, log out, quit), Device (the device actions,
 * the pending re-enrollments), View (refresh, find, the sessions overview). Every item has a name ({@code menu…}) so
 * tests can reach it. Event thread only.
 */
public final class ConsoleMenus {
    /** The console-wide commands the menus trigger. */
    public interface Commands {
        void openSettings();

        void logout();

        void quit();
    }

    private final JMenuBar bar = new JMenuBar();

    ConsoleMenus(Commands commands, DeviceActions actions, Action openRecording, Action refresh, Runnable focusFilter,
                 Runnable showOverview, Runnable showReenrollments) {
        JMenu console = new JMenu("Console");
        console.setName("menuConsole");
        console.setMnemonic(KeyEvent.VK_C);
        console.add(openRecording).setName("menuOpenRecording");
        console.addSeparator();
        item(console, "Settings…", KeyEvent.VK_S, KeyStroke.getKeyStroke("ctrl COMMA"), commands::openSettings).setName("menuSettings");
        item(console, "Log out", KeyEvent.VK_L, null, commands::logout).setName("menuLogout");
        console.addSeparator();
        item(console, "Quit", KeyEvent.VK_Q, KeyStroke.getKeyStroke("ctrl Q"), commands::quit).setName("menuQuit");
        JMenu device = new JMenu("Device");
        device.setMnemonic(KeyEvent.VK_D);
        device.setName("menuDevice");
        for (Action a : actions.menu()) {
            if (a == null) {
                device.addSeparator();
            } else {
                device.add(a).setName("menu-" + a.getValue(Action.ACTION_COMMAND_KEY));
            }
        }
        device.addSeparator();
        item(device, "Pending re-enrollments…", KeyEvent.VK_R, null, showReenrollments).setName("menuReenrollments");
        JMenu view = new JMenu("View");
        view.setMnemonic(KeyEvent.VK_V);
        view.setName("menuView");
        view.add(refresh).setName("menuRefresh");
        item(view, "Find device", KeyEvent.VK_F, KeyStroke.getKeyStroke("ctrl F"), focusFilter).setName("menuFind");
        item(view, "Sessions overview", KeyEvent.VK_O, KeyStroke.getKeyStroke("ctrl shift S"), showOverview)
                .setName("menuOverview");
        bar.add(console);
        bar.add(device);
        bar.add(view);
    }

    JMenuBar bar() {
        return bar;
    }

    private static JMenuItem item(JMenu menu, String text, int mnemonic, KeyStroke key, Runnable action) {
        JMenuItem item = new JMenuItem(text, mnemonic);
        if (key != null) {
            item.setAccelerator(key);
        }
        item.addActionListener(e -> action.run());
        menu.add(item);
        return item;
    }
}
