package dev.ums.console.gui.internal.settings;

import dev.ums.console.gui.internal.EscapeKey;
import java.awt.Window;
import java.util.Optional;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.UIManager;
import net.miginfocom.swing.MigLayout;

/** The modal Settings window around a {@link SettingsPanel}: OK keeps the form's values, Cancel or Escape drops them. */
public final class SettingsDialog {
    private final JDialog dialog;
    private final SettingsPanel form = new SettingsPanel();
    private final JLabel problem = new JLabel(" ");
    private ConsoleSettings base;
    private ConsoleSettings result;

    public SettingsDialog(Window owner) {
        dialog = new JDialog(owner, "Settings", JDialog.ModalityType.APPLICATION_MODAL);
        dialog.setName("settings");
        problem.setName("settingsProblem");
        problem.setForeground(UIManager.getColor("Console.error.foreground"));
        JButton ok = new JButton("OK");
        ok.setName("settingsOk");
        JButton cancel = new JButton("Cancel");
        cancel.setName("settingsCancel");
        ok.addActionListener(e -> okPressed());
        cancel.addActionListener(e -> dialog.dispose());
        // The form brings its own dialog insets; the problem line and the buttons line up with them.
        JPanel content = new JPanel(new MigLayout("insets 0 0 unrel unrel, wrap 1, fill", "[grow,fill]",
                "[grow,fill][][]"));
        content.add(form);
        content.add(problem, "gapleft unrel, wmin 0");
        content.add(ok, "split 2, right, tag ok");
        content.add(cancel, "tag cancel");
        dialog.setContentPane(content);
        dialog.getRootPane().setDefaultButton(ok);
        EscapeKey.closes(dialog);
    }

    /** Shows the dialog (blocking the event thread's caller while modal) and returns the new settings if OK was pressed. */
    public Optional<ConsoleSettings> show(ConsoleSettings current) {
        base = current;
        result = null;
        form.load(current);
        dialog.pack();
        dialog.setLocationRelativeTo(dialog.getOwner());
        dialog.setVisible(true);
        return Optional.ofNullable(result);
    }

    public SettingsPanel form() {
        return form;
    }

    private void okPressed() {
        String wrong = form.problem();
        if (wrong != null) {
            problem.setText(wrong);
            return;
        }
        result = form.store(base);
        dialog.dispose();
    }
}
