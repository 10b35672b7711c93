package dev.ums.launcher;

import dev.ums.console.gui.ConsoleApp;
import dev.ums.console.gui.ConfigDir;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ums console} (and plain {@code ums}): the Swing console administrators work in. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Open the UMS Console: log in to a server, browse devices and shadow them.",
            "Settings and the log files (ums-<date>.<n>.log) live in $XDG_CONFIG_HOME/ums-console"
                + " (default ~/.config/ums-console)."})
public final class ConsoleCommand implements Callable<Integer> {
    static final String LOG_DIR_PROPERTY = "ums.log.dir";

    @Option(names = "--config", paramLabel = "DIR", description = "settings directory (default: ${DEFAULT-VALUE})")
    Path config = ConfigDir.forUser();

    @Override
    public Integer call() throws Exception {
        ConsoleApp.start(config).awaitExit();
        return 0;
    }

    /**
     * Points the log files at the console's config directory before anything logs, when the command line
     * will open the console (no subcommand, or {@code console}); an explicit {@code -Dums.log.dir} wins.
     */
    static void routeLogs(String[] args) {
        boolean console = args.length == 0 || "console".equals(args[0]);
        if (!console || System.getProperty(LOG_DIR_PROPERTY) != null) {
            return;
        }
        System.setProperty(LOG_DIR_PROPERTY, configDir(args).toAbsolutePath().toString());
    }

    /** The directory {@code --config DIR} or {@code --config=DIR} names (the last one, as picocli), else the default. */
    private static Path configDir(String[] args) {
        Path dir = ConfigDir.forUser();
        for (int i = 1; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else if (args[i].startsWith("--config=")) {
                dir = Path.of(args[i].substring("--config=".length()));
            }
        }
        return dir;
    }
}
