package dev.ums.launcher;

import dev.ums.agent.AgentConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ums demo}: a server, a gateway and simulated devices in one process, with the console logged in. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs everything in one process on an embedded default: a server (H2 in a temporary "
                + "directory), a gateway and simulated devices (OS 12 and OS 11, direct and via the gateway, one offline), "
                + "each online one showing a live demo desktop. Opens the console logged in.",
                "Prints 'server:', 'fingerprint:', 'user:', 'password:' (made up for this run) and 'devices:' lines "
                + "for 'ums proxy' or a console elsewhere, 'data:' (its temporary directory) and 'webapp:' (the web "
                + "app's address). Ctrl+C stops it and removes its files."})
final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);

    @Option(names = "--headless", description = "run without the console window")
    boolean headless;

    @Option(names = "--vnc", paramLabel = "HOST:PORT",
            description = "show this real VNC server on every demo device instead of the demo desktops")
    String vnc;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "address the server listens on (default ${DEFAULT-VALUE}; 0.0.0.0 for consoles elsewhere)")
    String bind;

    @Option(names = "--port", defaultValue = "0", paramLabel = "PORT", converter = PortNumber.class,
            description = "the server's port (default: any free port)")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress realVnc = vnc != null ? AgentConfig.parseAddress(vnc) : null;
        if (headless) {
            System.setProperty("java.awt.headless", "true");
        }
        long started = System.nanoTime();
        if (!headless) {
            DemoConsole.prepare();
        }
        DemoCluster cluster = DemoCluster.create();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicReference<DemoConsole> console = new AtomicReference<>();
        // Ctrl+C, SIGTERM, a failed start and the exit after the window closed all end here: sessions first, then
        // the rest. Registered before the start, so a stop while it starts still deletes the temporary directory.
        Thread hook = new Thread(() -> {
            DemoConsole shown = console.get();
            if (shown != null) {
                shown.close();
            }
            cluster.close();
            stopped.countDown();
        }, "ums-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            cluster.launch(bind, port, realVnc);
        } catch (DemoCluster.StoppedException e) {
            // the hook is stopping it all; the process ends once the hook is done
            stopped.await();
            return 0;
        }
        LOG.info("demo ready in {} ms", (System.nanoTime() - started) / 1_000_000);
        PrintWriter out = spec.commandLine().getOut();
        out.println("server: " + cluster.serverUrl());
        out.println("fingerprint: " + cluster.fingerprint());
        out.println("user: " + DemoCluster.USER);
        out.println("password: " + cluster.password());
        out.println("devices: " + String.join(", ", cluster.onlineDevices()));
        out.println("data: " + cluster.dataDir() + " (removed at exit)");
        out.println("webapp: " + cluster.webAppUrl());
        out.flush();
        if (!headless) {
            console.set(DemoConsole.open(cluster, stopped::countDown));
            LOG.info("console window shown {} ms after the start", (System.nanoTime() - started) / 1_000_000);
        }
        stopped.await();
        return 0;
    }
}
