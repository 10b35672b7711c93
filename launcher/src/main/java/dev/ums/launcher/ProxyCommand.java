package dev.ums.launcher;

import dev.ums.console.core.Credentials;
import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.core.ShadowConnection;
import dev.ums.console.core.ShadowConnector;
import dev.ums.console.proxy.ListenAddress;
import dev.ums.console.proxy.LocalProxy;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ums proxy}: opens a shadow session and serves it on a local port to one VNC viewer. */
@Command(name = "proxy",
        mixinStandardHelpOptions = true,
        description = {
            "Opens a shadow session with a device and serves it on a local port for any VNC viewer.",
            "The password is read from the environment variable UMS_PASSWORD.",
            "Prints 'listening: HOST:PORT' once the session is open, and 'session ended: <why>' when the viewer or the "
                + "device side (device, server, gateway) ends it, then exits."})
public final class ProxyCommand implements Callable<Integer> {
    static final String PASSWORD_VARIABLE = "UMS_PASSWORD";
    private static final Logger LOG = LoggerFactory.getLogger(ProxyCommand.class);

    @Option(names = "--server", required = true, paramLabel = "URL", description = "the UMS server, e.g. https://ums:8443")
    private String server;

    @Option(names = "--fingerprint", required = true, paramLabel = "HEX",
            description = "SHA-256 fingerprint of the server's certificate (printed by 'ums server')")
    private String fingerprint;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "the administrator's user name")
    private String user;

    @Option(names = "--device", required = true, paramLabel = "NAME|ID", description = "the device, by id or name")
    private String device;

    @Option(names = "--listen", defaultValue = "127.0.0.1:0", paramLabel = "HOST:PORT",
            description = "where the viewer connects (default ${DEFAULT-VALUE}; port 0 = any free port)")
    private String listen;

    @Option(names = "--view-only", description = "watch only: the viewer's keyboard and mouse are not sent")
    private boolean viewOnly;

    @Option(names = "--secure-port", paramLabel = "PORT",
            description = "OS 11 devices reached directly: connect to this port instead of the secure VNC port the "
                    + "device reported to the server (or 5900, the vendor's port, if it reported none); for forwarded "
                    + "ports")
    private Integer securePort;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password: set the environment variable " + PASSWORD_VARIABLE);
        }
        ServerAddress address = ServerAddress.parse(server);
        ListenAddress local = ListenAddress.parse(listen);
        ImiClient client = ImiClient.create(address, fingerprint);
        try (LocalProxy proxy = LocalProxy.bind(local)) {
            // The session starts only now that the port is ours, and before anything is printed, so a refusal
            // ends the command before a viewer is pointed at the port.
            ShadowConnector connector = securePort == null ? new ShadowConnector(client)
                    : new ShadowConnector(client, securePort);
            ShadowConnection connection = connector.connect(
                    new Credentials(user, password.toCharArray()), device, viewOnly,
                    (step, detail) -> LOG.info("{}: {}", step.text(), detail));
            Thread hook = new Thread(() -> closeQuietly(proxy), "proxy-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            PrintWriter out = spec.commandLine().getOut();
            out.println("listening: " + proxy.addressText());
            out.flush();
            try {
                proxy.serveOne(connection);
            } finally {
                connection.close();
                removeHook(hook);
            }
            // one sentence, also when the device side dropped (e.g. "the gateway is shutting down"); a session
            // that ran and ended is not an error, so stderr stays empty and the exit code 0
            out.println("session ended: " + proxy.endedBecause());
            out.flush();
        }
        return 0;
    }

    private static void closeQuietly(LocalProxy proxy) {
        try {
            proxy.close();
        } catch (IOException e) {
            LOG.debug("closing the proxy at exit failed", e);
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl+C or SIGTERM: the hook is closing the session right now
        }
    }
}
