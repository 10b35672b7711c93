package dev.ums.console.gui.internal.session;

import dev.ums.console.gui.internal.PlainText;
import dev.ums.viewer.VncView;
import java.awt.BorderLayout;
import java.awt.GraphicsEnvironment;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import net.miginfocom.swing.MigLayout;

/**
 * A borderless window over the whole screen showing a session's desktop, with a slim bar to leave it (the
 * keyboard belongs to the remote desktop, so leaving is a button, not a key). Event thread only.
 */
final class FullScreenWindow {
    private final JFrame frame = new JFrame();
    private final VncView view;
    private final Runnable onLeft;
    private boolean left;

    FullScreenWindow(String deviceName, VncView view, Runnable onLeft) {
        this.view = view;
        this.onLeft = onLeft;
        frame.setName("fullScreen");
        frame.setTitle(deviceName + " – full screen");
        frame.setUndecorated(true);
        JPanel bar = new JPanel(new MigLayout("insets 2 8 2 8", "[grow][]", ""));
        bar.add(new JLabel(PlainText.shown(deviceName)));
        JButton leave = new JButton("Leave full screen");
        leave.setName("leaveFullScreen");
        leave.setFocusable(false);
        leave.addActionListener(e -> leave());
        bar.add(leave);
        // The framebuffer image already is a back buffer; Swing's double buffering would copy each frame again
        // (about a third of the frame rate at 1920×1080, docs/BENCHMARKS.md). Only this window can drop it.
        for (javax.swing.JComponent c : new javax.swing.JComponent[] {frame.getRootPane(),
            (javax.swing.JComponent) frame.getContentPane(), frame.getLayeredPane(), view}) {
            c.setDoubleBuffered(false);
        }
        frame.getContentPane().add(bar, BorderLayout.NORTH);
        frame.getContentPane().add(view, BorderLayout.CENTER);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                leave();
            }
        });
    }

    void enter() {
        frame.setBounds(GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                .getDefaultConfiguration().getBounds());
        frame.setVisible(true);
        view.requestFocusInWindow();
    }

    void leave() {
        if (left) {
            return;
        }
        left = true;
        frame.getContentPane().remove(view);
        frame.dispose();
        onLeft.run();
    }
}
