package dev.ums.console.gui.internal.devices;

import dev.ums.console.gui.internal.EscapeKey;
import dev.ums.console.gui.internal.PlainText;
import dev.ums.console.gui.internal.ServerTime;
import dev.ums.console.core.ImiClient;
import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.UserSentence;
import dev.ums.console.gui.internal.Workers;
import dev.ums.protocol.imi.IndicatorPosition;
import dev.ums.protocol.imi.ShadowSettings;
import dev.ums.protocol.imi.ThinClient;
import java.awt.Window;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import javax.swing.DefaultListCellRenderer;
import javax.swing.JButton;
import javax.swing.JCheckBox;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.WindowConstants;
import net.miginfocom.swing.MigLayout;

/**
 * A device's properties: what the server knows about it, as plain labels since nobody can change it here, and
 * its shadow settings on the server, the only controls, which an administrator may change. Loading and saving run on
 * workers. Closing the window (Close, Escape or the window's own close) with changes that are not saved asks whether
 * to save them. Event thread only.
 */
public final class DevicePropertiesDialog {
    private final JDialog dialog;
    private final ImiClient client;
    private final ThinClient device;
    private final JCheckBox allow = new JCheckBox("Allow shadowing");
    private final JCheckBox prompt = new JCheckBox("Ask the user at the device first");
    private final JCheckBox input = new JCheckBox("Allow keyboard and mouse input");
    private final JCheckBox userDisconnect = new JCheckBox("Let the user at the device disconnect");
    private final JComboBox<IndicatorPosition> position = new JComboBox<>(IndicatorPosition.values());
    private final JLabel status = PlainText.mark(new JLabel("Loading shadow settings …"));
    private final JButton save = new JButton("Save");
    /** The settings as the server last gave them, null until loaded. */
    private ShadowSettings onServer;
    private boolean saving;

    public DevicePropertiesDialog(Window owner, ImiClient client, ThinClient device) {
        this.client = client;
        this.device = device;
        dialog = new JDialog(owner, "Properties – " + PlainText.line(device.name()), JDialog.ModalityType.MODELESS);
        dialog.setName("deviceProperties");
        allow.setName("allowShadowing");
        prompt.setName("promptUser");
        input.setName("allowInput");
        userDisconnect.setName("allowUserDisconnect");
        position.setName("indicatorPosition");
        position.setRenderer(new DefaultListCellRenderer() {
            @Override
            public java.awt.Component getListCellRendererComponent(JList<?> list, Object value, int index,
                                                                   boolean selected, boolean focused) {
                return super.getListCellRendererComponent(list, value instanceof IndicatorPosition p ? label(p) : value,
                        index, selected, focused);
            }
        });
        status.setName("propertiesStatus");
        JPanel form = new JPanel(new MigLayout("insets dialog, wrap 2", "[right][grow,fill,300lp]", ""));
        field(form, "Name:", device.name());
        field(form, "ID:", device.id());
        field(form, "Unit ID:", device.unitId());
        field(form, "MAC:", device.mac());
        field(form, "IP address:", device.lastIp());
        field(form, "OS version:", device.osVersion());
        field(form, "State:", Boolean.TRUE.equals(device.online()) ? "online" : "offline");
        field(form, "Route:", DeviceTableModel.route(device.route()));
        field(form, "Last contact:", ServerTime.format(device.lastContact()));
        field(form, "Last user:", device.lastUser());
        JLabel shadowing = new JLabel("Shadowing (server settings; the device may be stricter)");
        shadowing.putClientProperty("FlatLaf.styleClass", "h4");
        form.add(shadowing, "span 2, left, gaptop para");
        form.add(allow, "skip 1");
        form.add(prompt, "skip 1");
        form.add(input, "skip 1");
        form.add(userDisconnect, "skip 1");
        form.add(new JLabel("Indicator on the device:"));
        form.add(position, "growx 0");
        form.add(status, "span 2, left, wmin 0");
        JButton close = new JButton("Close");
        close.setName("propertiesClose");
        save.setName("saveShadowSettings");
        save.addActionListener(e -> save());
        close.addActionListener(e -> closeAsked());
        form.add(save, "span 2, split 2, right, tag apply, gaptop para");
        form.add(close, "tag cancel");
        setEditable(false);
        dialog.setContentPane(form);
        EscapeKey.runs(dialog, this::closeAsked);
        dialog.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
        dialog.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                closeAsked();
            }
        });
    }

    private static void field(JPanel form, String label, String value) {
        JLabel name = new JLabel(label);
        name.putClientProperty("FlatLaf.styleClass", "light");
        name.setForeground(javax.swing.UIManager.getColor("Label.disabledForeground"));
        JLabel fact = new JLabel(value == null || value.isBlank() ? "–" : PlainText.shown(value));
        fact.setName("fact-" + label.replace(":", "").replace(" ", ""));
        fact.setToolTipText(fact.getText());
        form.add(name);
        form.add(fact, "wmin 0");
    }

    public void show() {
        dialog.pack();
        dialog.setLocationRelativeTo(dialog.getOwner());
        dialog.setVisible(true);
        Workers.submit(() -> client.shadowSettings(device.id()))
                .whenCompleteAsync((settings, failure) -> loaded(settings, failure), Edt.EXECUTOR);
    }

    private void loaded(ShadowSettings settings, Throwable failure) {
        if (failure != null) {
            status.setText(UserSentence.of(failure));
            return;
        }
        allow.setSelected(settings.allowShadowing());
        prompt.setSelected(settings.promptUser());
        input.setSelected(settings.allowInput());
        userDisconnect.setSelected(settings.allowUserDisconnect());
        position.setSelectedItem(settings.indicatorPosition());
        onServer = settings;
        status.setText(" ");
        setEditable(true);
    }

    private ShadowSettings wanted() {
        return new ShadowSettings(allow.isSelected(), prompt.isSelected(), input.isSelected(),
                userDisconnect.isSelected(), (IndicatorPosition) position.getSelectedItem());
    }

    private void save() {
        save(false);
    }

    /** Saves the form's settings on a worker; {@code thenClose} closes the window once the server has them. */
    private void save(boolean thenClose) {
        ShadowSettings wanted = wanted();
        setEditable(false);
        saving = true;
        status.setText("Saving …");
        Workers.submit(() -> client.updateShadowSettings(device.id(), wanted))
                .whenCompleteAsync((stored, failure) -> {
                    saving = false;
                    if (failure != null) {
                        status.setText(UserSentence.of(failure));
                        setEditable(true);
                    } else {
                        loaded(stored, null);
                        status.setText("Saved.");
                        if (thenClose) {
                            dialog.dispose();
                        }
                    }
                }, Edt.EXECUTOR);
    }

    /** Closes the window, first asking whether to save shadow settings changed since they were loaded or saved. */
    private void closeAsked() {
        if (onServer == null || saving || wanted().equals(onServer)) {
            dialog.dispose();
            return;
        }
        Object[] answers = {"Save", "Discard", "Cancel"};
        int answer = JOptionPane.showOptionDialog(dialog, "The changes to " + PlainText.line(device.name())
                        + "'s shadow settings are not saved.", "Unsaved changes", JOptionPane.YES_NO_CANCEL_OPTION,
                JOptionPane.WARNING_MESSAGE, null, answers, answers[0]);
        if (answer == 0) {
            save(true);
        } else if (answer == 1) {
            dialog.dispose();
        }
    }

    /** "Top right" for {@code TOP_RIGHT}. */
    static String label(IndicatorPosition position) {
        String words = position.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private void setEditable(boolean on) {
        allow.setEnabled(on);
        prompt.setEnabled(on);
        input.setEnabled(on);
        userDisconnect.setEnabled(on);
        position.setEnabled(on);
        save.setEnabled(on);
    }
}
