package dev.ums.console.gui.internal.login;

import dev.ums.console.gui.internal.EscapeKey;
import java.awt.Window;
import java.util.Arrays;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JPasswordField;
import javax.swing.JProgressBar;
import javax.swing.JTextField;
import dev.ums.console.gui.internal.Html;
import javax.swing.UIManager;
import net.miginfocom.swing.MigLayout;

/**
 * The login window: server (typed or picked from the remembered ones), user and password, a line for the
 * one-sentence error and a busy bar. It only shows and collects; {@link LoginFlow} does the work.
 * Event thread only.
 */
public final class LoginDialog {
    private final JDialog dialog;
    private final JComboBox<String> server = new JComboBox<>();
    private final JTextField user = new JTextField(22);
    private final JPasswordField password = new JPasswordField(22);
    private final JLabel message = new JLabel(" ");
    private final JProgressBar busy = new JProgressBar();
    private final JButton login = new JButton("Log in");
    private final JButton cancel = new JButton("Quit");
    private String error = "";

    public LoginDialog(Window owner) {
        dialog = new JDialog(owner, "UMS Console – Log in", JDialog.ModalityType.MODELESS);
        dialog.setName("login");
        dialog.setDefaultCloseOperation(JDialog.DO_NOTHING_ON_CLOSE);
        server.setName("server");
        server.setEditable(true);
        server.setPrototypeDisplayValue("https://ums.example.com:8443");
        server.putClientProperty("JTextField.placeholderText", "https://host:8443");
        user.setName("user");
        password.setName("password");
        message.setName("message");
        message.setForeground(UIManager.getColor("Console.error.foreground"));
        busy.setName("busy");
        busy.setIndeterminate(true);
        busy.setVisible(false);
        login.setName("login");
        cancel.setName("quit");

        JLabel title = new JLabel("Log in to a UMS server");
        title.putClientProperty("FlatLaf.styleClass", "h2");
        JPanel content = new JPanel(new MigLayout("insets dialog, wrap 2, hidemode 3", "[right][grow,fill,300lp]", ""));
        content.add(title, "span 2, left, gapbottom para");
        content.add(label("Server:", 'S', server));
        content.add(server);
        content.add(label("User:", 'U', user));
        content.add(user);
        content.add(label("Password:", 'P', password));
        content.add(password);
        content.add(message, "span 2, growx, wmin 0, gaptop related");
        content.add(busy, "span 2, growx");
        content.add(login, "span 2, split 2, right, tag ok, gaptop para");
        content.add(cancel, "tag cancel");
        dialog.setContentPane(content);
        dialog.getRootPane().setDefaultButton(login);
        EscapeKey.runs(dialog, cancel::doClick);
    }

    private static JLabel label(String text, char mnemonic, JComponent target) {
        JLabel label = new JLabel(text);
        label.setDisplayedMnemonic(mnemonic);
        label.setLabelFor(target);
        return label;
    }

    public JDialog window() {
        return dialog;
    }

    public void onLogin(Runnable action) {
        login.addActionListener(e -> action.run());
    }

    public void onQuit(Runnable action) {
        cancel.addActionListener(e -> action.run());
        dialog.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowClosing(java.awt.event.WindowEvent e) {
                action.run();
            }
        });
    }

    public void load(LoginForm form) {
        server.setModel(new DefaultComboBoxModel<>(form.knownServers().toArray(String[]::new)));
        server.setSelectedItem(form.server());
        user.setText(form.user());
        password.setText("");
    }

    public LoginForm form() {
        Object typed = server.getEditor().getItem();
        java.util.List<String> known = new java.util.ArrayList<>();
        for (int i = 0; i < server.getItemCount(); i++) {
            known.add(server.getItemAt(i));
        }
        return new LoginForm(typed == null ? "" : typed.toString(), user.getText(), known);
    }

    /** A copy of the typed password; the field is cleared so the text does not linger in the component. */
    public char[] takePassword() {
        char[] typed = password.getPassword();
        password.setText("");
        return typed;
    }

    /** Shows the dialog, focusing the first empty field. */
    public void show() {
        dialog.pack();
        dialog.setLocationRelativeTo(null);
        dialog.setVisible(true);
        JComponent first = form().server().isEmpty() ? server : form().user().isEmpty() ? user : password;
        first.requestFocusInWindow();
    }

    public void busy(boolean on, String status) {
        busy.setVisible(on);
        busy.setString(status);
        busy.setStringPainted(on && status != null);
        for (JComponent c : Arrays.asList(server, user, password, login)) {
            c.setEnabled(!on);
        }
        if (on) {
            error = "";
            message.setText(" ");
        }
        dialog.pack();
    }

    /** Shows one sentence under the fields and puts the cursor where the user will most likely fix it. */
    public void showError(String sentence, boolean passwordField) {
        busy(false, null);
        error = sentence;
        message.setText(Html.wrapped(sentence, 340));
        dialog.pack();
        (passwordField ? password : server).requestFocusInWindow();
    }

    /** The sentence shown, without markup; empty when none is. */
    public String errorText() {
        return error;
    }

    public void close() {
        dialog.dispose();
    }
}
