package dev.ums.console.gui.internal.log;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ImiException;
import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.EscapeKey;
import dev.ums.console.gui.internal.FittedTable;
import dev.ums.console.gui.internal.Icons;
import dev.ums.console.gui.internal.ServerTime;
import dev.ums.console.gui.internal.UserSentence;
import dev.ums.console.gui.internal.Workers;
import dev.ums.console.gui.internal.playback.PlayerWindow;
import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.ThinClient;
import java.awt.Dimension;
import java.awt.Window;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import net.miginfocom.swing.MigLayout;

/**
 * A device's shadow audit log in a table, loaded on a worker; Refresh reloads it. When the server recorded some of
 * the sessions, Play downloads the selected session's recording on a worker to a private temporary file and opens
 * the player on it; the file is removed when the player closes. Event thread only.
 */
public final class ShadowLogDialog {
    private final JDialog dialog;
    private final AuditTableModel model = new AuditTableModel();
    private final JLabel status = new JLabel("Loading …");
    private final FittedTable table;
    private final JScrollPane scroll;
    private final ImiClient client;
    private final ThinClient device;
    private final JButton play = new JButton("Play", Icons.of("play-fill"));

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
        play.setName("shadowLogPlay");
        play.setToolTipText("Play the selected session's recording");
        play.setVisible(false);
        play.setEnabled(false);
        play.addActionListener(e -> playSelected());
        table.getSelectionModel().addListSelectionListener(e -> play.setEnabled(selectedRecording() != null));
        refresh.addActionListener(e -> load());
        close.addActionListener(e -> dialog.dispose());
        JPanel content = new JPanel(new MigLayout("insets dialog, fill, wrap 1", "[grow,fill]", "[grow,fill][]"));
        scroll = new JScrollPane(table);
        scroll.setPreferredSize(new Dimension(980, 320));
        content.add(scroll);
        content.add(status, "split 4, growx");
        content.add(play, "growx 0, hidemode 3");
        content.add(refresh, "growx 0");
        content.add(close, "growx 0");
        dialog.setContentPane(content);
        EscapeKey.closes(dialog);
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
                play.setVisible(entries.stream().anyMatch(entry -> entry.recording() != null));
                play.setEnabled(selectedRecording() != null);
                table.fitTo(dialog, scroll);
                status.setText(entries.size() + (entries.size() == 1 ? " session" : " sessions") + " logged");
            }
        }, Edt.EXECUTOR);
    }

    /** The selected entry if it was recorded, else null. */
    private AuditEntry selectedRecording() {
        int row = table.getSelectedRow();
        if (row < 0) {
            return null;
        }
        AuditEntry entry = model.row(table.convertRowIndexToModel(row));
        return entry.recording() == null ? null : entry;
    }

    private void playSelected() {
        AuditEntry entry = selectedRecording();
        if (entry == null) {
            return;
        }
        play.setEnabled(false);
        status.setText("Downloading the recording …");
        String title = "Recording – " + device.name() + " – " + ServerTime.format(entry.start());
        Workers.submit(() -> {
            Path file = Files.createTempFile("ums-recording-", ".umsrec");    // owner only on POSIX systems
            try {
                client.downloadRecording(entry.id(), file);
            } catch (ImiException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return file;
        }).whenCompleteAsync((file, failure) -> {
            play.setEnabled(selectedRecording() != null);
            if (failure != null) {
                status.setText(UserSentence.of(failure));
                return;
            }
            status.setText(model.getRowCount() + (model.getRowCount() == 1 ? " session" : " sessions") + " logged");
            PlayerWindow.open(dialog, file, title, () -> Workers.submit(() -> Files.deleteIfExists(file)));
        }, Edt.EXECUTOR);
    }
}
