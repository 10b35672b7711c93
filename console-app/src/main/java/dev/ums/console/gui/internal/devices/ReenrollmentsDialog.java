package dev.ums.console.gui.internal.devices;

import dev.ums.console.core.ImiClient;
import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.FittedTable;
import dev.ums.console.gui.internal.Icons;
import dev.ums.console.gui.internal.PlainText;
import dev.ums.console.gui.internal.TableDialog;
import dev.ums.console.gui.internal.UserSentence;
import dev.ums.console.gui.internal.Workers;
import dev.ums.protocol.imi.Reenrollment;
import java.awt.Dimension;
import java.awt.Window;
import java.util.concurrent.Callable;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.ListSelectionModel;

/**
 * The re-enrollments that wait for an administrator (a device enrolled again with a unit ID the server knows:
 * reinstalled, or someone claiming to be it). Approve gives the device the new credential and revokes the old
 * one; Reject drops the request. Each decision is confirmed first; the calls run on a worker and the list is
 * reloaded after each. Event thread only.
 */
public final class ReenrollmentsDialog {
    private final ReenrollmentTableModel model = new ReenrollmentTableModel();
    private final FittedTable table = new FittedTable(model, "reenrollmentsTable");
    private final JButton approve = new JButton("Approve…", Icons.of("check-circle"));
    private final JButton reject = new JButton("Reject…", Icons.of("x-circle"));
    private final ImiClient client;
    private final TableDialog frame;

    public ReenrollmentsDialog(Window owner, ImiClient client) {
        this.client = client;
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.getSelectionModel().addListSelectionListener(e -> enableDecisions());
        approve.setName("reenrollmentsApprove");
        approve.setToolTipText("The device takes the new credential; the old one stops working");
        reject.setName("reenrollmentsReject");
        reject.setToolTipText("Drop the request; the device keeps its current credential");
        approve.addActionListener(e -> decide(true));
        reject.addActionListener(e -> decide(false));
        JLabel intro = new JLabel("<html>A device that enrolls again with a unit ID the server knows waits here. "
                + "Until you approve it, the enrolled device keeps its credential and its connection.</html>");
        frame = new TableDialog(owner, "Pending re-enrollments", "reenrollments", table, new Dimension(960, 220),
                intro, this::load, approve, reject);
        enableDecisions();
    }

    public void show() {
        frame.show();
    }

    private Reenrollment selected() {
        int row = table.getSelectedRow();
        return row < 0 ? null : model.row(table.convertRowIndexToModel(row));
    }

    private void enableDecisions() {
        boolean one = selected() != null;
        approve.setEnabled(one);
        reject.setEnabled(one);
    }

    private void decide(boolean approving) {
        Reenrollment r = selected();
        if (r == null) {
            return;
        }
        String device = PlainText.line(r.currentName() == null ? "device " + r.deviceId() : r.currentName());
        String from = PlainText.line(r.remoteIp());
        String question = approving
                ? "Approve the re-enrollment of " + device + " from " + from + "? The enrolled device's "
                        + "credential stops working and its connection is closed; the device that enrolled again "
                        + "takes its place."
                : "Reject the re-enrollment of " + device + " from " + from + "? The enrolled device "
                        + "keeps its credential.";
        String verb = approving ? "Approve" : "Reject";
        int answer = JOptionPane.showOptionDialog(frame.window(), question, verb + " re-enrollment",
                JOptionPane.OK_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE, null, new Object[] {verb, "Cancel"},
                "Cancel");
        if (answer != 0) {
            return;
        }
        run(approving ? () -> client.approveReenrollment(r.id()) : () -> client.rejectReenrollment(r.id()));
    }

    private void run(Callable<String> decision) {
        frame.status("Working …");
        approve.setEnabled(false);
        reject.setEnabled(false);
        Workers.submit(decision).whenCompleteAsync((sentence, failure) -> {
            if (failure != null) {
                frame.status(UserSentence.of(failure));
                enableDecisions();
            } else {
                load(sentence);
            }
        }, Edt.EXECUTOR);
    }

    private void load() {
        load(null);
    }

    /** Reloads the list; {@code outcome}, when given, stays in the status line before the count. */
    private void load(String outcome) {
        if (outcome == null) {
            frame.status("Loading …");
        }
        Workers.submit(client::reenrollments).whenCompleteAsync((rows, failure) -> {
            if (failure != null) {
                frame.status(UserSentence.of(failure));
                return;
            }
            model.setRows(rows);
            frame.fitTable();
            enableDecisions();
            String count = rows.isEmpty() ? "no re-enrollment waits"
                    : rows.size() + (rows.size() == 1 ? " re-enrollment waits" : " re-enrollments wait");
            frame.status(outcome == null ? count : UserSentence.of(outcome) + " " + count);
        }, Edt.EXECUTOR);
    }
}
