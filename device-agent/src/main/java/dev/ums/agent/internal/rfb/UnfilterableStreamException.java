package dev.ums.agent.internal.rfb;

import java.io.IOException;

/** The viewer's stream contains something whose length the filter cannot know, so input cannot be removed. */
public final class UnfilterableStreamException extends IOException {
    public UnfilterableStreamException(String message) {
        super(message);
    }
}
