package dev.ums.console.gui.internal.session;

import dev.ums.console.gui.internal.Icons;
import dev.ums.console.gui.internal.PlainText;
import dev.ums.console.gui.internal.UserSentence;
import dev.ums.console.gui.internal.Workers;
import dev.ums.console.gui.internal.Edt;
import dev.ums.console.gui.internal.settings.ScalingMode;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncStatistics;
import dev.ums.viewer.VncView;
import java.awt.BorderLayout;
import java.awt.Toolkit;
import java.awt.datatransfer.DataFlavor;
import java.io.File;
import javax.swing.ButtonGroup;
import javax.swing.JButton;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JToggleButton;
import javax.swing.JToolBar;
import javax.swing.Timer;
import javax.swing.filechooser.FileNameExtensionFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live embedded session: the toolbar (view-only, fit/100 %, refresh, Ctrl+Alt+Del, send clipboard, screenshot,
 * full screen, disconnect) above the remote desktop, and below it the live figures with the picture quality in use,
 * read from the session's {@link VncStatistics} once a second. Event thread only.
 */
final class EmbeddedView extends JPanel {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedView.class);

    private final VncSession session;
    private final VncView view;
    private final JScrollPane scroll;
    private final String deviceName;
    private final JToggleButton viewOnly = new JToggleButton("View only");
    private final JLabel figures = new JLabel(" ");
    private final JLabel notice = new JLabel();
    private final Timer figuresTimer;
    private FullScreenWindow fullScreen;

    EmbeddedView(VncSession session, String deviceName, boolean serverViewOnly, ScalingMode scaling, Runnable disconnect) {
        super(new BorderLayout());
        setName("liveSession");
        this.session = session;
        this.deviceName = deviceName;
        this.view = new VncView(session);
        view.setName("vncView");
        view.setScaling(scaling == ScalingMode.ACTUAL_SIZE ? VncView.Scaling.ACTUAL_SIZE : VncView.Scaling.AUTO);
        this.scroll = new JScrollPane(view);
        scroll.setBorder(null);
        figures.setName("figures");
        figures.putClientProperty("FlatLaf.styleClass", "small");
        figures.setToolTipText("Updates and data received per second, and the picture quality asked for now");
        figuresTimer = new Timer(1000, new FiguresReader());
        add(toolbar(serverViewOnly, disconnect), BorderLayout.NORTH);
        add(scroll, BorderLayout.CENTER);
        JPanel status = new JPanel(new BorderLayout());
        status.setBorder(javax.swing.BorderFactory.createEmptyBorder(2, 8, 2, 8));
        status.add(figures, BorderLayout.CENTER);
        add(status, BorderLayout.SOUTH);
        if (serverViewOnly) {
            viewOnly.setSelected(true);
            viewOnly.setEnabled(false);
            viewOnly.setToolTipText("This session was opened view-only");
        }
    }

    private JToolBar toolbar(boolean serverViewOnly, Runnable disconnect) {
        JToolBar bar = new JToolBar();
        bar.setFloatable(false);
        bar.setName("sessionToolbar");
        viewOnly.setName("viewOnly");
        viewOnly.setToolTipText("Watch only: keyboard and mouse are not sent");
        viewOnly.setIcon(Icons.of("eye"));
        viewOnly.addActionListener(e -> viewOnlyToggled());
        bar.add(viewOnly);
        bar.addSeparator();
        JToggleButton fit = new JToggleButton("Fit", view.scaling() == VncView.Scaling.AUTO);
        JToggleButton actual = new JToggleButton("100 %", view.scaling() == VncView.Scaling.ACTUAL_SIZE);
        fit.setName("scaleFit");
        actual.setName("scaleActual");
        ButtonGroup scaling = new ButtonGroup();
        scaling.add(fit);
        scaling.add(actual);
        fit.setToolTipText("Pixel for pixel when the desktop fits the tab, shrunk to fit when it does not");
        actual.setToolTipText("Pixel for pixel, with scroll bars when the desktop is larger than the tab");
        fit.addActionListener(e -> scale(VncView.Scaling.AUTO));
        actual.addActionListener(e -> scale(VncView.Scaling.ACTUAL_SIZE));
        fit.setIcon(Icons.of("arrows-angle-contract"));
        actual.setIcon(Icons.of("aspect-ratio"));
        bar.add(fit);
        bar.add(actual);
        bar.addSeparator();
        JButton refresh = button(bar, "sessionRefresh", "Refresh", "Ask the device for its whole screen again");
        refresh.setIcon(Icons.of("arrow-clockwise"));
        refresh.addActionListener(e -> {
            session.requestRefresh();
            notice.setText("Full update requested");
        });
        JButton cad = button(bar, "ctrlAltDel", "Ctrl+Alt+Del", "Send Ctrl+Alt+Del to the device");
        cad.setIcon(Icons.of("keyboard"));
        cad.addActionListener(e -> session.sendCtrlAltDel());
        cad.setEnabled(!serverViewOnly);
        viewOnly.addActionListener(e -> cad.setEnabled(!viewOnly.isSelected()));
        JButton clip = button(bar, "sendClipboard", "Send clipboard", "Type this computer's clipboard text into the device's clipboard");
        clip.setEnabled(!serverViewOnly);
        viewOnly.addActionListener(e -> clip.setEnabled(!viewOnly.isSelected()));
        clip.addActionListener(e -> sendClipboard());
        clip.setIcon(Icons.of("clipboard"));
        JButton shot = button(bar, "screenshot", "Screenshot", "Save the device's screen as PNG");
        shot.setIcon(Icons.of("camera"));
        shot.addActionListener(e -> screenshot());
        JButton full = button(bar, "fullScreen", "Full screen", "Show the device's screen on the whole screen");
        full.setIcon(Icons.of("fullscreen"));
        full.addActionListener(e -> enterFullScreen());
        bar.addSeparator();
        JButton end = button(bar, "disconnect", "Disconnect", "End this session");
        end.setIcon(Icons.of("x-circle"));
        end.addActionListener(e -> disconnect.run());
        bar.add(javax.swing.Box.createHorizontalGlue());
        notice.setName("notice");
        bar.add(notice);
        return bar;
    }

    private static JButton button(JToolBar bar, String name, String text, String tip) {
        JButton b = new JButton(text);
        b.setName(name);
        b.setToolTipText(tip);
        bar.add(b);
        return b;
    }

    void started() {
        figuresTimer.start();
        view.requestFocusInWindow();
    }

    /** View-only changes on the running session: held keys and buttons are released, input stops or starts again. */
    private void viewOnlyToggled() {
        session.setViewOnly(viewOnly.isSelected());
        view.requestFocusInWindow();
    }

    /** Reads the session's figures once a second and shows the rates since the previous reading. */
    private final class FiguresReader implements java.awt.event.ActionListener {
        private VncStatistics previous = session.statistics();

        @Override
        public void actionPerformed(java.awt.event.ActionEvent e) {
            VncStatistics now = session.statistics();
            figures.setText(now.since(previous).describe());
            previous = now;
        }
    }

    void stopped() {
        figuresTimer.stop();
        if (fullScreen != null) {
            fullScreen.leave();
        }
    }

    VncView view() {
        return view;
    }

    String figuresText() {
        return figures.getText();
    }

    private void scale(VncView.Scaling scaling) {
        view.setScaling(scaling);
        scroll.revalidate();
    }

    /**
     * Reads the system clipboard on a worker: on X11 that asks the owning program and waits for its answer (seconds
     * if it hangs), which the event thread must not do.
     */
    private void sendClipboard() {
        Workers.submit(() -> String.valueOf(Toolkit.getDefaultToolkit().getSystemClipboard()
                        .getData(DataFlavor.stringFlavor)))
                .whenCompleteAsync((text, failure) -> {
                    if (failure != null) {
                        LOG.debug("clipboard unreadable", failure);
                        notice.setText("The clipboard holds no text");
                    } else {
                        session.sendClipboard(text);
                        notice.setText("Clipboard sent");
                    }
                }, Edt.EXECUTOR);
    }

    private void screenshot() {
        Screenshot shot = Screenshot.of(session.framebuffer());
        JFileChooser chooser = new JFileChooser();
        chooser.setFileFilter(new FileNameExtensionFilter("PNG images", "png"));
        chooser.setSelectedFile(new File(chooser.getCurrentDirectory(), Screenshot.suggestedName(deviceName)));
        if (chooser.showSaveDialog(this) != JFileChooser.APPROVE_OPTION) {
            return;
        }
        File chosen = chooser.getSelectedFile();
        File file = chosen.getName().toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? chosen
                : new File(chosen.getPath() + ".png");
        Workers.submit(() -> {
            shot.write(file);
            return file;
        }).whenCompleteAsync((done, failure) -> {
            if (failure == null) {
                notice.setText("Saved " + done.getName());
            } else {
                screenshotFailed(failure);
            }
        }, Edt.EXECUTOR);
    }

    /**
     * A failed save is said in a dialog: its sentence names the file and can be long, and in the toolbar's notice it
     * would push the buttons aside and be cut off at the window's edge.
     */
    private void screenshotFailed(Throwable failure) {
        LOG.info("screenshot of {} not saved: {}", deviceName, Workers.cause(failure).toString());
        notice.setText("");
        JOptionPane.showMessageDialog(this, PlainText.mark(new JLabel(UserSentence.of(failure))),
                "Screenshot not saved", JOptionPane.ERROR_MESSAGE);
    }

    private void enterFullScreen() {
        if (fullScreen == null) {
            scroll.setViewportView(null);
            fullScreen = new FullScreenWindow(deviceName, view, this::fullScreenLeft);
            fullScreen.enter();
        }
    }

    private void fullScreenLeft() {
        fullScreen = null;
        scroll.setViewportView(view);
        revalidate();
        repaint();
    }
}
