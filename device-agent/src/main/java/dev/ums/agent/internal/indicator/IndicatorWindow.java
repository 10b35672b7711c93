package dev.ums.agent.internal.indicator;

import dev.ums.agent.internal.display.ParentWatch;
import dev.ums.protocol.imi.IndicatorPosition;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;

/**
 * The indicator the person at the device sees while the device is shadowed: who watches, since when, whether
 * they can control the device, and (when allowed) a Disconnect button. Runs as its own process
 * ({@link DisplaySessionIndicator}) and prints {@link #DISCONNECT} on standard output when Disconnect is pressed;
 * it stays until the agent ends it or is gone itself ({@link ParentWatch}: its standard input closed or the agent's
 * process ended). Built on the Swing event thread; the watch on the agent runs on threads of its own.
 *
 * <p>The size is fixed and the window sits {@link #MARGIN} pixels from the screen's edges at its position, with
 * Disconnect filling the right {@link #BUTTON_WIDTH} pixels, so tests can click it on a bare X server by position.
 */
public final class IndicatorWindow {
    public static final String DISCONNECT = "disconnect";
    /** The start of the window's X title, which goes on with the indicator's text (window managers may list it). */
    public static final String TITLE = "UMS shadow indicator";
    public static final int WIDTH = 440;
    public static final int HEIGHT = 56;
    public static final int BUTTON_WIDTH = 120;
    public static final int MARGIN = 8;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private IndicatorWindow() {
    }

    /** Arguments: administrator, start (epoch ms), view-only flag, position, Disconnect allowed. */
    public static void main(String[] args) throws Exception {
        String admin = args[0];
        Instant since = Instant.ofEpochMilli(Long.parseLong(args[1]));
        boolean viewOnly = Boolean.parseBoolean(args[2]);
        IndicatorPosition position = IndicatorPosition.valueOf(args[3]);
        boolean allowDisconnect = Boolean.parseBoolean(args[4]);
        ParentWatch.exitWhenGone();
        try {
            SwingUtilities.invokeAndWait(() -> show(admin, since, viewOnly, position, allowDisconnect));
        } catch (java.lang.reflect.InvocationTargetException | java.awt.AWTError e) {
            System.exit(3);
        }
    }

    /** The indicator's text: {@code "admin is watching this screen (view only) since 15:52"}. */
    static String text(String admin, Instant since, boolean viewOnly) {
        return admin + (viewOnly ? " is watching this screen (view only)" : " is watching and can control this screen")
                + " since " + TIME.format(since.atZone(ZoneId.systemDefault()));
    }

    /** Where the window's top-left corner goes on a screen with these bounds. */
    public static Rectangle bounds(Rectangle screen, IndicatorPosition position) {
        int x = switch (position) {
            case TOP_LEFT, BOTTOM_LEFT -> screen.x + MARGIN;
            case TOP_CENTER, BOTTOM_CENTER -> screen.x + (screen.width - WIDTH) / 2;
            case TOP_RIGHT, BOTTOM_RIGHT -> screen.x + screen.width - WIDTH - MARGIN;
        };
        int y = position.top() ? screen.y + MARGIN : screen.y + screen.height - HEIGHT - MARGIN;
        return new Rectangle(x, y, WIDTH, HEIGHT);
    }

    private static void show(String admin, Instant since, boolean viewOnly, IndicatorPosition position,
                             boolean allowDisconnect) {
        String text = text(admin, since, viewOnly);
        JDialog window = new JDialog((java.awt.Frame) null, TITLE + ": " + text, false);
        window.setUndecorated(true);
        window.setDefaultCloseOperation(JDialog.DO_NOTHING_ON_CLOSE);
        JPanel content = new JPanel(new BorderLayout());
        content.setBackground(new Color(0xB0, 0x20, 0x20));
        content.setBorder(BorderFactory.createLineBorder(Color.WHITE));
        JLabel label = new JLabel("<html>" + escape(text) + "</html>");
        label.setForeground(Color.WHITE);
        label.setBorder(BorderFactory.createEmptyBorder(4, 10, 4, 6));
        content.add(label, BorderLayout.CENTER);
        if (allowDisconnect) {
            JButton disconnect = new JButton("Disconnect");
            disconnect.setPreferredSize(new Dimension(BUTTON_WIDTH, HEIGHT));
            disconnect.setMargin(new java.awt.Insets(2, 6, 2, 6));
            disconnect.addActionListener(e -> {
                System.out.println(DISCONNECT);
                System.out.flush();
                disconnect.setEnabled(false);
            });
            content.add(disconnect, BorderLayout.EAST);
        }
        window.setContentPane(content);
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        window.setBounds(bounds(screen, position));
        window.setAlwaysOnTop(true);
        window.setFocusableWindowState(false);
        window.setVisible(true);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
