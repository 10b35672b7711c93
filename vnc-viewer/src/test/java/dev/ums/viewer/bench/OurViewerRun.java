package dev.ums.viewer.bench;

import dev.ums.viewer.Encoding;
import dev.ums.viewer.VncAddress;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import dev.ums.viewer.VncSnapshot;
import dev.ums.viewer.VncView;
import dev.ums.viewer.VncViewerWindow;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import javax.swing.SwingUtilities;

/** Runs our viewer window against a server for a fixed time, the way {@code ums viewer} does. */
public final class OurViewerRun {
    private OurViewerRun() {
    }

    public static void main(String[] args) throws Exception {
        VncAddress address = new VncAddress(args[0], Integer.parseInt(args[1]));
        int seconds = Integer.parseInt(args[2]);
        VncSettings settings = VncSettings.builder()
                .encodings(Encoding.TIGHT, Encoding.ZRLE, Encoding.HEXTILE, Encoding.RAW)
                .jpegQuality(Integer.parseInt(args[3])).compressionLevel(2).build();
        Socket socket = VncSnapshot.connect(address);
        VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(), settings);
        boolean withWindow = args.length < 5 || !args[4].equals("decode-only");
        SwingUtilities.invokeAndWait(() -> {
            if (!withWindow) {
                return;
            }
            if (Boolean.getBoolean("bench.noDoubleBuffer")) {
                javax.swing.RepaintManager.currentManager(null).setDoubleBufferingEnabled(false);
            }
            VncViewerWindow window = new VncViewerWindow(session, "bench");
            window.view().setScaling(VncView.Scaling.ACTUAL_SIZE);
            window.show();
            window.frame().setBounds(0, 0, 1920, 1080);
        });
        session.start();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        System.out.println("updates " + session.updateCount() + " bytes " + session.bytesReceived());
        session.close();
        session.awaitClosed(5, TimeUnit.SECONDS);
        System.exit(0);
    }
}
