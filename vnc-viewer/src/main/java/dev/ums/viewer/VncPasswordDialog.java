package dev.ums.viewer;

import java.awt.Component;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.function.Supplier;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JTextField;

/**
 * A {@link VncCredentialsPrompt} that asks the user in a modal dialog: a password field, and a user name field when
 * the server wants one (VeNCrypt's Plain kinds). {@link #ask} is called on the session's reader thread, shows the
 * dialog on the event thread and waits for it; Cancel ends the session. When the session ends while the dialog is open,
 * the dialog closes and what was typed is wiped.
 */
public final class VncPasswordDialog implements VncCredentialsPrompt {
    private final Supplier<Component> parent;
    private final String server;

    /**
     * @param parent the window to centre on, asked on the event thread (may give null)
     * @param server how to name the server in the dialog, for example "host:5901"
     */
    public VncPasswordDialog(Supplier<Component> parent, String server) {
        this.parent = parent;
        this.server = server;
    }

    @Override
    public VncCredentials ask(Request request) {
        try {
            return SwingThread.askInDialog(() -> question(request), VncCredentials::wipe);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private SwingThread.Question<VncCredentials> question(Request request) {
        JPanel panel = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.insets = new Insets(4, 4, 4, 4);
        c.anchor = GridBagConstraints.WEST;
        c.gridwidth = 2;
        panel.add(new JLabel("The VNC server at " + server + " asks for "
                + (request.usernameNeeded() ? "a user name and password." : "a password.")), c);
        c.gridwidth = 1;
        JTextField user = new JTextField(request.knownUsername(), 20);
        user.setName("vncUser");
        if (request.usernameNeeded()) {
            c.gridy = 1;
            panel.add(new JLabel("User name:"), c);
            panel.add(user, c);
        }
        JPasswordField password = new JPasswordField(20);
        password.setName("vncPassword");
        c.gridy = 2;
        panel.add(new JLabel("Password:"), c);
        panel.add(password, c);
        JOptionPane pane = new JOptionPane(panel, JOptionPane.QUESTION_MESSAGE, JOptionPane.OK_CANCEL_OPTION);
        javax.swing.JDialog dialog = pane.createDialog(parent.get(), "VNC password");
        dialog.addWindowFocusListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowGainedFocus(java.awt.event.WindowEvent e) {
                (request.usernameNeeded() && user.getText().isEmpty() ? user : password).requestFocusInWindow();
            }
        });
        return new SwingThread.Question<>() {
            @Override
            public javax.swing.JDialog dialog() {
                return dialog;
            }

            @Override
            public VncCredentials answer() {
                if (!Integer.valueOf(JOptionPane.OK_OPTION).equals(pane.getValue())) {
                    return null;
                }
                return new VncCredentials(request.usernameNeeded() ? user.getText().strip() : request.knownUsername(),
                        password.getPassword());
            }

            @Override
            public void wipe() {
                password.setText("");
            }
        };
    }
}
