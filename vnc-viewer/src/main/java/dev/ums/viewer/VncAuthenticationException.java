package dev.ums.viewer;

/** The server refused our credentials; a caller may ask the user for another password and retry. */
public final class VncAuthenticationException extends VncProtocolException {
    private static final long serialVersionUID = 1L;

    public VncAuthenticationException(String userMessage) {
        super(userMessage);
    }
}
