package dev.ums.launcher;

import dev.ums.console.core.Credentials;
import dev.ums.console.core.ImiClient;
import dev.ums.console.core.ServerAddress;
import dev.ums.console.core.ShadowConnection;
import dev.ums.console.core.ShadowConnector;
import dev.ums.console.proxy.ListenAddress;
import dev.ums.console.proxy.LocalProxy;
import dev.ums.protocol.io.Closeables;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
            "Prints 'listening: HOST:PORT' once the session is open. When the viewer leaves (or the proxy is stopped) it "
                + "prints 'session ended: <why>' and exits with 0; when no viewer connects in time, or the device side "
                + "(agent, server, gateway, network) ends the session, it prints one sentence on stderr and exits with 1."})
public final class ProxyCommand implements Callable<Integer> {
    static final String PASSWORD_VARIABLE = "UMS_PASSWORD";
    private static final Logger LOG = LoggerFactory.getLogger(ProxyCommand.class);
    /** How long a stop (Ctrl+C, SIGTERM) waits for the session to be released and its end said. */
    private static final Duration HOOK_WAIT = Duration.ofSeconds(30);

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

    @Option(names = "--accept-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "how long a viewer has to connect before the session is ended and the device released "
                    + "(default ${DEFAULT-VALUE})")
    private int acceptTimeoutSeconds;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException, ProxyEnd.AbnormalEndException {
        if (acceptTimeoutSeconds < 1) {
            throw new IllegalArgumentException("--accept-timeout must be at least 1 second, got " + acceptTimeoutSeconds);
        }
        String password = System.getenv(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("no password: set the environment variable " + PASSWORD_VARIABLE);
        }
        ServerAddress address = ServerAddress.parse(server);
        ListenAddress local = ListenAddress.parse(listen);
        ImiClient client = ImiClient.create(address, fingerprint);
        try (LocalProxy proxy = LocalProxy.bind(local)) {
            if (!proxy.address().getAddress().isLoopbackAddress()) {
                // the proxy asks no password of its viewer: the first program to connect gets the session
                LOG.warn("listening on {}: the first program that connects from any machine able to reach it gets the "
                        + "session; use 127.0.0.1 unless the viewer runs elsewhere", proxy.addressText());
            }
            // The session starts only now that the port is ours, and before anything is printed, so a refusal
            // ends the command before a viewer is pointed at the port.
            ShadowConnector connector = securePort == null ? new ShadowConnector(client)
                    : new ShadowConnector(client, securePort);
            ShadowConnection connection = connector.connect(
                    new Credentials(user, password.toCharArray()), device, viewOnly,
                    (step, detail) -> LOG.info("{}: {}", step.text(), detail));
            AtomicBoolean stopped = new AtomicBoolean();
            CountDownLatch ended = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                stopped.set(true);
                Closeables.closeQuietly(proxy);
                // the process ends once the hooks are done: first let the session be released and its end said
                awaitQuietly(ended);
            }, "proxy-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                serve(proxy, connection, hook, stopped);
            } finally {
                ended.countDown();
            }
        }
        return 0;
    }

    /** Serves the session to one viewer and says how it ended: on stdout when it ended normally, else by throwing. */
    private void serve(LocalProxy proxy, ShadowConnection connection, Thread hook, AtomicBoolean stopped)
            throws IOException, ProxyEnd.AbnormalEndException {
        PrintWriter out = spec.commandLine().getOut();
        out.println("listening: " + proxy.addressText());
        out.flush();
        AcceptDeadline deadline = AcceptDeadline.start(proxy, Duration.ofSeconds(acceptTimeoutSeconds));
        try {
            proxy.serveOne(connection);
        } catch (IOException e) {
            if (deadline.expired()) {
                throw new ProxyEnd.AbnormalEndException("no viewer connected within " + acceptTimeoutSeconds
                        + " seconds; the session was ended and the device released");
            }
            if (!stopped.get() || proxy.viewerConnected()) {
                throw e;
            }
            // Ctrl+C or SIGTERM while waiting for the viewer: the user's own end, not a failure; released, then said
            LOG.debug("stopped while waiting for the viewer", e);
            connection.close();
            out.println("session ended: the proxy was stopped before a viewer connected; the device was released");
            out.flush();
            return;
        } finally {
            deadline.cancel();
            connection.close();
            removeHook(hook);
        }
        ProxyEnd end = ProxyEnd.of(proxy, connection);
        if (!end.normal()) {
            throw new ProxyEnd.AbnormalEndException(end.sentence());
        }
        out.println("session ended: " + end.sentence());
        out.flush();
    }

    private static void awaitQuietly(CountDownLatch ended) {
        try {
            if (!ended.await(HOOK_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.debug("the session's end was not said within {}", HOOK_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
