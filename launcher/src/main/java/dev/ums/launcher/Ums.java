package dev.ums.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The single entry point {@code ums}: dispatches to the console, server, agent and tools. */
@Command(name = "ums",
        mixinStandardHelpOptions = true,
        versionProvider = Ums.Version.class,
        description = "UMS Console: shadow thin-client devices.",
        subcommands = {ProxyCommand.class, ServerCommand.class, AgentCommand.class, SnapshotCommand.class, ViewerCommand.class, IcgCommand.class})
public final class Ums implements Runnable {

    public static void main(String[] args) {
        int code = new CommandLine(new Ums()).setExecutionExceptionHandler(new UserErrorHandler()).execute(args);
        System.exit(code);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Reads the build's version, filtered into a resource at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Ums.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"ums " + p.getProperty("version", "unknown")};
        }
    }
}
