package dev.ums.launcher;

import dev.ums.console.core.ImiException;
import dev.ums.console.gui.ImiFailureSentence;
import dev.ums.protocol.io.FileFailureSentence;
import dev.ums.viewer.VncClearTextNotAllowedException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns any failure of a subcommand into one sentence on stderr ({@link ImiFailureSentence}'s for the console's
 * failures with the server, {@link FileFailureSentence}'s for a file the command could not use, whose exception's
 * message is only its path, the viewer's with the option that changes its refusal where there is one); the stack
 * trace goes to the log. Runs on the thread that ran the subcommand.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(UserErrorHandler.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        LOG.debug("command failed", ex);
        String message;
        if (ex instanceof ImiException imi) {
            message = ImiFailureSentence.of(imi);
        } else if (ex instanceof VncClearTextNotAllowedException) {
            message = ex.getMessage() + " To send them anyway, run again with --allow-plain.";
        } else if (fileFailure(ex) instanceof FileSystemException file) {
            message = FileFailureSentence.of("access", file);
        } else {
            message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
        }
        cmd.getErr().println("error: " + message);
        return 1;
    }

    private static Throwable fileFailure(Exception ex) {
        return ex instanceof UncheckedIOException unchecked ? unchecked.getCause() : ex;
    }
}
