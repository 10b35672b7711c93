package dev.ums.launcher;

import dev.ums.icg.IcgConfig;
import dev.ums.icg.IcgServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ums icg}: runs a Cloud Gateway until stopped. The secret shared with the server comes from the environment. */
@Command(name = "icg", mixinStandardHelpOptions = true,
        description = {"Runs a Cloud Gateway (ICG) that devices outside the network and the UMS server dial out to.",
                "Environment: UMS_ICG_SECRET (shared with the server; required)."})
final class IcgCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8443", paramLabel = "PORT", converter = PortNumber.class,
            description = "TLS port (default ${DEFAULT-VALUE}; 0 = any free port)")
    int port;

    @Option(names = "--data", paramLabel = "DIR", description = "data directory (default ~/.local/share/ums/icg)")
    Path data;

    @Option(names = "--bind", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
            description = "address to listen on (default ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--advertise-url", paramLabel = "URL",
            description = "base URL devices and consoles use to reach this gateway "
                    + "(default: the URL the server uses)")
    String advertiseUrl;

    @Option(names = "--unauthenticated-per-address", defaultValue = "64", paramLabel = "N",
            converter = AtLeastOne.class,
            description = "connections one address may hold open before they authenticated (default "
                    + "${DEFAULT-VALUE}); devices and signed-in consoles do not count")
    int unauthenticatedPerAddress;

    @Override
    public Integer call() throws Exception {
        IcgConfig config = new IcgConfig(port, bind, data != null ? data : DataDirs.data("icg"), advertiseUrl,
                System.getenv("UMS_ICG_SECRET"), Clock.systemUTC())
                .withUnauthenticatedPerAddress(unauthenticatedPerAddress);
        IcgServer gateway = IcgServer.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "ums-icg-stop"));
        System.out.println("fingerprint: " + gateway.fingerprint());
        System.out.println("ready: " + gateway.baseUrl());
        System.out.flush();
        gateway.awaitStop();
        return 0;
    }
}
