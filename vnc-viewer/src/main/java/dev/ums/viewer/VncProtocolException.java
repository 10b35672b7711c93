package dev.ums.viewer;

import java.io.IOException;

/**
 * Ends a VNC session: the message is one sentence meant for the user (for example "The VNC
 * server rejected the password."), the cause, if any, carries the technical detail for the log.
 */
public class VncProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public VncProtocolException(String userMessage) {
        super(userMessage);
    }

    public VncProtocolException(String userMessage, Throwable cause) {
        super(userMessage, cause);
    }
}
