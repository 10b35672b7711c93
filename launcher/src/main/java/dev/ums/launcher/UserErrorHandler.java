package dev.ums.launcher;

import dev.ums.console.core.ImiException;
import dev.ums.console.gui.ImiFailureSentence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns any failure of a subcommand into one sentence on stderr ({@link ImiFailureSentence}'s for the console's
 * failures with the server); the stack trace goes to the log. Runs on the thread that ran the subcommand.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UserErrorHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        LOG.debug("command failed", ex);
        String message;
        if (ex instanceof ImiException imi) {
            message = ImiFailureSentence.of(imi);
        } else {
            message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
        }
        cmd.getErr().println("error: " + message);
        return 1;
    }
}
