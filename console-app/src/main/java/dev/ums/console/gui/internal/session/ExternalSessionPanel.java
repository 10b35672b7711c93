package dev.ums.console.gui.internal.session;

import dev.ums.console.gui.internal.Html;
import dev.ums.console.gui.internal.external.ExternalViewerRun;
import dev.ums.protocol.tunnel.BytePump;
import java.util.Locale;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.Timer;
import net.miginfocom.swing.MigLayout;

/** A session tab's body while an external viewer shows the session: what runs where, live byte counts, End. Event thread only. */
final class ExternalSessionPanel extends JPanel {
    private static final long serialVersionUID = 1L;

    private final JLabel bytes = new JLabel(" ");
    private final Timer timer;

    ExternalSessionPanel(String deviceName, ExternalViewerRun run, Runnable disconnect, Runnable viewerConnected) {
        super(new MigLayout("insets 24, wrap 1, align center center", "[420lp]", ""));
        setName("externalSession");
        bytes.setName("proxyBytes");
        JLabel title = new JLabel("Shadowing " + deviceName + " in an external viewer");
        title.putClientProperty("FlatLaf.styleClass", "h3");
        add(title, "gapbottom para");
        add(new JLabel(Html.wrapped("Viewer: " + String.join(" ", run.command()), 420)));
        add(new JLabel("Local proxy: " + run.proxyAddress() + " (this computer only)"));
        add(bytes);
        JButton end = new JButton("End session");
        end.setName("disconnect");
        end.addActionListener(e -> disconnect.run());
        add(end, "right, gaptop para");
        boolean[] connected = {false};
        timer = new Timer(250, e -> {
            BytePump.Totals t = run.totals();
            bytes.setText(String.format(Locale.ROOT, "Through the proxy: %s from the device, %s to it",
                    size(t.rightToLeft()), size(t.leftToRight())));
            if (!connected[0] && run.viewerConnected()) {
                connected[0] = true;
                viewerConnected.run();
            }
        });
        timer.start();
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }

    void stopped() {
        timer.stop();
    }
}
