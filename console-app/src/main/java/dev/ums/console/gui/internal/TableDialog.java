package dev.ums.console.gui.internal;

import java.awt.Dimension;
import java.awt.Window;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import net.miginfocom.swing.MigLayout;

/**
 * The frame of the console's list windows (the shadow log, the pending re-enrollments): a modeless dialog with an
 * optional introduction, a table that widens the window to its content, a status line, the window's own buttons,
 * Refresh and Close; Escape closes it. Components are named {@code <name>Status}, {@code <name>Refresh} and
 * {@code <name>Close}. The window loads its rows itself: Refresh and showing it run {@code load}. Event thread only.
 */
public final class TableDialog {
    private final JDialog dialog;
    private final FittedTable table;
    private final JScrollPane scroll;
    private final JLabel status = PlainText.mark(new JLabel("Loading …"));
    private final Runnable load;

    /**
     * @param intro   text above the table, or null
     * @param actions the window's own buttons, left of Refresh and Close; a hidden one takes no space
     */
    public TableDialog(Window owner, String title, String name, FittedTable table, Dimension tableSize,
                       JComponent intro, Runnable load, JButton... actions) {
        this.table = table;
        this.load = load;
        dialog = new JDialog(owner, title, JDialog.ModalityType.MODELESS);
        dialog.setName(name);
        status.setName(name + "Status");
        JButton refresh = new JButton("Refresh", Icons.of("arrow-clockwise"));
        refresh.setName(name + "Refresh");
        refresh.addActionListener(e -> load.run());
        JButton close = new JButton("Close");
        close.setName(name + "Close");
        close.addActionListener(e -> dialog.dispose());
        JPanel content = new JPanel(new MigLayout("insets dialog, fill, wrap 1", "[grow,fill]",
                intro == null ? "[grow,fill][]" : "[][grow,fill][]"));
        if (intro != null) {
            content.add(intro, "wmin 0");
        }
        scroll = new JScrollPane(table);
        scroll.setPreferredSize(tableSize);
        content.add(scroll);
        content.add(status, "split " + (actions.length + 3) + ", growx, wmin 0");
        for (JButton action : actions) {
            content.add(action, "growx 0, hidemode 3");
        }
        content.add(refresh, "growx 0");
        content.add(close, "growx 0");
        dialog.setContentPane(content);
        EscapeKey.closes(dialog);
    }

    /** Opens the window beside its owner and loads the rows. */
    public void show() {
        dialog.pack();
        dialog.setLocationRelativeTo(dialog.getOwner());
        dialog.setVisible(true);
        load.run();
    }

    /** After new rows: widens the window so that every column shows its content, as far as the screen allows. */
    public void fitTable() {
        table.fitTo(dialog, scroll);
    }

    public void status(String sentence) {
        status.setText(sentence);
    }

    /** The window, as the owner of the questions and windows it opens. */
    public JDialog window() {
        return dialog;
    }
}
