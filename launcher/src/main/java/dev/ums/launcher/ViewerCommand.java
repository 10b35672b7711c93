package dev.ums.launcher;

import dev.ums.viewer.VncAddress;
import dev.ums.viewer.VncSession;
import dev.ums.viewer.VncSettings;
import dev.ums.viewer.VncSnapshot;
import dev.ums.viewer.VncViewerWindow;
import java.awt.GraphicsEnvironment;
import java.net.Socket;
import java.util.concurrent.Callable;
import dev.ums.viewer.CertificateChangeDialog;
import dev.ums.viewer.VncPasswordDialog;
import java.awt.Component;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ums viewer}: opens the embedded VNC viewer on a server, in its own window. */
@Command(name = "viewer", mixinStandardHelpOptions = true,
        description = "Open the embedded VNC viewer on a VNC server in its own window.")
public final class ViewerCommand implements Callable<Integer> {

    @Option(names = "--vnc", required = true, paramLabel = "HOST:PORT", description = "The VNC server.")
    String vnc;

    @Option(names = "--view-only", description = "Only watch: send no keyboard, pointer or clipboard input.")
    boolean viewOnly;

    @Mixin
    VncClientOptions client = new VncClientOptions("auto");

    @Override
    public Integer call() throws Exception {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IllegalStateException("The viewer needs a graphical display; none is available.");
        }
        VncAddress address = VncAddress.parse(vnc);
        AtomicReference<Component> window = new AtomicReference<>();
        // Without a password file the user is asked in a dialog, and only if the server wants a password.
        VncSettings.Builder settings = VncSettings.builder().viewOnly(viewOnly)
                .credentials(new VncPasswordDialog(window::get, address.toString()));
        client.apply(settings, address.toString(), new CertificateChangeDialog(window::get));
        Socket socket = VncSnapshot.connect(address);
        VncSession session = new VncSession(socket.getInputStream(), socket.getOutputStream(), settings.build());
        VncViewerWindow.runUntilClosed(session, "UMS viewer – " + address, window::set);
        if (session.error() != null) {
            throw session.error();
        }
        return 0;
    }
}
