package dev.ums.launcher;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns a command line that does not parse (an unknown option, a missing or invalid value) into one {@code error:}
 * line on stderr, with the likely meant name or where to find the options, instead of picocli's default of the
 * message followed by the whole usage text. Nothing is logged: the message repeats what was typed, which may be a
 * secret given where it does not belong ({@code --password hunter2}), and the log files are kept for days. Runs on
 * the main thread.
 */
final class ParameterErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        command.getErr().println("error: " + withoutErrorWord(ex.getMessage()) + hint(ex, command));
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** picocli begins the messages about option groups with its own "Error: ". */
    private static String withoutErrorWord(String message) {
        return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
    }

    private static String hint(ParameterException ex, CommandLine command) {
        List<String> suggestions = ex instanceof UnmatchedArgumentException unmatched
                ? unmatched.getSuggestions() : List.of();
        if (!suggestions.isEmpty()) {
            return "; did you mean " + String.join(" or ", suggestions) + "?";
        }
        if (ex instanceof UnmatchedArgumentException || ex instanceof MissingParameterException) {
            return "; '" + command.getCommandSpec().qualifiedName() + " --help' lists the options";
        }
        return "";
    }
}
