package dev.ums.viewer;

/**
 * The server asks for a user name and password in clear text (VeNCrypt Plain) and the settings do not allow them
 * ({@link VncSettings#clearTextPasswords()}); nothing was sent. A caller that offers a way to allow them may say so.
 */
public final class VncClearTextNotAllowedException extends VncProtocolException {
    private static final long serialVersionUID = 1L;

    public VncClearTextNotAllowedException() {
        super("The VNC server asks for a user name and password in clear text (VeNCrypt Plain), which anyone on the "
                + "network could read; they are sent only where clear-text passwords are allowed.");
    }
}
