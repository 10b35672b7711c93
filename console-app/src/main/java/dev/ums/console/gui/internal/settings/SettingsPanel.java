package dev.ums.console.gui.internal.settings;

import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.Workers;
import dev.ums.viewer.ColorDepth;
import dev.ums.viewer.Encoding;
import dev.ums.viewer.VncSettings;
import java.awt.event.ActionEvent;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.swing.AbstractAction;
import javax.swing.ButtonGroup;
import javax.swing.JComboBox;
import javax.swing.JFormattedTextField;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JRootPane;
import javax.swing.JSpinner;
import javax.swing.JTextField;
import javax.swing.SpinnerNumberModel;
import javax.swing.SwingUtilities;
import net.miginfocom.swing.MigLayout;

/**
 * The settings form: theme, viewer (embedded or an external command with {@code {host}} and {@code {port}}),
 * poll interval, initial scaling and how the embedded viewer asks for the picture (quality, compression, encoding,
 * colours; each automatic by default). It shows a {@link ConsoleSettings} ({@link #load}) and gives one back
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
    private final JComboBox<Choice<Integer>> quality = Choice.comboBox("quality", qualities());
    private final JComboBox<Choice<Integer>> compression = Choice.comboBox("compression", compressions());
    private final JComboBox<Choice<Encoding>> encoding = Choice.comboBox("encoding", encodings());
    private final JComboBox<Choice<ColorDepth>> colour = Choice.comboBox("colour", colours());

    public SettingsPanel() {
        super(new MigLayout("insets dialog, wrap 2", "[right][grow,fill]", ""));
        theme.setName("theme");
        embedded.setName("viewerEmbedded");
        external.setName("viewerExternal");
        command.setName("externalCommand");
        poll.setName("pollSeconds");
        keepWhatIsTypedInPoll();
        scaling.setName("scaling");
        ButtonGroup viewers = new ButtonGroup();
        viewers.add(embedded);
        viewers.add(external);
        embedded.addActionListener(e -> viewerChanged());
        external.addActionListener(e -> viewerChanged());
        commandHint.putClientProperty("FlatLaf.styleClass", "small");
        commandHint.setText(hint(null));
        // Looking along the PATH touches the file system: a worker does it, the hint follows.
        Workers.submit(ConsoleSettings::tigerVncInstalled)
                .thenAcceptAsync(installed -> commandHint.setText(hint(installed)), Edt.EXECUTOR);

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
        JLabel picture = new JLabel("Picture of embedded sessions");
        picture.putClientProperty("FlatLaf.styleClass", "h4");
        add(picture, "span 2, alignx left, gaptop para");
        add(label("Quality:", 'Q', quality));
        add(quality, "growx 0");
        add(label("Compression:", 'M', compression));
        add(compression, "growx 0");
        add(label("Encoding:", 'E', encoding));
        add(encoding, "growx 0");
        add(label("Colours:", 'L', colour));
        add(colour, "growx 0");
        JLabel pictureHint = new JLabel("<html>Automatic follows the measured link. Applies to sessions opened from now "
                + "on.</html>");
        pictureHint.putClientProperty("FlatLaf.styleClass", "small");
        add(pictureHint, "skip 1");
    }

    /**
     * A typed interval stays in the field until OK, which refuses it with a sentence when it is not a number from
     * {@value ConsoleSettings#MIN_POLL_SECONDS} to {@value ConsoleSettings#MAX_POLL_SECONDS} (the spinner's own
     * behaviour would silently put the previous value back); Enter there presses the dialog's default button, as in
     * the other fields.
     */
    private void keepWhatIsTypedInPoll() {
        JFormattedTextField field = pollField();
        field.setFocusLostBehavior(JFormattedTextField.COMMIT);
        field.getActionMap().put("notify-field-accept", new AbstractAction() {
            private static final long serialVersionUID = 1L;

            @Override
            public void actionPerformed(ActionEvent e) {
                JRootPane root = SwingUtilities.getRootPane(field);
                if (root != null && root.getDefaultButton() != null) {
                    root.getDefaultButton().doClick();
                }
            }
        });
    }

    private JFormattedTextField pollField() {
        return ((JSpinner.DefaultEditor) poll.getEditor()).getTextField();
    }

    private static List<Choice<Integer>> qualities() {
        List<Choice<Integer>> list = new ArrayList<>(List.of(new Choice<>(VncSettings.AUTO, "Automatic"),
                new Choice<>(VncSettings.LOSSLESS, "Lossless")));
        for (int level = 9; level >= 0; level--) {
            list.add(new Choice<>(level, "JPEG " + level + (level == 9 ? " (best)" : level == 0 ? " (smallest)" : "")));
        }
        return list;
    }

    private static List<Choice<Integer>> compressions() {
        List<Choice<Integer>> list = new ArrayList<>(List.of(new Choice<>(VncSettings.AUTO, "Automatic")));
        for (int level = 0; level <= 9; level++) {
            list.add(new Choice<>(level, level + (level == 0 ? " (fastest)" : level == 9 ? " (smallest)" : "")));
        }
        return list;
    }

    private static List<Choice<Encoding>> encodings() {
        List<Choice<Encoding>> list = new ArrayList<>(List.of(new Choice<>(null, "Automatic (Tight first)")));
        for (Encoding e : PictureSettings.ENCODINGS) {
            list.add(new Choice<>(e, "Only " + (e == Encoding.TIGHT ? "Tight" : e == Encoding.HEXTILE ? "Hextile"
                    : e == Encoding.RAW ? "Raw" : e.name())));
        }
        return list;
    }

    private static List<Choice<ColorDepth>> colours() {
        return List.of(new Choice<>(ColorDepth.TRUE_COLOR_24, "Full colour"),
                new Choice<>(ColorDepth.COLOURS_256, "256 colours"), new Choice<>(ColorDepth.COLOURS_64, "64 colours"),
                new Choice<>(ColorDepth.COLOURS_8, "8 colours"));
    }

    /** The command's hint; {@code tigerVnc} null while the PATH is still being looked through. */
    private static String hint(Boolean tigerVnc) {
        String installed = tigerVnc == null ? "&nbsp;" : tigerVnc ? "TigerVNC's vncviewer is installed."
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
        PictureSettings picture = settings.picture();
        Choice.select(quality, picture.quality());
        Choice.select(compression, picture.compression());
        Choice.select(encoding, picture.encoding());
        Choice.select(colour, picture.colour());
        viewerChanged();
    }

    /** The form's values applied to {@code base}, which supplies what the form does not show. */
    public ConsoleSettings store(ConsoleSettings base) {
        return base.withPreferences((Theme) theme.getSelectedItem(),
                external.isSelected() ? ViewerMode.EXTERNAL : ViewerMode.EMBEDDED,
                command.getText(), ((Number) poll.getValue()).intValue(), (ScalingMode) scaling.getSelectedItem())
                .withPicture(new PictureSettings(Choice.selected(quality), Choice.selected(compression),
                        Choice.selected(encoding), Choice.selected(colour)));
    }

    /**
     * A sentence naming what is wrong with the form's values, or null when they can be saved (a valid interval
     * typed but not yet committed is taken as the spinner's value).
     */
    public String problem() {
        try {
            pollField().commitEdit();
        } catch (ParseException e) {
            return String.format(Locale.ROOT, "Enter a refresh interval from %d to %d seconds.",
                    ConsoleSettings.MIN_POLL_SECONDS, ConsoleSettings.MAX_POLL_SECONDS);
        }
        if (external.isSelected()) {
            return ViewerCommandCheck.problem(command.getText());
        }
        return null;
    }
}
