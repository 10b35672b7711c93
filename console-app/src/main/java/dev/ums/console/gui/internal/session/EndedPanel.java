package dev.ums.console.gui.internal.session;

import dev.ums.console.gui.internal.Html;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.UIManager;
import net.miginfocom.swing.MigLayout;

/** What a session tab shows when connecting failed or the session ended: one sentence, Reconnect and Close. */
final class EndedPanel extends JPanel {
    private static final long serialVersionUID = 1L;

    private final JLabel heading = new JLabel();
    private final JLabel message = new JLabel();
    private final JButton reconnect = new JButton("Reconnect");
    private final JButton close = new JButton("Close tab");
    private String sentence = "";

    EndedPanel(Runnable onReconnect, Runnable onClose) {
        super(new MigLayout("insets 24, wrap 1, align center center", "[420lp]", ""));
        setName("sessionEnded");
        message.setName("sessionMessage");
        reconnect.setName("reconnect");
        close.setName("closeTab");
        heading.putClientProperty("FlatLaf.styleClass", "h3");
        reconnect.addActionListener(e -> onReconnect.run());
        close.addActionListener(e -> onClose.run());
        add(heading, "gapbottom para");
        add(message, "growx");
        add(reconnect, "split 2, right, gaptop para");
        add(close);
    }

    /** Shows {@code text}; {@code failure} colours it as an error. */
    void show(String title, String text, boolean failure) {
        sentence = text;
        heading.setText(title);
        message.setText(Html.wrapped(text, 420));
        message.setForeground(UIManager.getColor(failure ? "Console.error.foreground" : "Label.foreground"));
    }

    String sentence() {
        return sentence;
    }

    void focusReconnect() {
        reconnect.requestFocusInWindow();
    }
}
