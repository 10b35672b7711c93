package dev.ums.viewer;

/** Ends a VNC session whose server (or whatever carried its stream) closed the connection without a word. */
public final class VncServerClosedException extends VncProtocolException {
    private static final long serialVersionUID = 1L;

    public VncServerClosedException(Throwable cause) {
        super("The VNC server closed the connection.", cause);
    }
}
