package dev.ums.console.gui.internal;

import dev.ums.console.core.ImiException;
import dev.ums.console.gui.ImiFailureSentence;
import dev.ums.viewer.VncProtocolException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into the one sentence a screen shows: capitalized, ending in a full stop, no stack trace; an
 * {@link ImiException}'s words come from {@link ImiFailureSentence}. A failure of a kind no sentence expects is logged
 * with its stack trace, where the sentence sends the user. Any thread.
 */
public final class UserSentence {
    private static final Logger LOG = LoggerFactory.getLogger(UserSentence.class);

    private UserSentence() {
    }

    public static String of(Throwable failure) {
        Throwable t = Workers.cause(failure);
        if (t instanceof ImiException imi) {
            return of(ImiFailureSentence.of(imi));
        }
        if (t instanceof VncProtocolException || t instanceof IllegalArgumentException
                || t instanceof java.io.IOException) {
            return of(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        LOG.warn("unexpected failure shown to the user", t);
        return of("unexpected error (" + t.getClass().getSimpleName() + "); details are in the console's log file");
    }

    /** Capitalizes the first letter and ends the text with a full stop. */
    public static String of(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            return s;
        }
        s = s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
        char last = s.charAt(s.length() - 1);
        return last == '.' || last == '!' || last == '?' ? s : s + ".";
    }
}
