package dev.ums.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The single entry point {@code ums}: dispatches to the console, server, agent and tools. Runs on the main thread.
 *
 * <p>The subcommands are not listed in the annotation: picocli reads every listed subcommand's options through
 * reflection and creates each one, which for {@code ums viewer} was about two fifths of the main thread's start
 * (docs/BENCHMARKS.md). {@link #commandLine(String...)} adds only the subcommand the arguments name, or all of them
 * when they name none ({@code ums --help}, a misspelt name, plain {@code ums}).
 */
@Command(name = "ums",
        mixinStandardHelpOptions = true,
        versionProvider = Ums.Version.class,
        description = "UMS Console: shadow thin-client devices.")
public final class Ums implements Runnable {
    /** Every subcommand, in the order {@code ums --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(ConsoleCommand.class, ProxyCommand.class, ServerCommand.class,
            AgentCommand.class, SnapshotCommand.class, ReplayCommand.class, ViewerCommand.class, IcgCommand.class,
            DemoCommand.class);

    public static void main(String[] args) {
        ConsoleCommand.routeLogs(args);
        int code = commandLine(args).execute(args);
        System.exit(code);
    }

    /**
     * The command line for {@code args}: {@code ums} with the subcommand {@code args} begin with, else with all; either
     * way a failure to parse or to run is told in one {@code error:} line.
     */
    static CommandLine commandLine(String... args) {
        CommandLine line = new CommandLine(new Ums());
        String first = args.length > 0 ? args[0] : null;
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (subcommand.getAnnotation(Command.class).name().equals(first)) {
                return withErrorHandlers(line.addSubcommand(subcommand));
            }
        }
        for (Class<?> subcommand : SUBCOMMANDS) {
            line.addSubcommand(subcommand);
        }
        return withErrorHandlers(line);
    }

    /** Set once the subcommands are in: picocli passes a handler only to the subcommands present at the time. */
    private static CommandLine withErrorHandlers(CommandLine line) {
        return line.setParameterExceptionHandler(new ParameterErrorHandler())
                .setExecutionExceptionHandler(new UserErrorHandler());
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
