package dev.ums.console.gui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ums.console.core.ImiException;

/**
 * For assertions on what a user reads: {@code assertThatThrownBy(call).extracting(ImiSentences::of, STRING)}.
 * Any thread.
 */
public final class ImiSentences {
    private ImiSentences() {
    }

    /** The sentence for {@code failure}, which must be an {@link ImiException}. */
    public static String of(Throwable failure) {
        assertThat(failure).isInstanceOf(ImiException.class);
        return ImiFailureSentence.of((ImiException) failure);
    }
}
