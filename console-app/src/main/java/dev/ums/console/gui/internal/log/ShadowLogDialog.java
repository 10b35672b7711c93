package dev.ums.console.gui.internal.log;

import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ImiException;
import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.FittedTable;
import dev.ums.console.gui.internal.Icons;
import dev.ums.console.gui.internal.PlainText;
import dev.ums.console.gui.internal.ServerTime;
import dev.ums.console.gui.internal.TableDialog;
import dev.ums.console.gui.internal.UserSentence;
import dev.ums.console.gui.internal.Workers;
import dev.ums.console.gui.internal.playback.PlayerWindow;
import dev.ums.protocol.imi.AuditEntry;
import dev.ums.protocol.imi.ThinClient;
import java.awt.Dimension;
import java.awt.Window;
import java.nio.file.Path;
import javax.swing.JButton;

/**
 * A device's shadow audit log in a table, loaded on a worker; Refresh reloads it. When the server recorded some of
 * the sessions, Play downloads the selected session's recording on a worker to a private temporary file and opens
 * the player on it; the file is removed when the player closes. Event thread only.
 */
public final class ShadowLogDialog {
    private final AuditTableModel model = new AuditTableModel();
    private final FittedTable table = new FittedTable(model, "shadowLogTable");
    private final ImiClient client;
    private final ThinClient device;
    private final JButton play = new JButton("Play", Icons.of("play-fill"));
    private final TableDialog frame;

    public ShadowLogDialog(Window owner, ImiClient client, ThinClient device) {
        this.client = client;
        this.device = device;
        play.setName("shadowLogPlay");
        play.setToolTipText("Play the selected session's recording");
        play.setVisible(false);
        play.setEnabled(false);
        play.addActionListener(e -> playSelected());
        table.getSelectionModel().addListSelectionListener(e -> play.setEnabled(selectedRecording() != null));
        frame = new TableDialog(owner, "Shadow log – " + PlainText.line(device.name()), "shadowLog", table, new Dimension(980, 320),
                null, this::load, play);
    }

    public void show() {
        frame.show();
    }

    private void load() {
        frame.status("Loading …");
        Workers.submit(() -> client.shadowLog(device.id())).whenCompleteAsync((entries, failure) -> {
            if (failure != null) {
                frame.status(UserSentence.of(failure));
            } else {
                model.setEntries(entries);
                play.setVisible(entries.stream().anyMatch(entry -> entry.recording() != null));
                play.setEnabled(selectedRecording() != null);
                frame.fitTable();
                frame.status(logged(entries.size()));
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
        frame.status("Downloading the recording …");
        String title = "Recording – " + PlainText.line(device.name()) + " – " + ServerTime.format(entry.start());
        Workers.submit(() -> {
            Path file = DownloadedRecordings.create();
            try {
                client.downloadRecording(entry.id(), file);
            } catch (ImiException e) {
                DownloadedRecordings.delete(file);
                throw e;
            }
            return file;
        }).whenCompleteAsync((file, failure) -> {
            play.setEnabled(selectedRecording() != null);
            if (failure != null) {
                frame.status(UserSentence.of(failure));
                return;
            }
            frame.status(logged(model.getRowCount()));
            PlayerWindow.open(frame.window(), file, title, () -> Workers.submit(() -> {
                DownloadedRecordings.delete(file);
                return null;
            }));
        }, Edt.EXECUTOR);
    }

    private static String logged(int sessions) {
        return sessions + (sessions == 1 ? " session" : " sessions") + " logged";
    }
}
