package dev.ums.viewer;

import dev.ums.protocol.log.PeerText;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.swing.ButtonGroup;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JOptionPane;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.JScrollPane;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * A stand-alone window around a {@link VncView}: a menu for scaling, live figures, Ctrl+Alt+Del
 * and refresh. Closing the window closes the session, on another thread ({@link BackgroundClose}); the session ending
 * shows its reason and closes the window. Create and show it on the event thread.
 */
public final class VncViewerWindow {
    private final JFrame frame;
    private final VncView view;
    private final JScrollPane scroll;
    /** The session had ended when this window heard of it (event thread). */
    private boolean ended;
    /** The window was sized to the desktop, which {@link #show()} keeps (event thread). */
    private boolean sizedToDesktop;

    public VncViewerWindow(VncSession session, String title) {
        this.view = new VncView(session);
        this.frame = new JFrame(title);
        this.scroll = new JScrollPane(view);
        frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        frame.getContentPane().add(scroll, BorderLayout.CENTER);
        // The framebuffer image already is a complete back buffer; Swing's double buffering would
        // copy every frame once more, which costs about a third of the frame rate at 1920×1080.
        for (JComponent c : new JComponent[] {frame.getRootPane(), (JComponent) frame.getContentPane(),
            frame.getLayeredPane(), scroll, scroll.getViewport(), view}) {
            c.setDoubleBuffered(false);
        }
        frame.setJMenuBar(menus(session));
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                BackgroundClose.of(session);
            }
        });
        session.addListener(new VncSessionListener() {
            @Override
            public void connected(String desktopName, int width, int height) {
                SwingThread.run(() -> sizeToDesktop(desktopName, width, height));
            }

            @Override
            public void closed(VncProtocolException error) {
                SwingThread.run(() -> {
                    ended = true;
                    if (error != null && frame.isDisplayable()) {
                        JOptionPane.showMessageDialog(frame, error.getMessage(), title, JOptionPane.ERROR_MESSAGE);
                    }
                    frame.dispose();
                });
            }
        });
    }

    /**
     * Starts {@code session} and shows it in a new window titled {@code title}, built meanwhile (handing the window to
     * {@code shown}, for dialogs the session opens over it, such as a password prompt; one asked before the window
     * exists is centred on the screen), and waits until the session has ended:
     * the user closed the window or the server ended the session. Called on a thread other than the event thread.
     */
    public static void runUntilClosed(VncSession session, String title, Consumer<Component> shown)
            throws InterruptedException, InvocationTargetException {
        // The handshake and the first picture go ahead while the window is built, which on a cold start takes a
        // good part of a second; the window hears what it missed when it registers (VncSession.addListener).
        session.start();
        SwingUtilities.invokeAndWait(() -> {
            VncViewerWindow viewer = new VncViewerWindow(session, title);
            shown.accept(viewer.frame());
            if (!viewer.ended) {
                viewer.show();
            }
        });
        while (!session.awaitClosed(1, TimeUnit.HOURS)) {
            // The window owns the session; wait for it however long the user watches.
        }
    }

    public JFrame frame() {
        return frame;
    }

    public VncView view() {
        return view;
    }

    public void show() {
        if (!sizedToDesktop) {
            frame.setSize(800, 600);
        }
        frame.setLocationByPlatform(true);
        frame.setVisible(true);
        view.requestFocusInWindow();
    }

    private void sizeToDesktop(String desktopName, int width, int height) {
        frame.setTitle(frame.getTitle() + " – " + PeerText.of(desktopName, VncSession.SHOWN_NAME));
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getMaximumWindowBounds();
        view.setPreferredSize(null);
        // Exactly the desktop plus the scroll pane's border, so a desktop that fits the screen is shown 1:1.
        java.awt.Insets border = scroll.getInsets();
        int chromeWidth = border.left + border.right;
        int chromeHeight = border.top + border.bottom;
        scroll.setPreferredSize(new Dimension(Math.min(width + chromeWidth, screen.width - 40),
                Math.min(height + chromeHeight, screen.height - 80)));
        frame.pack();
        sizedToDesktop = true;
    }

    private JMenuBar menus(VncSession session) {
        JMenu viewMenu = new JMenu("View");
        ButtonGroup group = new ButtonGroup();
        addScale(viewMenu, group, "Automatic (1:1 when it fits)", () -> view.setScaling(VncView.Scaling.AUTO), true);
        addScale(viewMenu, group, "Fit to window", () -> view.setScaling(VncView.Scaling.FIT), false);
        addScale(viewMenu, group, "100 %", () -> view.setScaling(VncView.Scaling.ACTUAL_SIZE), false);
        addScale(viewMenu, group, "50 %", () -> view.setCustomScale(0.5), false);
        addScale(viewMenu, group, "150 %", () -> view.setCustomScale(1.5), false);
        viewMenu.addSeparator();
        JCheckBoxMenuItem stats = new JCheckBoxMenuItem("Show statistics");
        stats.addActionListener(e -> view.setShowStatistics(stats.isSelected()));
        viewMenu.add(stats);
        JMenuItem refresh = new JMenuItem("Refresh");
        refresh.addActionListener(e -> session.requestRefresh());
        viewMenu.add(refresh);
        JMenu remote = new JMenu("Remote");
        JMenuItem cad = new JMenuItem("Send Ctrl+Alt+Del");
        cad.setEnabled(!session.viewOnly());
        cad.addActionListener(e -> session.sendCtrlAltDel());
        JCheckBoxMenuItem viewOnly = new JCheckBoxMenuItem("View only", session.viewOnly());
        viewOnly.addActionListener(e -> {
            session.setViewOnly(viewOnly.isSelected());
            cad.setEnabled(!viewOnly.isSelected());
        });
        remote.add(viewOnly);
        remote.add(cad);
        JMenuBar bar = new JMenuBar();
        bar.add(viewMenu);
        bar.add(remote);
        return bar;
    }

    private void addScale(JMenu menu, ButtonGroup group, String label, Runnable action, boolean selected) {
        JRadioButtonMenuItem item = new JRadioButtonMenuItem(label, selected);
        item.addActionListener(e -> {
            action.run();
            scroll.revalidate();
        });
        group.add(item);
        menu.add(item);
    }
}
