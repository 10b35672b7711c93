package dev.ums.console.gui.internal.devices;

import dev.ums.console.gui.internal.Icons;
import dev.ums.protocol.imi.ThinClient;
import java.awt.event.ActionEvent;
import java.awt.event.KeyEvent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.AbstractAction;
import javax.swing.Action;
import javax.swing.KeyStroke;

/**
 * The things an administrator can do with the selected device, as Swing actions shared by the menu bar, the
 * context menu and the keyboard; each is enabled only while a device is selected.
 */
public final class DeviceActions {
    /** What the actions do; the main window supplies it. */
    public interface Handler {
        void shadow(ThinClient device, boolean viewOnly, boolean external);

        void shadowDefault(ThinClient device);

        void shadowLog(ThinClient device);

        void properties(ThinClient device);
    }

    /** The action's shorter label on a toolbar button, where it differs from the menu's. */
    public static final String TOOLBAR_TEXT = "ums.toolbarText";

    public final Action shadow;
    public final Action shadowViewOnly;
    public final Action shadowExternal;
    public final Action shadowLog;
    public final Action properties;

    public DeviceActions(Supplier<Optional<ThinClient>> selection, Handler handler) {
        shadow = action("shadow", "Shadow", null, KeyEvent.VK_S, "display",
                "Shadow the selected device with the viewer chosen in Settings (Enter)", selection,
                handler::shadowDefault);
        shadowViewOnly = action("shadowViewOnly", "Shadow view-only", null, KeyEvent.VK_V, "eye",
                "Watch the selected device without sending keyboard or mouse", selection,
                d -> handler.shadow(d, true, false));
        shadowExternal = action("shadowExternal", "Shadow with external viewer", null, KeyEvent.VK_E,
                "box-arrow-up-right", "Shadow the selected device in the external viewer set in Settings", selection,
                d -> handler.shadow(d, false, true));
        shadowLog = action("shadowLog", "Shadow log…", KeyStroke.getKeyStroke("ctrl L"), KeyEvent.VK_L,
                "journal-text", "Who shadowed the selected device, when, and how it ended (Ctrl+L)", selection,
                handler::shadowLog);
        properties = action("properties", "Properties…", KeyStroke.getKeyStroke("alt ENTER"), KeyEvent.VK_P,
                "info-circle", "The selected device's details and shadow settings (Alt+Enter)", selection,
                handler::properties);
        shadowExternal.putValue(TOOLBAR_TEXT, "External viewer");
        shadowLog.putValue(TOOLBAR_TEXT, "Shadow log");
        properties.putValue(TOOLBAR_TEXT, "Properties");
        selectionChanged(false);
    }

    /** The context menu's entries in order, null marking a separator. */
    public List<Action> menu() {
        return Arrays.asList(shadow, shadowViewOnly, shadowExternal, null, shadowLog, properties);
    }

    public void selectionChanged(boolean deviceSelected) {
        for (Action a : List.of(shadow, shadowViewOnly, shadowExternal, shadowLog, properties)) {
            a.setEnabled(deviceSelected);
        }
    }

    /** The actions the main window's toolbar shows, in order. */
    public List<Action> toolbar() {
        return List.of(shadow, shadowViewOnly, shadowExternal, shadowLog, properties);
    }

    private static Action action(String id, String label, KeyStroke key, int mnemonic, String icon, String tip,
                                 Supplier<Optional<ThinClient>> selection, Consumer<ThinClient> body) {
        Action a = new AbstractAction(label) {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                selection.get().ifPresent(body);
            }
        };
        a.putValue(Action.ACTION_COMMAND_KEY, id);
        a.putValue(Action.MNEMONIC_KEY, mnemonic);
        a.putValue(Action.SMALL_ICON, Icons.of(icon));
        a.putValue(Action.SHORT_DESCRIPTION, tip);
        if (key != null) {
            a.putValue(Action.ACCELERATOR_KEY, key);
        }
        return a;
    }
}
