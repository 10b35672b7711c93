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
        subcommands = {ConsoleCommand.class, ProxyCommand.class, ServerCommand.class, AgentCommand.class, SnapshotCommand.class, ReplayCommand.class, ViewerCommand.class, IcgCommand.class,
                DemoCommand.class})
public final class Ums implements Runnable {

    public static void main(String[] args) {
        ConsoleCommand.routeLogs(args);
        int code = new CommandLine(new Ums()).setExecutionExceptionHandler(new UserErrorHandler()).execute(args);
        System.exit(code);
    }

    /** Plain {@code ums} opens the console, as the design asks; {@code ums --help} lists the rest. */
    @Override
    public void run() {
        try {
            int code = new ConsoleCommand().call();
            if (code != 0) {
                throw new IllegalStateException("the console ended with code " + code);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
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
