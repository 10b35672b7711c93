package dev.ums.console.gui.settings;

import java.util.Locale;
import javax.swing.ButtonGroup;
import javax.swing.JComboBox;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import net.miginfocom.swing.MigLayout;

/**
 * The settings form: theme, viewer (embedded or an external command with {@code {host}} and {@code {port}}),
 * poll interval and initial scaling. It shows a {@link ConsoleSettings} ({@link #load}) and gives one back
 * ({@link #store}); it holds no other state. Event thread only.
 */
public final class SettingsPanel extends JPanel {
    private static final long serialVersionUID = 1L;

    private final JComboBox<Theme> theme = new JComboBox<>(Theme.values());
    private final JRadioButton embedded = new JRadioButton(ViewerMode.EMBEDDED.toString());
    private final JRadioButton external = new JRadioButton(ViewerMode.EXTERNAL.toString());
    private final JTextField command = new JTextField(28);
    private final JLabel commandHint = new JLabel();
    private final JSpinner poll = new JSpinner(new SpinnerNumberModel(3, ConsoleSettings.MIN_POLL_SECONDS,
            ConsoleSettings.MAX_POLL_SECONDS, 1));
    private final JComboBox<ScalingMode> scaling = new JComboBox<>(ScalingMode.values());

    public SettingsPanel() {
        super(new MigLayout("insets dialog, wrap 2", "[right][grow,fill]", ""));
        theme.setName("theme");
        embedded.setName("viewerEmbedded");
        external.setName("viewerExternal");
        command.setName("externalCommand");
        poll.setName("pollSeconds");
        scaling.setName("scaling");
        ButtonGroup viewers = new ButtonGroup();
        viewers.add(embedded);
        viewers.add(external);
        embedded.addActionListener(e -> viewerChanged());
        external.addActionListener(e -> viewerChanged());
        commandHint.putClientProperty("FlatLaf.styleClass", "small");
        commandHint.setText(hint());

        add(label("Theme:", 'T', theme));
        add(theme, "growx 0");
        add(new JLabel("Viewer:"), "aligny top");
        add(embedded, "split 2, flowy");
        add(external);
        add(label("Command:", 'C', command));
        add(command);
        add(commandHint, "skip 1");
        add(label("Refresh devices every:", 'R', poll));
        add(poll, "split 2, growx 0");
        add(new JLabel("seconds"));
        add(label("Open sessions at:", 'O', scaling));
        add(scaling, "growx 0");
    }

    private static String hint() {
        String installed = ConsoleSettings.tigerVncInstalled() ? "TigerVNC's vncviewer is installed."
                : "TigerVNC's vncviewer was not found on the PATH.";
        return String.format(Locale.ROOT, "<html>{host} and {port} are replaced by the console's local proxy.<br>%s</html>",
                installed);
    }

    private static JLabel label(String text, char mnemonic, java.awt.Component target) {
        JLabel label = new JLabel(text);
        label.setDisplayedMnemonic(mnemonic);
        label.setLabelFor(target);
        return label;
    }

    private void viewerChanged() {
        command.setEnabled(external.isSelected());
    }

    /** Shows {@code settings} in the form. */
    public void load(ConsoleSettings settings) {
        theme.setSelectedItem(settings.theme());
        embedded.setSelected(settings.viewer() == ViewerMode.EMBEDDED);
        external.setSelected(settings.viewer() == ViewerMode.EXTERNAL);
        command.setText(settings.externalCommand());
        poll.setValue(settings.pollSeconds());
        scaling.setSelectedItem(settings.scaling());
        viewerChanged();
    }

    /** The form's values applied to {@code base}, which supplies what the form does not show. */
    public ConsoleSettings store(ConsoleSettings base) {
        return base.withPreferences((Theme) theme.getSelectedItem(),
                external.isSelected() ? ViewerMode.EXTERNAL : ViewerMode.EMBEDDED,
                command.getText(), ((Number) poll.getValue()).intValue(), (ScalingMode) scaling.getSelectedItem());
    }

    /** A sentence naming what is wrong with the form's values, or null when they can be saved. */
    public String problem() {
        if (external.isSelected()) {
            return ViewerCommandCheck.problem(command.getText());
        }
        return null;
    }
}
