package dev.ums.console.gui.internal;

import dev.ums.console.gui.internal.devices.DeviceActions;
import java.awt.Dimension;
import java.util.List;
import javax.swing.AbstractButton;
import javax.swing.Action;
import javax.swing.Box;
import javax.swing.JButton;
import javax.swing.JTextField;
import javax.swing.JToolBar;

/**
 * The main window's toolbar: the device actions (shadow, view-only, external viewer, shadow log, properties),
 * Refresh, Open recording, and the device filter on the right. Buttons share the menu's actions, so they are enabled
 * together. Event thread only.
 */
final class MainToolbar {
    private final JToolBar bar = new JToolBar();

    MainToolbar(List<Action> deviceActions, Action refresh, Action openRecording, JTextField filter) {
        bar.setName("mainToolbar");
        bar.setFloatable(false);
        for (Action a : deviceActions) {
            add(a, "tb-" + a.getValue(Action.ACTION_COMMAND_KEY));
        }
        bar.addSeparator();
        add(refresh, "tb-refresh");
        bar.addSeparator();
        add(openRecording, "tb-openRecording");
        bar.add(Box.createHorizontalGlue());
        filter.setMaximumSize(new Dimension(360, filter.getPreferredSize().height + 4));
        filter.setPreferredSize(new Dimension(360, filter.getPreferredSize().height + 4));
        bar.add(filter);
    }

    private void add(Action action, String name) {
        AbstractButton button = new JButton(action);
        button.setName(name);
        button.setFocusable(false);
        // Labels next to the icons: the actions are few, and words are quicker to learn than pictures.
        Object text = action.getValue(DeviceActions.TOOLBAR_TEXT);
        button.setText(String.valueOf(text != null ? text : action.getValue(Action.NAME)));
        button.setHorizontalTextPosition(AbstractButton.TRAILING);
        bar.add(button);
    }

    JToolBar component() {
        return bar;
    }
}
