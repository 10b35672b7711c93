package dev.ums.console.gui.internal.devices;

import dev.ums.console.core.ImiClient;
import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.EscapeKey;
import dev.ums.console.gui.internal.FittedTable;
import dev.ums.console.gui.internal.Icons;
import dev.ums.console.gui.internal.UserSentence;
import dev.ums.console.gui.internal.Workers;
import dev.ums.protocol.imi.Reenrollment;
import java.awt.Dimension;
import java.awt.Window;
import java.util.concurrent.Callable;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.ListSelectionModel;
import net.miginfocom.swing.MigLayout;

/**
 * The re-enrollments that wait for an administrator (a device enrolled again with a unit ID the server knows:
 * reinstalled, or someone claiming to be it). Approve gives the device the new credential and revokes the old
 * one; Reject drops the request. Each decision is confirmed first; the calls run on a worker and the list is
 * reloaded after each. Event thread only.
 */
public final class ReenrollmentsDialog {
    private final JDialog dialog;
    private final ReenrollmentTableModel model = new ReenrollmentTableModel();
    private final FittedTable table = new FittedTable(model, "reenrollmentsTable");
    private final JScrollPane scroll = new JScrollPane(table);
    private final JLabel status = new JLabel("Loading …");
    private final JButton approve = new JButton("Approve…", Icons.of("check-circle"));
    private final JButton reject = new JButton("Reject…", Icons.of("x-circle"));
    private final ImiClient client;

    public ReenrollmentsDialog(Window owner, ImiClient client) {
        this.client = client;
        dialog = new JDialog(owner, "Pending re-enrollments", JDialog.ModalityType.MODELESS);
        dialog.setName("reenrollments");
        table.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        table.getSelectionModel().addListSelectionListener(e -> enableDecisions());
        status.setName("reenrollmentsStatus");
        approve.setName("reenrollmentsApprove");
        approve.setToolTipText("The device takes the new credential; the old one stops working");
        reject.setName("reenrollmentsReject");
        reject.setToolTipText("Drop the request; the device keeps its current credential");
        JButton refresh = new JButton("Refresh", Icons.of("arrow-clockwise"));
        refresh.setName("reenrollmentsRefresh");
        JButton close = new JButton("Close");
        close.setName("reenrollmentsClose");
        approve.addActionListener(e -> decide(true));
        reject.addActionListener(e -> decide(false));
        refresh.addActionListener(e -> load());
        close.addActionListener(e -> dialog.dispose());
        JLabel intro = new JLabel("<html>A device that enrolls again with a unit ID the server knows waits here. "
                + "Until you approve it, the enrolled device keeps its credential and its connection.</html>");
        JPanel content = new JPanel(new MigLayout("insets dialog, fill, wrap 1", "[grow,fill]", "[][grow,fill][]"));
        content.add(intro, "wmin 0");
        scroll.setPreferredSize(new Dimension(960, 220));
        content.add(scroll);
        content.add(status, "split 5, growx, wmin 0");
        content.add(approve, "growx 0");
        content.add(reject, "growx 0");
        content.add(refresh, "growx 0");
        content.add(close, "growx 0");
        dialog.setContentPane(content);
        EscapeKey.closes(dialog);
        enableDecisions();
    }

    public void show() {
        dialog.pack();
        dialog.setLocationRelativeTo(dialog.getOwner());
        dialog.setVisible(true);
        load();
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
        String device = (r.currentName() == null ? "device " + r.deviceId() : r.currentName());
        String question = approving
                ? "Approve the re-enrollment of " + device + " from " + r.remoteIp() + "? The enrolled device's "
                        + "credential stops working and its connection is closed; the device that enrolled again "
                        + "takes its place."
                : "Reject the re-enrollment of " + device + " from " + r.remoteIp() + "? The enrolled device "
                        + "keeps its credential.";
        String verb = approving ? "Approve" : "Reject";
        int answer = JOptionPane.showOptionDialog(dialog, question, verb + " re-enrollment",
                JOptionPane.OK_CANCEL_OPTION, JOptionPane.WARNING_MESSAGE, null, new Object[] {verb, "Cancel"},
                "Cancel");
        if (answer != 0) {
            return;
        }
        run(approving ? () -> client.approveReenrollment(r.id()) : () -> client.rejectReenrollment(r.id()));
    }

    private void run(Callable<String> decision) {
        status.setText("Working …");
        approve.setEnabled(false);
        reject.setEnabled(false);
        Workers.submit(decision).whenCompleteAsync((sentence, failure) -> {
            if (failure != null) {
                status.setText(UserSentence.of(failure));
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
            status.setText("Loading …");
        }
        Workers.submit(client::reenrollments).whenCompleteAsync((rows, failure) -> {
            if (failure != null) {
                status.setText(UserSentence.of(failure));
                return;
            }
            model.setRows(rows);
            table.fitTo(dialog, scroll);
            enableDecisions();
            String count = rows.isEmpty() ? "no re-enrollment waits"
                    : rows.size() + (rows.size() == 1 ? " re-enrollment waits" : " re-enrollments wait");
            status.setText(outcome == null ? count : sentence(outcome) + " " + count);
        }, Edt.EXECUTOR);
    }

    private static String sentence(String text) {
        String s = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
