package dev.ums.launcher;

import dev.ums.agent.AgentConfig;
import dev.ums.agent.DeviceAgent;
import dev.ums.agent.SessionIndicator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ums agent}: runs the device agent until Ctrl+C or SIGTERM. The enrollment token comes from the environment. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = {"Runs the device agent: enrolls once, stays connected to the server and lets "
                + "administrators shadow this device's VNC server, with the user's consent unless switched off.",
                "Behind a Cloud Gateway give --icg URL and the gateway's --fingerprint instead of --server: enrollment "
                + "and the device connection go through the gateway.",
                "With --os 11 the device also serves secure VNC: TLS on --secure-port with its own certificate "
                + "(sent to the server at enrollment) and one-time session passwords checked with the server.",
                "Environment: UMS_ENROLLMENT_TOKEN (first start only)."})
final class AgentCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Upstream upstream;

    /** Where the device connects: the server itself, or a Cloud Gateway that serves the same device paths. */
    static final class Upstream {
        @Option(names = "--server", required = true, paramLabel = "URL",
                description = "the server's URL, e.g. https://ums.example:8443")
        String server;

        @Option(names = "--icg", required = true, paramLabel = "URL",
                description = "instead of --server: a Cloud Gateway's URL, for devices outside the network")
        String icg;

        String url() {
            return server != null ? server : icg;
        }
    }

    @Option(names = "--fingerprint", required = true, paramLabel = "HEX",
            description = "SHA-256 fingerprint of the certificate of the server, or of the gateway with --icg")
    String fingerprint;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "this device's name in the console")
    String name;

    @Option(names = "--vnc", defaultValue = "127.0.0.1:5900", paramLabel = "HOST:PORT",
            description = "the device's VNC server (default ${DEFAULT-VALUE})")
    String vnc;

    @Option(names = "--data", paramLabel = "DIR",
            description = "where the credential is kept (default ~/.local/share/ums/agent-<name>)")
    Path data;

    @Option(names = "--prompt-user", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "ask the person at the device before a session (default on)")
    boolean promptUser;

    @Option(names = "--allow-input", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "let administrators type and point (default on)")
    boolean allowInput;

    @Option(names = "--os", defaultValue = "12", paramLabel = "11|12",
            description = "which OS generation to behave as (default ${DEFAULT-VALUE}); 11 adds the secure VNC port")
    String os;

    @Option(names = "--secure-port", defaultValue = "5900", paramLabel = "PORT",
            description = "OS 11 only: the secure VNC port (default ${DEFAULT-VALUE}; 0 = any free port, printed at start)")
    int securePort;

    @Override
    public Integer call() throws Exception {
        AgentConfig config = AgentConfig.builder(upstream.url(), fingerprint, name,
                        data != null ? data : AgentConfig.defaultDataDir(name))
                .vnc(AgentConfig.parseAddress(vnc)).promptUser(promptUser).allowInput(allowInput)
                .enrollmentToken(System.getenv("UMS_ENROLLMENT_TOKEN")).os(os, securePort, null)
                .indicator(SessionIndicator.forThisDisplay()).build();
        CountDownLatch stopped = new CountDownLatch(1);
        DeviceAgent agent = DeviceAgent.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            stopped.countDown();
        }, "ums-agent-stop"));
        System.out.println("agent: " + name + " enrolled as " + agent.deviceId());
        agent.securePort().ifPresent(port -> System.out.println("secure vnc: " + port));
        System.out.flush();
        agent.addOnlineListener(online -> {
            System.out.println(online ? "online" : "offline, reconnecting");
            System.out.flush();
        });
        stopped.await();
        return 0;
    }
}
