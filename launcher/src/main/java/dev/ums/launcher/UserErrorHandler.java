package dev.ums.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Turns any failure of a subcommand into one sentence on stderr; the stack trace goes to the log. */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UserErrorHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        LOG.debug("command failed", ex);
        String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
        cmd.getErr().println("error: " + message);
        return 1;
    }
}
