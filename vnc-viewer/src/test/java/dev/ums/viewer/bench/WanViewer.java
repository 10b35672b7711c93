package dev.ums.viewer.bench;

import dev.ums.viewer.VncAddress;
import dev.ums.viewer.VncPasswordDialog;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import dev.ums.viewer.VncSnapshot;
import dev.ums.viewer.VncViewerWindow;
import java.awt.Component;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Our viewer as {@code ums viewer --vnc HOST:PORT} runs it (launcher's {@code ViewerCommand}, which this module
 * cannot depend on): default settings, so automatic quality, in {@link VncViewerWindow} at its default size and
 * scaling, until the process is ended. Arguments: host, port. Threads: {@code main} connects and waits; the window
 * is made on the Swing event thread.
 */
public final class WanViewer {
    private WanViewer() {
    }

    public static void main(String[] args) throws Exception {
        VncAddress address = new VncAddress(args[0], Integer.parseInt(args[1]));
        AtomicReference<Component> window = new AtomicReference<>();
        VncSettings settings = VncSettings.builder()
                .credentials(new VncPasswordDialog(window::get, address.toString())).build();
        Socket socket = VncSnapshot.connect(address);
        VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(), settings);
        VncViewerWindow.runUntilClosed(session, "UMS viewer – " + address, window::set);
        System.exit(0);
    }
}
