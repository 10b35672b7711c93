package dev.ums.console.gui.internal.devices;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSeparator;
import javax.swing.SwingConstants;
import javax.swing.UIManager;
import net.miginfocom.swing.MigLayout;

/** The main window's bottom line: server, user, connection state and the number of devices shown. Event thread only. */
public final class StatusBar extends JPanel {
    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final JLabel server = new JLabel();
    private final JLabel user = new JLabel();
    private final JLabel connection = new JLabel();
    private final JLabel devices = new JLabel();

    public StatusBar(String serverText, String userText) {
        super(new MigLayout("insets 2 8 2 8, gap 10", "[][][][grow][]", ""));
        setName("statusBar");
        connection.setName("connectionState");
        devices.setName("deviceCount");
        setBorder(BorderFactory.createMatteBorder(1, 0, 0, 0, UIManager.getColor("Component.borderColor")));
        server.setText("Server: " + serverText);
        user.setText("User: " + userText);
        connection.setText("Connecting …");
        add(server);
        add(new JSeparator(SwingConstants.VERTICAL), "growy");
        add(user);
        add(new JSeparator(SwingConstants.VERTICAL), "growy");
        add(connection, "growx, wmin 0");
        add(devices);
    }

    public void connected(LocalTime at) {
        connection.setForeground(UIManager.getColor("Label.foreground"));
        connection.setText("Connected · updated " + TIME.format(at));
    }

    public void lost(String sentence) {
        connection.setForeground(UIManager.getColor("Console.error.foreground"));
        connection.setText("Connection lost: " + sentence);
    }

    public String connectionText() {
        return connection.getText();
    }

    public void deviceCount(int shown, int online) {
        devices.setText(shown + (shown == 1 ? " device, " : " devices, ") + online + " online");
    }
}
