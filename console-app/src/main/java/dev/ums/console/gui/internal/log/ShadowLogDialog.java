package dev.ums.console.gui.internal.log;

import dev.ums.console.core.ImiClient;
import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.FittedTable;
import dev.ums.console.gui.internal.Icons;
import dev.ums.console.gui.internal.UserSentence;
import dev.ums.console.gui.internal.Workers;
import dev.ums.protocol.imi.ThinClient;
import java.awt.Dimension;
import java.awt.Window;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.KeyStroke;
import net.miginfocom.swing.MigLayout;

/** A device's shadow audit log in a table, loaded on a worker; Refresh reloads it. Event thread only. */
public final class ShadowLogDialog {
    private final JDialog dialog;
    private final AuditTableModel model = new AuditTableModel();
    private final JLabel status = new JLabel("Loading …");
    private final FittedTable table;
    private final JScrollPane scroll;
    private final ImiClient client;
    private final ThinClient device;

    public ShadowLogDialog(Window owner, ImiClient client, ThinClient device) {
        this.client = client;
        this.device = device;
        dialog = new JDialog(owner, "Shadow log – " + device.name(), JDialog.ModalityType.MODELESS);
        dialog.setName("shadowLog");
        status.setName("shadowLogStatus");
        table = new FittedTable(model, "shadowLogTable");
        JButton refresh = new JButton("Refresh", Icons.of("arrow-clockwise"));
        refresh.setName("shadowLogRefresh");
        JButton close = new JButton("Close");
        close.setName("shadowLogClose");
        refresh.addActionListener(e -> load());
        close.addActionListener(e -> dialog.dispose());
        JPanel content = new JPanel(new MigLayout("insets dialog, fill, wrap 1", "[grow,fill]", "[grow,fill][]"));
        scroll = new JScrollPane(table);
        scroll.setPreferredSize(new Dimension(980, 320));
        content.add(scroll);
        content.add(status, "split 3, growx");
        content.add(refresh, "growx 0");
        content.add(close, "growx 0");
        dialog.setContentPane(content);
        dialog.getRootPane().registerKeyboardAction(e -> dialog.dispose(), KeyStroke.getKeyStroke("ESCAPE"),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
    }

    public void show() {
        dialog.pack();
        dialog.setLocationRelativeTo(dialog.getOwner());
        dialog.setVisible(true);
        load();
    }

    private void load() {
        status.setText("Loading …");
        Workers.submit(() -> client.shadowLog(device.id())).whenCompleteAsync((entries, failure) -> {
            if (failure != null) {
                status.setText(UserSentence.of(failure));
            } else {
                model.setEntries(entries);
                table.fitTo(dialog, scroll);
                status.setText(entries.size() + (entries.size() == 1 ? " session" : " sessions") + " logged");
            }
        }, Edt.EXECUTOR);
    }
}
